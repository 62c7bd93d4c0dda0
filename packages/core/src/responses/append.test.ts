// The Responses fragment fast path (append.ts): in a run folder, fragments wait as the batch's text path;
// without one, each delta copies its path. Either way the state is what the general fold gives.
import { describe, expect, it } from 'vitest'
import { ALL_FOLDS, reduceRun } from '../all-wires.js'
import { createRunFolder, initialRunState } from '../reduce.js'
import { seededRandom } from '../test-utils/recordings.js'
import type { RunState, RunStreamEvent } from '../types.js'
import { selectResponses } from './select.js'

type Json = Record<string, any>

/** Events without sequence numbers: `numbered` gives them theirs, in order. */
const numbered = (events: Json[], from = 0): RunStreamEvent[] =>
  events.map((e, i) => ({ event: e.type, data: { ...e, sequence_number: from + i } }) as RunStreamEvent)
const fold = (events: RunStreamEvent[], state: RunState = initialRunState) => events.reduce(reduceRun, state)

const text = (output_index: number, delta: unknown, content_index = 0): Json => ({
  type: 'response.output_text.delta',
  item_id: 'msg_1',
  output_index,
  content_index,
  delta,
  logprobs: [],
})
const args = (delta: unknown): Json => ({
  type: 'response.function_call_arguments.delta',
  item_id: 'fc_1',
  output_index: 1,
  delta,
})
const summary = (delta: unknown): Json => ({
  type: 'response.reasoning_summary_text.delta',
  item_id: 'rs_1',
  output_index: 2,
  summary_index: 0,
  delta,
})
const outputText = (t: string) => ({ type: 'output_text', annotations: [], logprobs: [], text: t })

/** A response with a message of two text parts, a function call and a reasoning item with a summary part. */
const opening: Json[] = [
  {
    type: 'response.created',
    response: { id: 'resp_1', object: 'response', status: 'in_progress', output: [] },
  },
  {
    type: 'response.output_item.added',
    output_index: 0,
    item: { id: 'msg_1', type: 'message', status: 'in_progress', content: [], role: 'assistant' },
  },
  {
    type: 'response.content_part.added',
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    part: outputText(''),
  },
  {
    type: 'response.content_part.added',
    item_id: 'msg_1',
    output_index: 0,
    content_index: 1,
    part: outputText(''),
  },
  {
    type: 'response.output_item.added',
    output_index: 1,
    item: {
      id: 'fc_1',
      type: 'function_call',
      status: 'in_progress',
      arguments: '',
      call_id: 'c',
      name: 'f',
    },
  },
  {
    type: 'response.output_item.added',
    output_index: 2,
    item: { id: 'rs_1', type: 'reasoning', summary: [] },
  },
  {
    type: 'response.reasoning_summary_part.added',
    item_id: 'rs_1',
    output_index: 2,
    summary_index: 0,
    part: { type: 'summary_text', text: '' },
  },
  text(0, 'a'),
]
const base = fold(numbered(opening))
const after = opening.length

/** Folds `events` (numbered on from the opening) both ways; every snapshot and the end must agree. */
function expectSameFold(events: Json[], snapshotEvery = 0, from: RunState = base) {
  const stream = numbered(events, after)
  const folder = createRunFolder(from, ALL_FOLDS)
  let pure = from
  const handedOut: Array<[RunState, string]> = []
  stream.forEach((event, i) => {
    folder.push(event)
    pure = reduceRun(pure, event)
    if (snapshotEvery > 0 && i % snapshotEvery === snapshotEvery - 1) {
      const snapshot = folder.snapshot()
      expect(snapshot).toEqual(pure)
      handedOut.push([snapshot, JSON.stringify(snapshot)])
    }
  })
  const end = folder.snapshot()
  expect(end).toEqual(pure)
  // A snapshot is never written again, nor the state the folder started from.
  for (const [snapshot, json] of handedOut) expect(JSON.stringify(snapshot)).toBe(json)
  expect(selectResponses(from)[0]!.output_text).toBe('a')
  return end
}

