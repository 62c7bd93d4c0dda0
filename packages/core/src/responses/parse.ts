// How a Responses stream ends, for the decoder and the run store (which commits it at once).
import { TERMINAL_RUN_STATUSES } from '../status.js'

/** `response.completed`, `response.failed`, … from core's one list of terminal statuses. */
export const TERMINAL_RESPONSE_EVENTS: ReadonlySet<string> = new Set(
  [...TERMINAL_RUN_STATUSES].map((status) => `response.${status}`),
)

/**
 * True for a response's terminal event. The server closes a Responses stream after it without a
 * `[DONE]`, so a body that ends right after one ended cleanly (the readers then yield `done`).
 */
export function endsResponse(name: string): boolean {
  return TERMINAL_RESPONSE_EVENTS.has(name)
}
