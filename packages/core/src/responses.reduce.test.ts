import { describe, expect, it } from 'vitest'
import { ALL_FOLDS, reduceRun } from './all-wires.js'
import { selectRequiredApprovals } from './approvals.js'
import { MAX_ARRAY_GROWTH } from './merge.js'
import { parseRunStream } from './parse.js'
import { initialRunState } from './reduce.js'
import { selectResponses } from './responses/select.js'
import {
  selectError,
  selectRequiredToolCalls,
  selectStatus,
  selectTimeline,
  selectUsage,
} from './selectors.js'
import { generateResponsesStream } from './test-utils/generate-responses.js'
import { seededRandom, streamOf, utf8 } from './test-utils/recordings.js'
import { loadResponsesRecordings } from './test-utils/responses.js'
import type { RunState, RunStreamEvent } from './types.js'

type Json = Record<string, any>
const ev = (data: Json) => ({ event: data.type, data }) as RunStreamEvent
const foldAll = (events: Json[], state: RunState = initialRunState) =>
  events.reduce<RunState>((s, e) => reduceRun(s, ev(e)), state)
const recordings = loadResponsesRecordings()
const byName = (name: string) => recordings.find((r) => r.name.includes(name))!

const response = (id: string, extra: Json = {}) => ({
  id,
  object: 'response',
  status: 'in_progress',
  output: [],
  ...extra,
})
const created = (id: string, seq = 0) => ({
  type: 'response.created',
  sequence_number: seq,
  response: response(id),
})
const added = (seq: number, output_index: unknown, item: Json) => ({
  type: 'response.output_item.added',
  sequence_number: seq,
  output_index,
  item,
})

describe('parse: Responses SSE and NDJSON', () => {
  it('names an event by its type when the `event:` line is absent, and keeps an error event’s sequence_number', async () => {
    const body = utf8(
      'data: {"type":"response.created","sequence_number":0,"response":{"id":"r"}}\n\n' +
        'event: error\ndata: {"type":"error","sequence_number":1,"error":{"code":"x","message":"m"}}\n\n',
    )
    const events = []
    for await (const event of parseRunStream(streamOf([body]))) events.push(event)
    expect(events.map((e) => e.event)).toEqual(['response.created', 'error'])
    expect(events[1]!.data).toEqual({ code: 'x', message: 'm', sequence_number: 1 })
    const ndjson = utf8('{"type":"response.created","sequence_number":0,"response":{"id":"r"}}\n')
    for await (const event of parseRunStream(streamOf([ndjson]), { format: 'ndjson' })) {
      expect(event.event).toBe('response.created')
    }
  })
})

