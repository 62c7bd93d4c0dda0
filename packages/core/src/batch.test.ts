import type { TextContentBlock } from 'openai/resources/beta/threads/messages'
import { describe, expect, it } from 'vitest'
import { ALL_FOLDS, reduceRun } from './all-wires.js'
import { copyMessage, copyState, copyText, copyTextPart, MESSAGE_KEYS, STATE_KEYS } from './batch.js'
import { createRunFolder, initialRunState } from './reduce.js'
import { selectMessageText } from './selectors.js'
import { assistantMessage, ev } from './test-utils/events.js'
import { loadRecordings, seededRandom } from './test-utils/recordings.js'
import type { Message, RunState, RunStreamEvent } from './types.js'

const created = (id: string) => ev('thread.message.created', assistantMessage(id))

/** A text delta in the API's shape (the reducer's fast path), `first` with the annotations list. */
const delta = (id: string, value: string, index = 0, first = false) =>
  ev('thread.message.delta', {
    id,
    object: 'thread.message.delta',
    delta: { content: [{ index, type: 'text', text: first ? { value, annotations: [] } : { value } }] },
  })

const text = (state: RunState, id: string) => selectMessageText(state.messages[id] as Message)
const partText = (state: RunState) =>
  (state.messages.msg_1!.content[0] as { text: { value: string } }).text.value

/** One run on one thread, up to a message with two text parts that are being streamed. */
const start = [
  created('msg_1'),
  delta('msg_1', 'a', 0, true),
  delta('msg_1', 'b', 1, true),
  created('msg_2'),
  delta('msg_2', 'c', 0, true),
]

describe('batches of two folders on one thread', () => {
  it('never mix: each folder appends to its own copy of the same part, whatever the interleaving', () => {
    const base = start.reduce(reduceRun, initialRunState)
    const random = seededRandom(11)
    for (let round = 0; round < 30; round++) {
      // Both start from the same state, so their first copies come from the same objects.
      const folders = [createRunFolder(base, ALL_FOLDS), createRunFolder(base, ALL_FOLDS)]
      const pure = [base, base]
      const handedOut: Array<[RunState, string]> = []
      for (let i = 0; i < 200; i++) {
        const k = random() < 0.5 ? 0 : 1
        // Mostly the same message and part in both folders: the path a shared `hot` would confuse.
        const event = delta(random() < 0.8 ? 'msg_1' : 'msg_2', `${'xy'[k]}${i}`, random() < 0.7 ? 0 : 1)
        folders[k]!.push(event)
        pure[k] = reduceRun(pure[k]!, event)
        if (random() < 0.1) {
          const snapshot = folders[k]!.snapshot()
          expect(snapshot).toEqual(pure[k])
          handedOut.push([snapshot, JSON.stringify(snapshot)])
        }
      }
      for (const k of [0, 1]) expect(folders[k]!.snapshot()).toEqual(pure[k])
      expect(text(pure[0]!, 'msg_1')).not.toMatch(/y/)
      expect(text(pure[1]!, 'msg_1')).not.toMatch(/x/)
      for (const [snapshot, json] of handedOut) expect(JSON.stringify(snapshot)).toBe(json)
      // The state both started from was never written.
      expect(text(base, 'msg_1')).toBe('a\n\nb')
    }
  })

  it('keep apart when one push happens inside another (a getter on the event) or a pure reduce runs between', () => {
    const base = start.reduce(reduceRun, initialRunState)
    const outer = createRunFolder(base, ALL_FOLDS)
    const inner = createRunFolder(base, ALL_FOLDS)
    let pureInner = base
    const innerEvent = delta('msg_1', 'I')
    // A delta whose text is read through a getter that feeds the other folder and the pure reducer.
    const sneaky = delta('msg_1', '')
    const textPart = (sneaky as unknown as { data: { delta: { content: [{ text: object }] } } }).data.delta
      .content[0]
    textPart.text = {
      get value() {
        inner.push(innerEvent)
        pureInner = reduceRun(pureInner, innerEvent)
        return 'O'
      },
    }
    outer.push(delta('msg_1', 'o'))
    inner.push(delta('msg_1', 'i'))
    pureInner = reduceRun(pureInner, delta('msg_1', 'i'))
    outer.push(sneaky)
    outer.push(delta('msg_1', 'o'))
    const handedOut = outer.snapshot()
    const between = reduceRun(handedOut, delta('msg_1', 'p'))
    outer.push(delta('msg_1', 'o'))
    inner.push(delta('msg_1', 'i'))
    pureInner = reduceRun(pureInner, delta('msg_1', 'i'))
    expect(partText(outer.snapshot())).toBe('aoOoo')
    expect(partText(handedOut)).toBe('aoOo')
    expect(partText(between)).toBe('aoOop')
    // The getter ran once per read of the value: the inner folder got one 'I' for each.
    expect(partText(pureInner)).toMatch(/^aiI+i$/)
    expect(inner.snapshot()).toEqual(pureInner)
    expect(partText(base)).toBe('a')
  })
})

