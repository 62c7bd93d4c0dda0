/**
 * `createSimulator`: an in-memory backend for the Assistants family of wires, as web-standard fetch
 * handlers. Web APIs only (Request, Response, ReadableStream, TextEncoder), so it runs in browsers too.
 *
 * One engine per face (state, clock, scripts) behind a thin face per wire: the OpenAI face (`fetch`:
 * Assistants, and beside them Responses and Conversations) and the Azure AI Foundry classic-agents
 * face (`foundry.fetch`).
 */
import { createFoundryFace, type FoundryFace, type FoundryFaceOptions } from './faces/foundry.js'
import { createOpenAIFace } from './faces/openai.js'

export { FILE_SEARCH_CONTENT_INCLUDE } from './faces/requests.js'

/** Options of `createSimulator`. */
export interface SimulatorOptions {
  /** Path prefix stripped before routing; default '/v1'. apps/server mounts it with '/sim/v1'. */
  basePath?: string
  /** Pause between streamed deltas in ms; default 20. Tests use 0. */
  delayMs?: number
  /** Seed for ids and scripted content; same seed + same requests => same bytes (except timing). default 1 */
  seed?: number
  /** Clock in ms (default Date.now); timestamps on the wire are Unix SECONDS. */
  now?: () => number
  /**
   * Threads kept per face (default 1,000). Beyond it the least recently used thread is forgotten with
   * its messages, runs, steps and generated files; later requests for it are 404s. The same cap
   * applies to the Responses side's responses and, separately, to its conversations.
   */
  maxThreads?: number
  /** The Foundry face: its base path and the bearer token it accepts. */
  foundry?: FoundryFaceOptions
}

/** A running simulator. */
export interface Simulator {
  /** The OpenAI face's web-standard handler (Assistants, Responses and Conversations paths). */
  fetch(request: Request): Promise<Response>
  /** fetch-compatible wrapper: (input, init) => this.fetch(new Request(input, init)), for clients' `fetch` option. */
  fetchLike: typeof fetch
  /** The Azure AI Foundry (classic agents) face, with state of its own. */
  foundry: FoundryFace
}

/** Creates a simulator with its own in-memory state, seeded with the demo assistant on every face. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const engine = {
    delayMs: options.delayMs,
    seed: options.seed,
    now: options.now,
    maxThreads: options.maxThreads,
  }
  const openai = createOpenAIFace({ ...engine, basePath: options.basePath })
  const foundry = createFoundryFace({ ...engine, ...options.foundry })
  return { fetch: openai.fetch, fetchLike: openai.fetchLike, foundry }
}