describe('reduceRun on the Responses wire', () => {
  it('splits a turn into responses at each response.created (4 in the encrypted-content recording)', () => {
    const state = foldAll(byName('reasoning-encrypted').events)
    expect(selectResponses(state)).toHaveLength(4)
    expect(state.phase).toBe('open')
  })

  it('ignores a duplicate or old event (a re-attached stream) and returns the same state', () => {
    const events = byName('mcp-tool-approval.2').events
    const state = foldAll(events)
    expect(foldAll(events.slice(0, 20), state)).toBe(state)
    expect(reduceRun(state, ev(events[0]!))).toBe(state)
  })

  it('reports a sequence gap as an input error and folds on', () => {
    const events = byName('mcp-tool-approval.2').events
    const state = foldAll([...events.slice(0, 5), ...events.slice(7)])
    expect(state.error).toMatchObject({ code: 'sequence_gap', source: 'input' })
    expect(selectResponses(state)[0]!.status).toBe('completed')
  })

  it('keys items by output_index when item ids rotate (copilot) and keeps unknown item types whole', () => {
    const state = foldAll(byName('github-copilot').events)
    const [r] = selectResponses(state)
    expect(r!.output.map((item) => item.type)).toEqual(['reasoning', 'message'])
    const patch = selectResponses(foldAll(byName('apply-patch').events))[0]!
    expect(patch.output[0]!.type).toBe('apply_patch_call')
    expect(selectTimeline(foldAll(byName('tool-search').events)).map((row) => row.item?.type)).toEqual([
      'tool_search_call',
      'tool_search_output',
      'function_call',
    ])
  })

  it('keeps partial images and error events outside the accumulated response', () => {
    const image = foldAll(byName('image-generation').events).responses![0]!
    expect(Object.values(image.partialImages)).toHaveLength(1)
    expect(JSON.stringify(selectResponses(foldAll(byName('image-generation').events)))).not.toContain(
      'partial_image_b64',
    )
    const failed = foldAll(byName('openai-error').events)
    expect(failed.responses![0]!.errors).toHaveLength(1)
    expect(selectError(failed)).toMatchObject({ code: 'insufficient_quota' })
    expect(selectStatus(failed)).toBe('failed')
    expect(failed.phase).toBe('errored')
  })

  it('refuses an absurd or non-integer output_index, and never pollutes a prototype', () => {
    let state = foldAll([created('r')])
    for (const index of [MAX_ARRAY_GROWTH + 5, -1, 1.5, '__proto__', 'constructor', Number.NaN, null]) {
      const next = reduceRun(state, ev(added(1, index, { type: 'message', id: 'm', content: [] })))
      expect(next.error).toMatchObject({ code: 'invalid_index', source: 'input' })
      expect(next.responses![0]!.output).toHaveLength(0)
      state = { ...next, error: null, responses: [{ ...next.responses![0]!, sequence: 0 }] }
    }
    const hostile = JSON.parse(
      '{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"message","id":"m","content":[],"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}}',
    )
    const next = foldAll(
      [
        hostile,
        {
          type: 'response.content_part.added',
          sequence_number: 2,
          output_index: 0,
          content_index: 0,
          part: JSON.parse('{"type":"output_text","text":"","annotations":[],"__proto__":{"x":1}}'),
        },
        {
          type: 'response.output_text.delta',
          sequence_number: 3,
          output_index: 0,
          content_index: 0,
          delta: 'hi',
        },
        {
          type: 'response.output_text.annotation.added',
          sequence_number: 4,
          output_index: 0,
          content_index: 0,
          annotation_index: '__proto__',
          annotation: {},
        },
      ],
      foldAll([created('r')]),
    )
    expect(({} as Json).polluted).toBeUndefined()
    expect(({} as Json).x).toBeUndefined()
    expect(selectResponses(next)[0]!.output_text).toBe('hi')
  })

  it('never throws on hostile or random input', () => {
    const rnd = seededRandom(99)
    const junk = [
      null,
      1,
      'x',
      [],
      {},
      { type: 1 },
      { response: null },
      { output_index: 1e12 },
      { item: 'x' },
    ]
    const names = [
      'response.created',
      'response.output_item.added',
      'response.output_text.delta',
      'response.completed',
      'response.whatever',
      'error',
    ]
    const base = generateResponsesStream(3).events
    let state = initialRunState
    for (let i = 0; i < 2000; i++) {
      const pickBase = base[Math.floor(rnd() * base.length)]!
      const data =
        rnd() < 0.5
          ? junk[Math.floor(rnd() * junk.length)]
          : { ...pickBase, sequence_number: Math.floor(rnd() * 50) }
      const name = rnd() < 0.5 ? names[Math.floor(rnd() * names.length)]! : String(pickBase.type)
      expect(() => {
        state = reduceRun(state, { event: name, data } as RunStreamEvent)
        selectResponses(state)
        selectTimeline(state)
        selectStatus(state)
      }).not.toThrow()
    }
  })

  it('keeps initialRunState frozen and reset goes back to it', () => {
    expect(Object.isFrozen(initialRunState)).toBe(true)
    expect(Object.isFrozen(initialRunState.responses)).toBe(true)
    const state = foldAll(byName('phase').events)
    expect(reduceRun(state, { event: 'runline.reset' })).toBe(initialRunState)
  })
})

