/**
 * The simulator against the real recordings in packages/fixtures/real (see SOURCES.md there):
 * same top-level fields per event, same nested quirks, same event grammar.
 *
 * Reference objects are the openai-dotnet 2025-10 recordings (newest v2 shapes). Events that no
 * 2025 recording shows are compared with their object family there: every `thread.run.*` run
 * event carries a run object, every `thread.run.step.*` (non-delta) event a step object, every
 * `thread.message.*` (non-delta) event a message object.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulator } from './index.js'
import { call, parseSse, readRecordings, type SseFrame, streamThreadAndRun } from './test-utils/sse.js'

const INCLUDE = '?include[]=step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content'
const SCENARIO_PROMPTS = [
  'hello',
  'search the docs and send me a file',
  'plot 3, 1, 4, 1, 5',
  'calculate 6 and 7',
  'fail please',
  'an incomplete answer',
  'expire now',
]

type Frames = SseFrame[]

/** Every event the simulator can emit, from every scenario (weather split across its two streams). */
async function simulatorStreams(): Promise<Map<string, Frames>> {
  const sim = createSimulator({ delayMs: 0, now: () => 1_761_861_531_000 })
  const streams = new Map<string, Frames>()
  for (const prompt of SCENARIO_PROMPTS)
    streams.set(prompt, parseSse(await streamThreadAndRun(sim, prompt, INCLUDE)))
  const weather = parseSse(await streamThreadAndRun(sim, 'weather in Paris and in Tokyo'))
  streams.set('weather (requires_action)', weather)
  const run = JSON.parse(weather.find((frame) => frame.event === 'thread.run.requires_action')!.data)
  const response = await call(sim, 'POST', `/threads/${run.thread_id}/runs/${run.id}/submit_tool_outputs`, {
    stream: true,
    tool_outputs: run.required_action.submit_tool_outputs.tool_calls.map((tc: { id: string }) => ({
      tool_call_id: tc.id,
      output: 'sunny',
    })),
  })
  streams.set('weather (continuation)', parseSse(await response.text()))
  // A live cancel, for thread.run.cancelling / step.cancelled / run.cancelled.
  const slow = createSimulator({ delayMs: 1 })
  const live = await call(slow, 'POST', '/threads/runs', {
    assistant_id: 'asst_runline_demo',
    stream: true,
    thread: { messages: [{ role: 'user', content: 'slow' }] },
  })
  const reader = live.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  while (!text.includes('event: thread.message.delta')) text += decoder.decode((await reader.read()).value)
  const created = JSON.parse(parseSse(text).find((frame) => frame.event === 'thread.run.created')!.data)
  await call(slow, 'POST', `/threads/${created.thread_id}/runs/${created.id}/cancel`)
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
    text += decoder.decode(chunk.value)
  streams.set('slow (cancelled)', parseSse(text))
  return streams
}

function data(frame: SseFrame): any {
  return JSON.parse(frame.data)
}

function family(event: string): string {
  if (event === 'thread.message.delta' || event === 'thread.run.step.delta') return event
  if (event.startsWith('thread.run.step.')) return 'step'
  if (event.startsWith('thread.message.')) return 'message'
  if (event.startsWith('thread.run.')) return 'run'
  return event
}

/** Sorted top-level keys per event name (and per object family). */
function keysByName(streams: Iterable<Frames>): {
  byEvent: Map<string, string>
  byFamily: Map<string, string>
} {
  const byEvent = new Map<string, Set<string>>()
  const byFamily = new Map<string, Set<string>>()
  for (const frames of streams) {
    for (const frame of frames) {
      if (frame.event === 'done') continue
      const keys = Object.keys(data(frame))
      for (const [map, name] of [
        [byEvent, frame.event],
        [byFamily, family(frame.event)],
      ] as const) {
        const set = map.get(name) ?? new Set<string>()
        for (const key of keys) set.add(key)
        map.set(name, set)
      }
    }
  }
  const flat = (map: Map<string, Set<string>>) =>
    new Map([...map].map(([k, v]) => [k, [...v].sort().join(',')]))
  return { byEvent: flat(byEvent), byFamily: flat(byFamily) }
}

// ---- the event grammar -------------------------------------------------------------------------

const E = (name: string) => `${name.replaceAll('.', '\\.')} `
const MESSAGE = `${E('thread.message.created')}${E('thread.message.in_progress')}(?:${E('thread.message.delta')})*(?:thread\\.message\\.(?:completed|incomplete) )?`
const STEP = `${E('thread.run.step.created')}${E('thread.run.step.in_progress')}(?:${MESSAGE}|(?:${E('thread.run.step.delta')})*)(?:thread\\.run\\.step\\.(?:completed|failed|cancelled|expired) )?`
const START = `(?:${E('thread.run.created')}${E('thread.run.queued')}|${E('thread.run.step.completed')}${E('thread.run.queued')})${E('thread.run.in_progress')}`
const END = `(?:thread\\.run\\.(?:requires_action|completed|incomplete|failed|cancelled|expired) ${E('done')}|${E('error')})`
/** (thread.created) → run start (or continuation start) → steps* → terminal/pause → done (or error). */
const GRAMMAR = new RegExp(`^(?:${E('thread.created')})?${START}(?:${STEP})*${END}$`)

