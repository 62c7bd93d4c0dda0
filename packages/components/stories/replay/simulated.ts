import {
  createRunlineClient,
  type RequiredActionFunctionToolCall,
  type RunlineClient,
  type RunStreamEvent,
} from '@runline/core'
import { createSimulator, DEMO_ASSISTANT_ID, type Simulator } from '@runline/simulator'

/** The simulator's base URL as the client sees it (requests never leave the page). */
export const SIM_BASE_URL = 'http://sim.local/v1'

/** A fixed clock: simulated replays carry the same timestamps on every run (stable screenshots). */
const FIXED_NOW_MS = Date.UTC(2026, 2, 14, 9, 30, 0)

/** A simulator in the page and the core client wired to it. */
export interface SimulatorSession {
  sim: Simulator
  client: RunlineClient
}

/** Creates an in-page simulator and a core client that talks to it through `sim.fetchLike`. */
export function createSimulatorSession(
  options: { delayMs?: number; fixedClock?: boolean; seed?: number } = {},
): SimulatorSession {
  const sim = createSimulator({
    delayMs: options.delayMs ?? 0,
    seed: options.seed ?? 1,
    ...(options.fixedClock ? { now: () => FIXED_NOW_MS } : {}),
  })
  return { sim, client: createRunlineClient({ baseUrl: SIM_BASE_URL, fetch: sim.fetchLike }) }
}

/** Options of {@link simulateRun}. */
export interface SimulateRunOptions {
  /**
   * Answers each required function call when the run stops in `requires_action`; the continuation
   * stream is appended. Without it the events end at `requires_action`.
   */
  answer?: (call: RequiredActionFunctionToolCall) => string
  /** Cancels the run once this many `thread.message.delta` events arrived (needs `delayMs` > 0). */
  cancelAfterDeltas?: number
  /** Simulator pace per delta in ms. Default 0. */
  delayMs?: number
}

/** A simulated run: its events, and page-local URLs for the files it produced (images, CSVs). */
export interface SimulatedRun {
  events: RunStreamEvent[]
  /** Object URLs by file id, for `RunlineComponentsProvider`'s `fileUrl`. */
  files: Readonly<Record<string, string>>
}

/**
 * Runs one simulator scenario (picked by the words of `prompt`, see @runline/simulator) and returns
 * every event the core client parsed from its SSE, in order: a thread-and-run stream, then any
 * `submit_tool_outputs` continuation. Clock and seed are fixed, so the same prompt gives the same events.
 */
export async function simulateRun(prompt: string, options: SimulateRunOptions = {}): Promise<SimulatedRun> {
  // Seeded by the prompt: each scenario gets its own ids (and the same ones on every run).
  const { client } = createSimulatorSession({
    delayMs: options.delayMs ?? 0,
    fixedClock: true,
    seed: seedOf(prompt),
  })
  const events: RunStreamEvent[] = []
  let threadId: string | null = null
  let runId: string | null = null
  let deltas = 0
  let cancelling: Promise<unknown> | null = null

  const collect = async (stream: AsyncIterable<RunStreamEvent>) => {
    for await (const event of stream) {
      events.push(event)
      if (event.event === 'thread.run.created') {
        threadId = event.data.thread_id
        runId = event.data.id
      }
      if (event.event === 'thread.message.delta') deltas++
      if (
        options.cancelAfterDeltas !== undefined &&
        deltas >= options.cancelAfterDeltas &&
        !cancelling &&
        threadId &&
        runId
      ) {
        cancelling = client.runs.cancel(threadId, runId)
      }
    }
  }

  await collect(
    await client.threads.createAndRunStream({
      assistant_id: DEMO_ASSISTANT_ID,
      thread: { messages: [{ role: 'user', content: prompt }] },
    }),
  )
  await cancelling

  const required = lastRequiredCalls(events)
  if (options.answer && required.length > 0 && threadId && runId) {
    const tool_outputs = required.map((call) => ({
      tool_call_id: call.id,
      output: options.answer!(call),
    }))
    await collect(await client.runs.submitToolOutputsStream(threadId, runId, { tool_outputs }))
  }
  return { events, files: await fileUrlsOf(client, events) }
}

/**
 * Fetches every file the events name (code interpreter images, `image_file` parts, `file_path`
 * annotations) from the simulator and keeps it as an object URL: the browser cannot reach the
 * in-page simulator by URL. Ids the simulator does not have (cited documents) are skipped.
 */
export async function fileUrlsOf(
  client: RunlineClient,
  events: readonly RunStreamEvent[],
): Promise<Record<string, string>> {
  const ids = new Set(JSON.stringify(events).match(/file-[A-Za-z0-9]+/g) ?? [])
  const files: Record<string, string> = {}
  for (const id of ids) {
    try {
      const response = await client.files.content(id)
      files[id] = URL.createObjectURL(await response.blob())
    } catch {
      // Not a file the simulator stores (e.g. a search document): nothing to show.
    }
  }
  return files
}

/** A small positive seed from a string (FNV-1a). */
function seedOf(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return (hash >>> 0) % 2_147_483_647 || 1
}

function lastRequiredCalls(events: readonly RunStreamEvent[]): RequiredActionFunctionToolCall[] {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!
    if (event.event === 'thread.run.requires_action') {
      return event.data.required_action?.submit_tool_outputs.tool_calls ?? []
    }
  }
  return []
}

const cache = new Map<string, Promise<SimulatedRun>>()

/** {@link simulateRun}, memoized by `key`: stories share one simulated run. */
export function simulatedRun(
  key: string,
  prompt: string,
  options: SimulateRunOptions = {},
): Promise<SimulatedRun> {
  let found = cache.get(key)
  if (!found) {
    found = simulateRun(prompt, options)
    // A failed run is not cached: the next story may try again.
    found.catch(() => cache.delete(key))
    cache.set(key, found)
  }
  return found
}

/** A weather answer the `get_weather` calls get in replays: what a real function would return. */
export function weatherOutput(call: RequiredActionFunctionToolCall): string {
  return weatherFor(call.function.arguments)
}

/** The weather answer for `get_weather` arguments (JSON text), on either wire. */
export function weatherFor(args: string): string {
  let location = 'somewhere'
  try {
    location = String(JSON.parse(args).location ?? location)
  } catch {
    // Arguments are model output; a replay keeps going with a generic answer.
  }
  const table: Record<string, { temperature: number; conditions: string }> = {
    Paris: { temperature: 18, conditions: 'light rain' },
    Tokyo: { temperature: 24, conditions: 'clear' },
  }
  const found = table[location] ?? { temperature: 20, conditions: 'cloudy' }
  return JSON.stringify({ location, unit: 'c', ...found })
}