describe('fragments a batch keeps pending', () => {
  it('are in the text before anything reads it: another part, a merge, other events, a snapshot', () => {
    const annotated = ev('thread.message.delta', {
      id: 'msg_1',
      delta: {
        content: [
          {
            index: 0,
            type: 'text',
            text: { value: '[1]', annotations: [{ type: 'file_citation', text: '[1]' }] },
          },
        ],
      },
    })
    const step = ev('thread.run.step.created', {
      id: 'step_1',
      object: 'thread.run.step',
      type: 'message_creation',
    })
    const others: RunStreamEvent[][] = [
      [delta('msg_1', 'p', 1)],
      [delta('msg_2', 'q')],
      [annotated],
      [step],
      [
        ev('thread.message.delta', {
          id: 'msg_1',
          delta: { content: [{ index: 0, type: 'text', text: 5 }] },
        }),
      ],
      [ev('error', { message: 'boom' })],
      [ev('thread.message.in_progress', { id: 'msg_1' })],
      [ev('runline.snapshot', { threadId: 'thread_2' })],
      [created('msg_1')],
      [ev('runline.reset'), ...start],
      [],
    ]
    for (const between of others) {
      const events = [
        delta('msg_1', 'x'),
        delta('msg_1', 'y'),
        delta('msg_1', 'z'),
        ...between,
        delta('msg_1', 'w'),
        delta('msg_1', 'v'),
      ]
      const base = start.reduce(reduceRun, initialRunState)
      const folder = createRunFolder(base, ALL_FOLDS)
      let pure = base
      for (const event of events) {
        folder.push(event)
        pure = reduceRun(pure, event)
      }
      expect(folder.snapshot(), JSON.stringify(between)).toEqual(pure)
    }
  })
})

describe('a long batch', () => {
  it('writes its fragments in as it goes and gives the text reduceRun gives, however long it runs', () => {
    const base = start.reduce(reduceRun, initialRunState)
    const random = seededRandom(17)
    for (const length of [255, 256, 257, 1000, 3000]) {
      const folder = createRunFolder(base, ALL_FOLDS)
      let pure = base
      for (let i = 0; i < length; i++) {
        const event = delta('msg_1', i % 7 === 0 ? '' : String(i % 10))
        folder.push(event)
        pure = reduceRun(pure, event)
        // Now and then a snapshot (a commit) in the middle of a long batch.
        if (random() < 0.002) expect(folder.snapshot()).toEqual(pure)
      }
      expect(folder.snapshot()).toEqual(pure)
      expect(partText(pure)).toHaveLength(1 + length - Math.ceil(length / 7))
    }
  })
})

describe('the copies on a text delta path', () => {
  const state = start.reduce(reduceRun, initialRunState)
  const message = state.messages.msg_1!
  const part = message.content[0] as TextContentBlock & { index: number }
  const cases: Array<[string, (value: any) => object, object]> = [
    ['state', copyState, state],
    ['message', copyMessage, message],
    ['text part', copyTextPart, part],
    ['text', copyText, part.text],
  ]

  it('equal a spread, key order included, for the shapes they know and for any other', () => {
    for (const [name, copy, value] of cases) {
      const keys = Object.keys(value)
      const variants: object[] = [
        value,
        // Other orders, a key more, a key less, an inherited key: all take the spread.
        Object.fromEntries(Object.entries(value).reverse()),
        { ...value, extra: 1 },
        Object.fromEntries(Object.entries(value).slice(1)),
        Object.assign(Object.create({ inherited: true }), value),
      ]
      for (const variant of variants) {
        const copied = copy(variant)
        expect(copied, name).not.toBe(variant)
        expect(copied, name).toStrictEqual({ ...variant })
        expect(Object.keys(copied), name).toEqual(Object.keys({ ...variant }))
      }
      expect(Object.keys(copy(value)), name).toEqual(keys)
    }
  })

  it('know every key of the run state and of an API message (else they fall back to the slow spread)', () => {
    // A new RunState field goes into STATE_KEYS and copyState, in initialRunState's order.
    expect(Object.keys(initialRunState)).toEqual(STATE_KEYS)
    expect(Object.keys(state)).toEqual(STATE_KEYS)
    const real = loadRecordings().find((r) => r.name.includes('text-only__gpt-4o'))!
    const created = new TextDecoder()
      .decode(real.bytes)
      .split('\n')
      .find((line) => line.startsWith('data: {"id":"msg_'))!
    expect(Object.keys(JSON.parse(created.slice(6)))).toEqual(MESSAGE_KEYS)
  })
})
