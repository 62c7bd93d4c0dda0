// Foundry runs recorded from the simulator's Foundry face in the page: a thread, then a streamed run
// (`stream: true`) through `foundry.fetchLike` with the api-version and the face's bearer token. The
// SSE bytes are kept as they came and decoded by core's parser, like a recording.
import type { RunStreamEvent } from '@runline/core'
import { createSimulator, DEMO_ASSISTANT_ID } from '@runline/simulator'
import type { ReplaySource } from './catalog.js'
import { eventsFromSse } from './sse.js'

/** The project endpoint's host as the page sees it (requests never leave the page). */
const FOUNDRY_ORIGIN = 'https://runline-sim.services.ai.azure.com'
const API_VERSION = 'v1'
/** A fixed clock for runs that wait for nothing: the same timestamps on every replay. */
const FIXED_NOW_MS = Date.UTC(2026, 2, 14, 9, 30, 0)

/** Options of {@link recordFoundryRun}. */
export interface FoundryRecordOptions {
  /** When the run waits in `submit_tool_approval`: approve (true) or deny (false) every call, streamed on. */
  approve?: boolean
}

/** A recorded Foundry run: the SSE text of each streamed response, and the events core parsed from it. */
export interface FoundryRecording {
  sse: string[]
  events: RunStreamEvent[]
}

/**
 * Records one Foundry-face scenario (picked by the words of `prompt`). A run that waits for approval
 * is recorded on the real clock, so its `expires_at` is ahead of the page's clock; others on a fixed one.
 */
export async function recordFoundryRun(
  prompt: string,
  options: FoundryRecordOptions = {},
): Promise<FoundryRecording> {
  const waits = /\b(mcp|approv)/i.test(prompt)
  const sim = createSimulator({ delayMs: 0, seed: 7, ...(waits ? {} : { now: () => FIXED_NOW_MS }) })
  const { foundry } = sim
  const call = async (path: string, body: unknown): Promise<Response> => {
    const response = await foundry.fetchLike(
      `${FOUNDRY_ORIGIN}${foundry.basePath}${path}?api-version=${API_VERSION}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${foundry.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
    )
    if (!response.ok) throw new Error(`Foundry face: ${response.status} ${await response.text()}`)
    return response
  }

  const thread = (await (
    await call('/threads', { messages: [{ role: 'user', content: prompt }] })
  ).json()) as {
    id: string
  }
  const sse = [
    await (
      await call(`/threads/${thread.id}/runs`, { assistant_id: DEMO_ASSISTANT_ID, stream: true })
    ).text(),
  ]
  let events = eventsFromSse(sse[0]!)

  const waiting = lastRequiresAction(events)
  if (options.approve !== undefined && waiting) {
    const tool_approvals = waiting.calls.map((id) => ({ tool_call_id: id, approve: options.approve }))
    const path = `/threads/${thread.id}/runs/${waiting.runId}/submit_tool_outputs`
    sse.push(await (await call(path, { tool_approvals, stream: true })).text())
    events = [...events, ...eventsFromSse(sse[1]!)]
  }
  return { sse, events }
}

function lastRequiresAction(events: readonly RunStreamEvent[]): { runId: string; calls: string[] } | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!
    if (event.event !== 'thread.run.requires_action') continue
    const action = event.data.required_action as
      | { submit_tool_approval?: { tool_calls: { id: string }[] } }
      | null
      | undefined
    const calls = action?.submit_tool_approval?.tool_calls.map((item) => item.id) ?? []
    return { runId: event.data.id, calls }
  }
  return null
}

const recorded = new Map<string, Promise<FoundryRecording>>()

/** A replay source recorded from the Foundry face (once per key; stories share it). */
function simulated(key: string, prompt: string, options: FoundryRecordOptions = {}): ReplaySource {
  return {
    key: `foundry-sim-${key}`,
    label: `simulator (Foundry face): “${prompt}”${options.approve === undefined ? '' : options.approve ? ', approved' : ', denied'}`,
    load: () => {
      let found = recorded.get(key)
      if (!found) {
        found = recordFoundryRun(prompt, options)
        found.catch(() => recorded.delete(key))
        recorded.set(key, found)
      }
      return found.then((recording) => recording.events)
    },
  }
}

/** The Foundry face's scenarios, by what they show. */
export const FOUNDRY_SIM = {
  approval: simulated('mcp', 'Use the MCP tools, I will approve the calls'),
  approved: simulated('mcp-approved', 'Use the MCP tools, I will approve the calls', { approve: true }),
  bing: simulated('bing', 'Search the web with Bing for the latest Runline release'),
  azureAISearch: simulated('index', 'Look it up in the product index'),
  openapi: simulated('openapi', 'Call the openapi operation for the forecast'),
  connected: simulated('connected', 'Delegate this to the connected agent'),
  guardrail: simulated('guardrail', 'Trip the guardrail'),
} satisfies Record<string, ReplaySource>
