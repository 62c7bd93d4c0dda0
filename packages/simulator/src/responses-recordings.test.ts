/**
 * The Responses face against the real recordings in packages/fixtures/real/responses (see SOURCES.md
 * there): every event type the simulator emits has the key set that event type has in the recordings,
 * and so do its items (per item type), annotations (per annotation type), content parts and the
 * lifecycle events' `response`; the grammar (sequence numbers, lifecycle order, item nesting) holds.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { createSimulator } from './index.js'
import {
  type Event,
  finalOf,
  readResponseRecordings,
  responseEvents,
  streamResponse,
} from './test-utils/responses.js'
import { call } from './test-utils/sse.js'

const PROMPTS = [
  'hello',
  'weather in Paris and in Tokyo',
  'calculate 6 and 7',
  'plot 3, 1, 4, 1, 5',
  'draw an image of 2 4 8',
  'search the docs',
  'search the web for news',
  'approve an mcp call',
  'reasoning, please',
  'fail please',
  'an incomplete answer',
]

/** Lifecycle events the recordings never show (no background or incomplete recording): their family's keys. */
const LIFECYCLE_KEYS = ['response', 'sequence_number', 'type']
const LIFECYCLE = new Set([
  'response.created',
  'response.queued',
  'response.in_progress',
  'response.completed',
])
const TERMINAL = new Set(['response.completed', 'response.failed', 'response.incomplete'])

const keysOf = (value: object) => Object.keys(value).sort().join(',')

/** name → the key sets seen under it (one entry per distinct set). */
function collect(into: Map<string, Set<string>>, name: string, value: object): void {
  const sets = into.get(name) ?? new Set<string>()
  sets.add(keysOf(value))
  into.set(name, sets)
}

interface Shapes {
  events: Map<string, Set<string>>
  items: Map<string, Set<string>>
  annotations: Map<string, Set<string>>
  parts: Map<string, Set<string>>
  responses: Set<string>
}

function shapesOf(streams: Iterable<Event[]>): Shapes {
  const shapes: Shapes = {
    events: new Map(),
    items: new Map(),
    annotations: new Map(),
    parts: new Map(),
    responses: new Set(),
  }
  for (const events of streams)
    for (const event of events) {
      collect(shapes.events, event.type, event)
      if (event.item) collect(shapes.items, `${event.item.type} ${event.type}`, event.item)
      if (event.annotation) collect(shapes.annotations, event.annotation.type, event.annotation)
      if (event.part) collect(shapes.parts, `${event.part.type} ${event.type}`, event.part)
      if (event.response) {
        const { conversation: _conversation, ...response } = event.response
        shapes.responses.add(keysOf(response))
      }
    }
  return shapes
}

/** Every event the Responses face can emit: each scenario, both follow-ups, a background stream. */
async function simulatorStreams(): Promise<Map<string, Event[]>> {
  const sim = createSimulator({ delayMs: 0, now: () => 1_761_861_531_000 })
  const streams = new Map<string, Event[]>()
  for (const input of PROMPTS)
    streams.set(input, await streamResponse(sim, { input, include: ['file_search_call.results'] }))
  const weather = finalOf(streams.get('weather in Paris and in Tokyo') as Event[])
  const outputs = weather.output.map((call: any) => ({
    type: 'function_call_output',
    call_id: call.call_id,
    output: 'sunny',
  }))
  streams.set(
    'weather answer',
    await streamResponse(sim, { previous_response_id: weather.id, input: outputs }),
  )
  const mcp = finalOf(streams.get('approve an mcp call') as Event[])
  const request = mcp.output.find((item: any) => item.type === 'mcp_approval_request')
  const approval = { type: 'mcp_approval_response', approval_request_id: request.id, approve: true }
  streams.set('mcp approved', await streamResponse(sim, { previous_response_id: mcp.id, input: [approval] }))
  streams.set('background', await streamResponse(sim, { input: 'hello', background: true }))
  return streams
}

