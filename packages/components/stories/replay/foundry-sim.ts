// Foundry runs recorded from the simulator's Foundry face in the page: a thread, then a streamed run
// (`stream: true`) through `foundry.fetchLike` with the api-version and the face's bearer token. The
// SSE bytes are kept as they came and decoded by core's parser, like a recording.
import type { RunStreamEvent } from '@runline/core'
import { createSimulator, DEMO_ASSISTANT_ID, foundryScenarioFor } from '@runline/simulator'
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
  /** More of the run's create body (e.g. `tool_resources.mcp` with an approval policy). */
  run?: Record<string, unknown>
  /** What the replay's label says about `run`. */
  runNote?: string
}

/** A recorded Foundry run: the SSE text of each streamed response, and the events core parsed from it. */
export interface FoundryRecording {
  sse: string[]
  events: RunStreamEvent[]
}

/** The scenarios whose run may stop for approval (the MCP server's calls ask unless told not to). */
const MAY_WAIT: ReadonlySet<string> = new Set(['mcp', 'all_tools'])

/**
 * Records one Foundry-face scenario (picked by the words of `prompt`, as the simulator reads them). A
 * run that may wait for approval is recorded on the real clock, so its `expires_at` is ahead of the
 * page's clock; others on a fixed one.
 */
export async function recordFoundryRun(
  prompt: string,
  options: FoundryRecordOptions = {},
): Promise<FoundryRecording> {
  const waits = MAY_WAIT.has(foundryScenarioFor(prompt))
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
      await call(`/threads/${thread.id}/runs`, {
        assistant_id: DEMO_ASSISTANT_ID,
        stream: true,
        ...options.run,
      })
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

/** What a replay's label adds to the prompt: the decision sent, the run's extras. */
function labelOf(prompt: string, options: FoundryRecordOptions): string {
  const decision = options.approve === undefined ? '' : options.approve ? ', approved' : ', denied'
  const extras = options.runNote ? `, ${options.runNote}` : ''
  return `simulator (Foundry face): “${prompt}”${decision}${extras}`
}

/** A replay source recorded from the Foundry face (once per key; stories share it). */
function simulated(key: string, prompt: string, options: FoundryRecordOptions = {}): ReplaySource {
  return {
    key: `foundry-sim-${key}`,
    label: labelOf(prompt, options),
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
  mcpNever: simulated('mcp-never', 'Search the MCP docs for streaming runs', {
    run: { tool_resources: { mcp: [{ server_label: 'runline_docs', require_approval: 'never' }] } },
    runNote: 'require_approval: never',
  }),
  bingCustom: simulated('custom', 'Bing custom search of our sites for streaming'),
  sharepoint: simulated('sharepoint', 'Search SharePoint for the release process'),
  fabric: simulated('fabric', 'Ask the Fabric data agent for runs by status'),
  azureFunction: simulated('azure-function', 'Ask the Azure Function for the 1.4.0 release notes'),
  deepResearch: simulated('deep-research', 'Deep research on streaming interfaces'),
  browser: simulated('browser', 'Use the browser to read the status page'),
  allTools: simulated('all-tools', 'Use all the tools, I will approve the MCP calls', { approve: true }),
} satisfies Record<string, ReplaySource>