describe('selectors on the Responses wire', () => {
  it('requires action for a completed response with unanswered function calls, in the Assistants form', () => {
    const events = byName('reasoning-encrypted').events
    const firstEnd = events.findIndex((e) => e.type === 'response.completed')
    const state = foldAll(events.slice(0, firstEnd + 1))
    expect(selectStatus(state)).toBe('requires_action')
    const calls = selectRequiredToolCalls(state)
    expect(calls.length).toBeGreaterThan(0)
    expect(calls[0]).toMatchObject({ type: 'function', function: { name: expect.any(String) } })
    expect(calls[0]!.id).toMatch(/^call_/)
    expect(selectRequiredToolCalls(state)).toBe(calls)
    expect(selectStatus(foldAll(events))).toBe('completed')
  })

  it('lists MCP approval requests until a later response answers them', () => {
    const state = foldAll(byName('mcp-tool-approval.1').events)
    expect(selectStatus(state)).toBe('requires_action')
    const approvals = selectRequiredApprovals(state)
    expect(approvals).toHaveLength(1)
    expect(approvals[0]).toMatchObject({
      type: 'mcp',
      server_label: expect.any(String),
      name: expect.any(String),
    })
    expect(selectRequiredApprovals(state)).toBe(approvals)
    const after = foldAll(byName('mcp-tool-approval.2').events, state)
    expect(selectRequiredApprovals(after)).toHaveLength(0)
    expect(selectStatus(after)).toBe('completed')
  })

  it('maps every terminal status, sums usage, and returns stable references', () => {
    for (const terminal of ['completed', 'incomplete', 'failed', 'cancelled'] as const) {
      const { events } = generateResponsesStream(5, { terminal, responses: 1 })
      const state = foldAll(events)
      const status = selectStatus(state)
      expect(status === 'requires_action' ? 'completed' : status).toBe(terminal)
      expect(selectResponses(state)).toBe(selectResponses(state))
      expect(selectTimeline(state)).toBe(selectTimeline(state))
      expect(selectUsage(state)).toBe(selectUsage(state))
      if (terminal === 'failed') expect(selectError(state)).not.toBeNull()
    }
    const usage = selectUsage(foldAll(byName('reasoning-encrypted').events))!
    expect(usage.total_tokens).toBeGreaterThan(0)
    expect(usage.prompt_tokens + usage.completion_tokens).toBe(usage.total_tokens)
  })

  it('keeps an unchanged timeline row’s object while other items stream', () => {
    const events = byName('mcp-tool.1').events
    const k = events.findIndex((e) => e.type === 'response.output_item.done')
    const before = foldAll(events.slice(0, k + 1))
    const later = foldAll(events.slice(k + 1, k + 4), before)
    expect(selectTimeline(later)[0]).toBe(selectTimeline(before)[0])
    expect(selectTimeline(later)[0]).toMatchObject({
      step: null,
      message: null,
      item: { type: 'mcp_list_tools' },
    })
  })

  it('leaves an Assistants state’s selectors as they were', () => {
    expect(selectTimeline(initialRunState)).toEqual([])
    expect(selectStatus(initialRunState)).toBe('idle')
    expect(selectResponses(initialRunState)).toEqual([])
  })
})

describe('the batch fold (a run folder, as the store uses it)', () => {
  it('gives at every snapshot what reduceRun gives, and never writes a snapshot again', async () => {
    const { createRunFolder } = await import('./reduce.js')
    const streams = [
      ...recordings.map((r) => r.events),
      ...[1, 2, 3, 4, 5].map((s) => generateResponsesStream(s).events),
    ]
    const rnd = seededRandom(5)
    for (const events of streams) {
      const folder = createRunFolder(initialRunState, ALL_FOLDS)
      let pure = initialRunState
      const taken: Array<[RunState, string]> = []
      for (const event of events) {
        folder.push(ev(event))
        pure = reduceRun(pure, ev(event))
        if (rnd() < 0.1) {
          const snapshot = folder.snapshot()
          expect(selectResponses(snapshot)).toEqual(selectResponses(pure))
          taken.push([snapshot, JSON.stringify(snapshot)])
        }
      }
      expect(selectResponses(folder.snapshot())).toEqual(selectResponses(pure))
      for (const [snapshot, json] of taken) expect(JSON.stringify(snapshot)).toBe(json)
    }
  })
})

describe('the end of a Responses stream', () => {
  it('is clean (done) when the body ends after a terminal event, and dropped when cut before one', async () => {
    const recording = byName('mcp-tool-approval.1')
    const names = async (bytes: Uint8Array) => {
      const out: string[] = []
      for await (const event of parseRunStream(streamOf([bytes]), { includeDone: true }))
        out.push(event.event)
      return out
    }
    expect((await names(recording.bytes)).at(-1)).toBe('done')
    expect((await names(recording.bytes.subarray(0, recording.bytes.length - 40))).at(-1)).not.toBe('done')
    const ndjson = utf8(recording.events.map((e) => JSON.stringify(e)).join('\n'))
    const out: string[] = []
    for await (const event of parseRunStream(streamOf([ndjson]), { format: 'ndjson', includeDone: true }))
      out.push(event.event)
    expect(out.at(-1)).toBe('done')
  })
})