describe('the Responses face against the real Responses recordings', () => {
  let recorded: Shapes
  let simulated: Map<string, Event[]>
  let ours: Shapes

  beforeAll(async () => {
    recorded = shapesOf(readResponseRecordings().values())
    simulated = await simulatorStreams()
    ours = shapesOf(simulated.values())
  })

  it('emits each event type with a key set the recordings show for it', () => {
    for (const [type, sets] of ours.events)
      for (const keys of sets) {
        const known = recorded.events.get(type)
        if (known) expect([...known], `${type}: ${keys}`).toContain(keys)
        else expect(keys, type).toBe(LIFECYCLE_KEYS.join(','))
      }
    // Every item-level event type the simulator emits is a recorded one (only lifecycle ones are new).
    const unrecorded = [...ours.events.keys()].filter((type) => !recorded.events.has(type))
    expect(unrecorded.sort()).toEqual(['response.incomplete', 'response.queued'])
  })

  it('gives items, content parts and annotations the recordings’ key sets, per type', () => {
    for (const [kind, [recordedSets, ourSets]] of Object.entries({
      items: [recorded.items, ours.items],
      parts: [recorded.parts, ours.parts],
      annotations: [recorded.annotations, ours.annotations],
    } as const))
      for (const [name, sets] of ourSets)
        for (const keys of sets)
          expect([...(recordedSets.get(name) ?? [])], `${kind} ${name}: ${keys}`).toContain(keys)
    expect([...ours.items.keys()].sort()).toEqual(
      expect.arrayContaining([
        'code_interpreter_call response.output_item.done',
        'file_search_call response.output_item.done',
        'function_call response.output_item.done',
        'image_generation_call response.output_item.done',
        'mcp_approval_request response.output_item.done',
        'mcp_call response.output_item.done',
        'mcp_list_tools response.output_item.done',
        'message response.output_item.done',
        'reasoning response.output_item.done',
        'web_search_call response.output_item.done',
      ]),
    )
    expect([...ours.annotations.keys()].sort()).toEqual(['file_citation', 'url_citation'])
  })

  it('spans each url_citation over its Markdown link `([site](url))`, as the recordings do', () => {
    const spans = (streams: Iterable<Event[]>) => {
      const out: string[] = []
      for (const events of streams)
        for (const event of events)
          if (event.type === 'response.output_text.done') {
            const done = events.find(
              (e) =>
                e.type === 'response.content_part.done' &&
                e.item_id === event.item_id &&
                e.content_index === event.content_index,
            )
            for (const a of done?.part.annotations ?? [])
              if (a.type === 'url_citation') out.push(event.text.slice(a.start_index, a.end_index))
          }
      return out
    }
    const link = /^\(\[[^\]]+\]\(https:\/\/[^)\s]+\)\)$/
    const theirs = spans(readResponseRecordings().values())
    const mine = spans(simulated.values())
    expect(theirs.length).toBeGreaterThan(0)
    expect(mine).toHaveLength(2)
    for (const span of [...theirs, ...mine]) expect(span).toMatch(link)
  })

  it('gives every lifecycle event a response with the newest recordings’ fields', () => {
    for (const keys of ours.responses) expect([...recorded.responses]).toContain(keys)
  })

  it('follows the grammar: sequence numbers from 0, lifecycle order, items nested by output_index', () => {
    for (const [name, events] of simulated) {
      expect(
        events.map((event) => event.sequence_number),
        name,
      ).toEqual(events.map((_, index) => index))
      expect(events[0]?.type, name).toBe('response.created')
      expect(TERMINAL.has((events.at(-1) as Event).type), name).toBe(true)
      const open = new Set<number>()
      let added = 0
      for (const event of events) {
        if (LIFECYCLE.has(event.type) || TERMINAL.has(event.type) || event.type === 'error') continue
        if (event.type === 'response.output_item.added') {
          expect(event.output_index, name).toBe(added++)
          open.add(event.output_index)
        } else expect(open.has(event.output_index), `${name}: ${event.type}`).toBe(true)
        if (event.type === 'response.output_item.done') open.delete(event.output_index)
      }
      const last = events.at(-1) as Event
      if (last.type === 'response.completed') expect(open.size, name).toBe(0)
      expect(last.response.output.length, name).toBe(added)
    }
  })

  it('streams no [DONE] and sets the SSE event line to the type', async () => {
    const sim = createSimulator({ delayMs: 0 })
    const text = await (
      await call(sim, 'POST', '/responses', { model: 'runline-sim', input: 'hi', stream: true })
    ).text()
    expect(text).not.toContain('[DONE]')
    expect(responseEvents(text).length).toBeGreaterThan(5)
  })
})