describe('fragments a batch keeps pending (Responses)', () => {
  it('are in the text before any other event reads or replaces it', () => {
    const between: Json[][] = [
      [text(0, 'p', 1)],
      [args('{"k"')],
      [summary('thinking')],
      [text(0, 'q', 5)], // no such part: the general fold's error
      [text(7, 'q')], // no such item
      [{ ...text(0, 'L'), logprobs: [{ token: 'L', logprob: -1, bytes: [76], top_logprobs: [] }] }],
      [{ ...text(0, 'n'), response: { id: 'resp_1' } }],
      [
        {
          type: 'response.output_text.done',
          item_id: 'msg_1',
          output_index: 0,
          content_index: 0,
          text: 'axyz!',
        },
      ],
      [
        {
          type: 'response.content_part.done',
          item_id: 'msg_1',
          output_index: 0,
          content_index: 0,
          part: outputText('P'),
        },
      ],
      [
        {
          type: 'response.output_text.annotation.added',
          item_id: 'msg_1',
          output_index: 0,
          content_index: 0,
          annotation_index: 0,
          annotation: { type: 'url_citation', url: 'https://example.com', start_index: 0, end_index: 1 },
        },
      ],
      [
        {
          type: 'response.output_item.done',
          output_index: 0,
          item: {
            id: 'msg_1',
            type: 'message',
            status: 'completed',
            content: [outputText('done')],
            role: 'assistant',
          },
        },
      ],
      [{ type: 'response.in_progress', response: { id: 'resp_1', status: 'in_progress', output: [] } }],
      [{ type: 'error', code: 'boom', message: 'Boom.' }],
      [{ type: 'response.refusal.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'no' }],
      [],
    ]
    // Without a snapshot, and with one (a new batch, the text's tail carried over) after every event or two.
    for (const every of [0, 1, 2]) {
      for (const events of between) {
        const end = expectSameFold(
          [text(0, 'x'), text(0, 'y'), text(0, 'z'), ...events, text(0, 'w'), text(0, 'v'), text(0, 'u')],
          every,
        )
        expect(end.responses?.length, JSON.stringify(events)).toBe(1)
      }
    }
  })

  it('wait per text: interleaved parts, items and fragment kinds give what reduceRun gives', () => {
    const random = seededRandom(3)
    const makers = [
      (d: string) => text(0, d),
      (d: string) => text(0, d, 1),
      args,
      summary,
      (d: string) => ({ ...text(0, d), delta: 5 }), // not a string: adds nothing
    ]
    for (const every of [0, 1, 2, 3, 7]) {
      const events = Array.from({ length: 400 }, (_, i) =>
        makers[Math.floor(random() ** 3 * makers.length)]!(`${i % 10}`),
      )
      const end = expectSameFold(events, every)
      expect(selectResponses(end)[0]!.output_text.length).toBeGreaterThan(100)
    }
  })

  it('ignore a replayed fragment and report a gap as the general fold does', () => {
    const stream = numbered([text(0, 'x'), text(0, 'y')], after)
    const replayed = [...stream, stream[0]!, stream[1]!]
    const gap = { event: 'response.output_text.delta', data: { ...text(0, 'G'), sequence_number: after + 9 } }
    for (const events of [
      replayed,
      [...stream, gap as RunStreamEvent, ...numbered([text(0, 'h')], after + 10)],
    ]) {
      const folder = createRunFolder(base, ALL_FOLDS)
      for (const event of events) folder.push(event)
      expect(folder.snapshot()).toEqual(fold(events, base))
    }
    expect(selectResponses(fold(replayed, base))[0]!.output_text).toBe('axy')
    expect(fold(replayed, base).responses?.[0]?.sequence).toBe(after + 1)
  })

  it('in a long batch are written in as it goes, and the text is whole however long it runs', () => {
    for (const length of [255, 256, 257, 1000]) {
      const events = Array.from({ length }, (_, i) => text(0, i % 7 === 0 ? '' : String(i % 10)))
      const end = expectSameFold(events)
      expect(selectResponses(end)[0]!.output_text).toHaveLength(1 + length - Math.ceil(length / 7))
    }
  })

  it('of two folders from one state never mix', () => {
    const folders = [createRunFolder(base, ALL_FOLDS), createRunFolder(base, ALL_FOLDS)]
    const pure = [base, base]
    const random = seededRandom(9)
    for (let i = 0; i < 300; i++) {
      const k = random() < 0.5 ? 0 : 1
      // Each folder numbers its own events.
      const own = numbered([text(0, 'xy'[k]!)], pure[k]!.responses![0]!.sequence + 1)[0]!
      folders[k]!.push(own)
      pure[k] = reduceRun(pure[k]!, own)
      if (random() < 0.1) expect(folders[k]!.snapshot()).toEqual(pure[k])
    }
    for (const k of [0, 1]) expect(folders[k]!.snapshot()).toEqual(pure[k])
    expect(selectResponses(pure[0]!)[0]!.output_text).toMatch(/^ax+$/)
    expect(selectResponses(pure[1]!)[0]!.output_text).toMatch(/^ay+$/)
  })
})

describe('a fragment without a batch (reduceRun)', () => {
  it('copies its path and leaves the state it was given as it was', () => {
    const json = JSON.stringify(base)
    const next = reduceRun(base, numbered([text(0, 'b')], after)[0]!)
    expect(JSON.stringify(base)).toBe(json)
    expect(selectResponses(next)[0]!.output_text).toBe('ab')
    expect(next.responses?.[0]?.output[1]).toBe(base.responses?.[0]?.output[1])
    expect(next.responses?.[0]?.response).toBe(base.responses?.[0]?.response)
  })

  it('from any state it gave, a branch, or a state revived from JSON: the text of its own events', () => {
    // Past the fragments a text builder joins at once (text-builder.ts), interleaved with another text.
    const events = numbered(
      Array.from({ length: 300 }, (_, i) => (i % 7 === 6 ? args(`${i},`) : text(0, `${i} `))),
      after,
    )
    const states = [base]
    for (const event of events) states.push(reduceRun(states[states.length - 1]!, event))
    const textOf = (state: RunState) => selectResponses(state)[0]!.output_text
    const argsOf = (state: RunState) => (state.responses![0]!.output[1] as Json).arguments
    const seen = states.map((state) => [textOf(state), argsOf(state), JSON.stringify(state)])
    for (const at of [0, 5, 64, 65, 130, 299, 300]) {
      const from = states[at]!
      const next = numbered([text(0, 'X'), text(0, 'Y'), args('Z')], after + at)
      const branch = fold(next, from)
      expect(branch.error).toBeNull()
      expect(textOf(branch)).toBe(`${textOf(from)}XY`)
      expect(argsOf(branch)).toBe(`${argsOf(from)}Z`)
      const revived = fold(next, JSON.parse(JSON.stringify(from)) as RunState)
      expect(revived.error).toBeNull()
      expect(revived).toEqual(branch)
    }
    // No state given out reads differently for what came after it.
    states.forEach((state, i) => {
      expect([textOf(state), argsOf(state), JSON.stringify(state)]).toEqual(seen[i])
    })
    expect(createRunFolder(base, ALL_FOLDS).snapshot()).toEqual(base)
  })
})

describe('the pure path appending again to the text it appended to last', () => {
  const next = (state: RunState, event: Json) =>
    reduceRun(state, {
      event: event.type,
      data: { ...event, sequence_number: selectSequence(state) + 1 },
    } as RunStreamEvent)
  const selectSequence = (state: RunState) => state.responses!.at(-1)!.sequence

  it('leaves every earlier state as it was, and a second branch from one is its own', () => {
    const one = next(base, text(0, 'b'))
    const two = next(one, text(0, 'c'))
    // From `one` again (the memo now names `two`): the whole walk, and `two` is untouched.
    const other = next(one, text(0, 'X'))
    const three = next(two, text(0, 'd'))
    const texts = (s: RunState) => selectResponses(s)[0]!.output_text
    expect([texts(base), texts(one), texts(two), texts(other), texts(three)]).toEqual([
      'a',
      'ab',
      'abc',
      'abX',
      'abcd',
    ])
    // The path was copied, not written: each state's own objects.
    expect(three.responses![0]!.output[0]).not.toBe(two.responses![0]!.output[0])
    expect(two.responses![0]!.output[1]).toBe(three.responses![0]!.output[1])
  })

  it('keeps keys the copies do not know, on the state and on every object of the path', () => {
    const item = {
      id: 'msg_1',
      type: 'message',
      status: 'in_progress',
      content: [],
      role: 'assistant',
      phase: 'final',
    }
    const events = numbered([
      {
        type: 'response.created',
        response: { id: 'resp_1', object: 'response', status: 'in_progress', output: [] },
      },
      { type: 'response.output_item.added', output_index: 0, item },
      {
        type: 'response.content_part.added',
        item_id: 'msg_1',
        output_index: 0,
        content_index: 0,
        part: { ...outputText(''), extra: 1 },
      },
    ])
    let state = { ...fold(events), mine: true } as RunState
    for (const delta of ['a', 'b', 'c']) state = next(state, text(0, delta))
    const message = state.responses![0]!.output[0] as Json
    expect((state as Json).mine).toBe(true)
    expect(message.phase).toBe('final')
    expect(message.content[0]).toEqual({ ...outputText('abc'), extra: 1 })
    expect(Object.keys(message)).toEqual(Object.keys(item))
  })

  it('takes the whole walk for another text, part or item, and for a state it did not make', () => {
    let state = next(base, text(0, 'b'))
    state = next(state, text(0, 'p', 1))
    state = next(state, args('{"k"'))
    state = next(state, text(0, 'c'))
    // A copy of the state the last append made is not that state: same result, by the walk.
    state = next({ ...state }, text(0, 'd'))
    const message = state.responses![0]!.output[0] as Json
    expect(message.content.map((part: Json) => part.text)).toEqual(['abcd', 'p'])
    expect((state.responses![0]!.output[1] as Json).arguments).toBe('{"k"')
  })
})
