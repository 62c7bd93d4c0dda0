// Responses turns recorded from the simulator's Responses face in the page (model `runline-sim`): a
// streamed `POST /responses`, then, for a turn that waits on the client, the next response with the
// answers as its input items (function outputs, approval responses), as the Responses wire sends them.
// The SSE bytes are kept as they came and decoded by core's parser, like a recording.
import type { RunStreamEvent } from '@runline/core'
import { createSimulator, RESPONSES_MODEL } from '@runline/simulator'
import type { ReplaySource } from './catalog.js'
import { weatherFor } from './simulated.js'
import { eventsFromSse } from './sse.js'

/** The simulator's OpenAI face as the page sees it (requests never leave the page). */
const SIM_ORIGIN = 'http://sim.local'
/** A fixed clock: the same timestamps on every replay (a Responses turn has no deadline to keep). */
const FIXED_NOW_MS = Date.UTC(2026, 2, 14, 9, 30, 0)

/** Options of {@link recordResponsesTurn}. */
export interface ResponsesRecordOptions {
  /** Answers each `function_call` of the first response in a next response (`function_call_output`). */
  answer?: (call: { name: string; arguments: string }) => string
  /** Answers each `mcp_approval_request` in a next response: approve (true) or deny (false). */
  approve?: boolean
  /** More of every request's body (`include`, `max_output_tokens`, …). */
  body?: Record<string, unknown>
}

/**
 * A recorded turn: the SSE text of each streamed response, and the events core parsed from it, with
 * the wire's `runline.input_items` (the answers sent) before the next response's.
 */
export interface ResponsesRecording {
  sse: string[]
  events: RunStreamEvent[]
}

type Item = { type?: string; id?: string; call_id?: string; name?: string; arguments?: string }

/** The last response the events carry whole (a lifecycle event's `response`). */
function lastResponse(events: readonly RunStreamEvent[]): { id: string; output: Item[] } | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i] as { data?: { response?: { id: string; output?: Item[] } } | null }
    const response = event.data?.response
    if (response) return { id: response.id, output: response.output ?? [] }
  }
  return null
}

/** The input items that answer a response's function calls and approval requests, as options say. */
function answersTo(output: readonly Item[], options: ResponsesRecordOptions): unknown[] {
  const items: unknown[] = []
  for (const item of output) {
    if (item.type === 'function_call' && options.answer)
      items.push({
        type: 'function_call_output',
        call_id: item.call_id,
        output: options.answer({ name: item.name ?? '', arguments: item.arguments ?? '' }),
      })
    if (item.type === 'mcp_approval_request' && options.approve !== undefined)
      items.push({ type: 'mcp_approval_response', approval_request_id: item.id, approve: options.approve })
  }
  return items
}

/**
 * Records one turn of a Responses-face scenario (picked by the words of `prompt`): the first
 * response, and the next one when options answer what it waits for (`previous_response_id`).
 */
export async function recordResponsesTurn(
  prompt: string,
  options: ResponsesRecordOptions = {},
): Promise<ResponsesRecording> {
  const sim = createSimulator({ delayMs: 0, seed: 11, now: () => FIXED_NOW_MS })
  const stream = async (body: Record<string, unknown>): Promise<string> => {
    const response = await sim.fetchLike(`${SIM_ORIGIN}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: RESPONSES_MODEL, stream: true, ...options.body, ...body }),
    })
    if (!response.ok) throw new Error(`Responses face: ${response.status} ${await response.text()}`)
    return response.text()
  }

  const sse = [await stream({ input: [{ role: 'user', content: prompt }] })]
  let events = eventsFromSse(sse[0]!)
  const first = lastResponse(events)
  const answers = first ? answersTo(first.output, options) : []
  if (first && answers.length > 0) {
    sse.push(await stream({ previous_response_id: first.id, input: answers }))
    // As the hooks' Responses wire tells its store what it sent (the API never echoes input items):
    // the next response keeps them, so its function cards show their outputs, approvals the decision.
    const sent: RunStreamEvent = { event: 'runline.input_items', data: { items: answers } }
    events = [...events, sent, ...eventsFromSse(sse[1]!)]
  }
  return { sse, events }
}

/** What a replay's label adds to the prompt: the answers sent in the next response. */
function labelOf(prompt: string, options: ResponsesRecordOptions): string {
  const next = options.answer
    ? ', function outputs sent'
    : options.approve === undefined
      ? ''
      : options.approve
        ? ', approved'
        : ', denied'
  return `simulator (Responses face, ${RESPONSES_MODEL}): “${prompt}”${next}`
}

const recorded = new Map<string, Promise<ResponsesRecording>>()

/** A replay source recorded from the Responses face (once per key; stories share it). */
function simulated(key: string, prompt: string, options: ResponsesRecordOptions = {}): ReplaySource {
  return {
    key: `responses-sim-${key}`,
    label: labelOf(prompt, options),
    load: () => {
      let found = recorded.get(key)
      if (!found) {
        found = recordResponsesTurn(prompt, options)
        found.catch(() => recorded.delete(key))
        recorded.set(key, found)
      }
      return found.then((recording) => recording.events)
    },
  }
}

const WEATHER = "What's the weather in Paris and in Tokyo?"
const MCP = 'Use the MCP docs server, I will approve the call'

/** The Responses face's scenarios, by what they show. */
export const RESPONSES_SIM = {
  text: simulated('text', 'Hello! What can you do?'),
  weather: simulated('weather', WEATHER),
  weatherAnswered: simulated('weather-answered', WEATHER, { answer: (call) => weatherFor(call.arguments) }),
  code: simulated('code', 'Calculate the mean of 4, 8 and 15'),
  plot: simulated('plot', 'Plot these numbers: 3, 5, 2, 8'),
  image: simulated('image', 'Draw a bar chart of 4, 8, 15, 16, 23, 42'),
  search: simulated('search', 'Search the docs for streaming', {
    body: { include: ['file_search_call.results'] },
  }),
  web: simulated('web', 'Search the web for Runline'),
  approval: simulated('mcp', MCP),
  approved: simulated('mcp-approved', MCP, { approve: true }),
  denied: simulated('mcp-denied', MCP, { approve: false }),
  reasoning: simulated('reasoning', 'Think it through: is streaming worth it?'),
  fail: simulated('fail', 'Try this, but fail'),
  incomplete: simulated('incomplete', 'Give me an incomplete answer'),
  slow: simulated('slow', 'Answer slowly, please'),
  long: simulated('long', 'Write a long answer'),
} satisfies Record<string, ReplaySource>