/** `thread.run.cancelling` may interleave anywhere (it answers a cancel request); it must precede `cancelled`. */
function sequence(frames: Frames): string {
  const names = frames.map((frame) => frame.event)
  const cancelling = names.indexOf('thread.run.cancelling')
  if (cancelling !== -1) expect(names.indexOf('thread.run.cancelled')).toBeGreaterThan(cancelling)
  return names
    .filter((name) => name !== 'thread.run.cancelling')
    .map((name) => `${name} `)
    .join('')
}

describe('simulator vs real recordings', () => {
  let real: Map<string, Frames>
  let reference: Map<string, Frames>
  let sim: Map<string, Frames>

  beforeAll(async () => {
    real = readRecordings()
    reference = new Map(
      [...real].filter(([name]) => name.startsWith('openai-dotnet__') && name.includes('2025-10')),
    )
    sim = await simulatorStreams()
  })

  it('finds the recordings', () => {
    expect(real.size).toBeGreaterThanOrEqual(14)
    expect(reference.size).toBe(4)
  })

  it('emits, per event name, exactly the top-level fields of the 2025-10 recordings', () => {
    const ref = keysByName(reference.values())
    const ours = keysByName(sim.values())
    const ruby = keysByName([real.get('ruby-openai__incomplete-max-completion-tokens__v2__2024-04.sse')!])
    const compared: string[] = []
    for (const [event, keys] of ours.byEvent) {
      if (event === 'error') continue
      // Same event name in a 2025 recording: same fields. Otherwise: same fields as its family there.
      const expected = ref.byEvent.get(event) ?? ref.byFamily.get(family(event))
      expect(expected, `no reference for ${event}`).toBeDefined()
      expect(keys, event).toBe(expected)
      compared.push(event)
    }
    // thread.message.incomplete only exists in a 2024 v2 recording: its message has the same fields.
    expect(ours.byEvent.get('thread.message.incomplete')).toBe(ruby.byEvent.get('thread.message.incomplete'))
    expect(compared).toEqual(
      expect.arrayContaining([
        'thread.created',
        'thread.run.created',
        'thread.run.queued',
        'thread.run.in_progress',
        'thread.run.requires_action',
        'thread.run.completed',
        'thread.run.incomplete',
        'thread.run.failed',
        'thread.run.cancelling',
        'thread.run.cancelled',
        'thread.run.expired',
        'thread.run.step.created',
        'thread.run.step.in_progress',
        'thread.run.step.delta',
        'thread.run.step.completed',
        'thread.run.step.failed',
        'thread.run.step.cancelled',
        'thread.run.step.expired',
        'thread.message.created',
        'thread.message.in_progress',
        'thread.message.delta',
        'thread.message.completed',
        'thread.message.incomplete',
      ]),
    )
  })

  it('matches the nested quirks of the recordings', () => {
    const all = (frames: Iterable<Frames>, event: string) =>
      [...frames].flatMap((list) => list.filter((frame) => frame.event === event).map(data))
    const keys = (value: object) => Object.keys(value).sort().join(',')
    const pairs = (event: string, pick: (d: any) => object | undefined) => {
      const refSet = new Set(
        all(reference.values(), event)
          .map(pick)
          .filter(Boolean)
          .map((v) => keys(v!)),
      )
      const ourSet = new Set(
        all(sim.values(), event)
          .map(pick)
          .filter(Boolean)
          .map((v) => keys(v!)),
      )
      return { refSet, ourSet }
    }
    // Message delta text: first {value, annotations}, then {value}; citation annotations with index + quote.
    const text = pairs('thread.message.delta', (d) => d.delta.content[0].text)
    expect([...text.ourSet].sort()).toEqual([...text.refSet].sort())
    const deltaAnnotation = (d: any) =>
      d.delta.content[0].text?.annotations?.find((a: any) => a.type === 'file_citation')
    expect(pairs('thread.message.delta', deltaAnnotation).ourSet).toEqual(
      pairs('thread.message.delta', deltaAnnotation).refSet,
    )
    // No recording has a file_path annotation: ours mirrors the citation shape with `file_path: {file_id}`.
    const filePath = (d: any) =>
      d.delta.content[0].text?.annotations?.find((a: any) => a.type === 'file_path')
    expect(pairs('thread.message.delta', filePath).ourSet).toEqual(
      new Set(['end_index,file_path,index,start_index,text,type']),
    )
    const citation = (d: any) =>
      d.delta.content[0].text?.annotations?.find((a: any) => a.type === 'file_citation')?.file_citation
    expect(pairs('thread.message.delta', citation).ourSet).toEqual(new Set(['file_id,quote']))
    expect(pairs('thread.message.delta', citation).refSet).toEqual(new Set(['file_id,quote']))
    // Completed messages: annotations without index, file_citation without quote, content parts without index.
    const completedAnnotation = (d: any) =>
      d.content[0]?.text?.annotations?.find((a: any) => a.type === 'file_citation')
    expect(pairs('thread.message.completed', completedAnnotation).ourSet).toEqual(
      pairs('thread.message.completed', completedAnnotation).refSet,
    )
    const completedPart = (d: any) => d.content.find((part: any) => part.type === 'text')
    expect(pairs('thread.message.completed', completedPart).ourSet).toEqual(
      pairs('thread.message.completed', completedPart).refSet,
    )
    // Tool call deltas: function first {index,id,type,function{name,arguments,output}}, then {index,type,function{arguments}}.
    const toolCall = (d: any) => d.delta.step_details.tool_calls[0]
    const functionDelta = (d: any) => (toolCall(d).type === 'function' ? toolCall(d) : undefined)
    expect(pairs('thread.run.step.delta', functionDelta).ourSet).toEqual(
      pairs('thread.run.step.delta', functionDelta).refSet,
    )
    const fn = (d: any) => functionDelta(d)?.function
    expect(pairs('thread.run.step.delta', fn).ourSet).toEqual(pairs('thread.run.step.delta', fn).refSet)
    // file_search delta and completed results.
    const fileSearch = (d: any) => (toolCall(d).type === 'file_search' ? toolCall(d).file_search : undefined)
    expect(pairs('thread.run.step.delta', fileSearch).ourSet).toEqual(
      pairs('thread.run.step.delta', fileSearch).refSet,
    )
    const ranking = (d: any) => fileSearch(d)?.ranking_options
    expect(pairs('thread.run.step.delta', ranking).ourSet).toEqual(
      pairs('thread.run.step.delta', ranking).refSet,
    )
    const result = (d: any) =>
      d.step_details.tool_calls?.find((tc: any) => tc.type === 'file_search')?.file_search.results[0]
    expect(pairs('thread.run.step.completed', result).ourSet).toEqual(
      pairs('thread.run.step.completed', result).refSet,
    )
    const completedFunction = (d: any) => d.step_details.tool_calls?.find((tc: any) => tc.type === 'function')
    expect(pairs('thread.run.step.completed', completedFunction).ourSet).toEqual(
      pairs('thread.run.step.completed', completedFunction).refSet,
    )
    // Usage: 2025 shape on completed steps and terminal runs.
    const usage = (d: any) => d.usage ?? undefined
    expect(pairs('thread.run.step.completed', usage).ourSet).toEqual(
      pairs('thread.run.step.completed', usage).refSet,
    )
    expect(pairs('thread.run.completed', usage).ourSet).toEqual(pairs('thread.run.completed', usage).refSet)
    const required = (d: any) => d.required_action?.submit_tool_outputs.tool_calls[0]
    expect(pairs('thread.run.requires_action', required).ourSet).toEqual(
      pairs('thread.run.requires_action', required).refSet,
    )
    // code_interpreter first delta, as in the 2026 v2 recording.
    const ci = real.get('openllmetry__code-interpreter-input-deltas__v2__2026-03.sse')!
    const ciFirst = (list: Iterable<Frames>) =>
      all(list, 'thread.run.step.delta')
        .map(toolCall)
        .find((tc) => tc.type === 'code_interpreter' && tc.id)
    expect(keys(ciFirst(sim.values()))).toBe(keys(ciFirst([ci])))
    expect(ciFirst(sim.values()).code_interpreter).toEqual(ciFirst([ci]).code_interpreter)
  })

  it('keeps run-level values the recordings always show', () => {
    for (const frames of sim.values()) {
      for (const frame of frames) {
        if (frame.event === 'done') {
          expect(frame.data).toBe('[DONE]')
          continue
        }
        const value = data(frame)
        if (value.object === 'thread.run') {
          expect(frame.data).toContain('"temperature":1.0,"top_p":1.0,"reasoning_effort":null')
          expect(value.usage === null).toBe(
            !['completed', 'incomplete', 'failed', 'cancelled', 'expired'].includes(value.status),
          )
          if (value.status === 'completed') expect(value.expires_at).toBeNull()
        }
        if (value.object === 'thread.run.step')
          expect(value.usage === null).toBe(value.status !== 'completed')
      }
    }
  })

  it('follows the event grammar of the recordings, and so do the recordings', () => {
    for (const [name, frames] of real) {
      // The php fixture's `done` has no data line, so a spec-compliant parser never dispatches it.
      if (name.startsWith('openai-php__')) continue
      expect(sequence(frames), name).toMatch(GRAMMAR)
    }
    for (const [name, frames] of sim) expect(sequence(frames), name).toMatch(GRAMMAR)
  })
})
