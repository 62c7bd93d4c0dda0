// The seam between a run's one event path (the reducer's switch, the run store, the callback adapter)
// and the Responses wire's code. The path folds the Assistants wire's events and Runline's own itself
// and hands the Responses family to the parts it was given: `responsesParts` (responses/parts.ts)
// supplies them. This module names the parts and holds the little the path knows of that wire without
// them, so a bundle that never loads `responsesParts` (an app on the Assistants wire) ships no
// Responses fold: bundlers place a module reached from the start chunk in the start chunk.
import type { Batch } from './batch.js'
import type { RunCallbacks } from './callbacks.js'
import { isRecord } from './merge.js'
import type { ResponsesStreamEvent } from './responses/types.js'
import type { RunState, RunStreamEvent } from './types.js'

/**
 * The Responses family of the reducer's one switch: the folds its cases call for the Responses
 * wire's events. Each is pure; input it refuses throws a `DeltaError` (the reducer makes it an error
 * in state, `source: 'input'`) or becomes `state.error` itself.
 */
export interface ResponsesFold {
  /** Folds one `response.*` event. With a `batch` (a run folder's), objects it owns are written in place. */
  reduceEvent(state: RunState, name: string, data: unknown, batch: Batch | null): RunState
  /** Keeps a stream's `error` event (already unwrapped) with the response it came during. */
  noteError(state: RunState, data: Record<string, unknown>): RunState
  /** Folds `runline.items`: a past turn from what its conversation kept. */
  reduceTurnItems(state: RunState, data: unknown): RunState
  /** Folds `runline.input_items`: what the client sent to begin the turn's next response. */
  reduceInputItems(state: RunState, data: unknown): RunState
}

/** The Responses half of one callback adapter: called with each event's name and data, and the state after it. */
export type ResponsesCallbackAdapter = (name: string, data: unknown, state: RunState) => void

/**
 * What a run's event path needs to fold the Responses wire: the reducer's Responses family and the
 * callback adapter's Responses half. A store or callback adapter built without them refuses the
 * Responses wire's events as input errors until it is given them.
 */
export interface ResponsesParts {
  /** The reducer's Responses family. */
  readonly fold: ResponsesFold
  /** Creates the Responses half of one callback adapter, for the app's `callbacks`. */
  readonly callbacks: (callbacks: RunCallbacks) => ResponsesCallbackAdapter
}

/**
 * The code of the error a folded event reports when events before it are missing (a gap in
 * `sequence_number`): the event itself was folded, unlike refused input.
 */
export const SEQUENCE_GAP = 'sequence_gap'

/** The code of the error a Responses event gets from a store or reducer that has no {@link ResponsesParts}. */
export const RESPONSES_NOT_LOADED = 'responses_not_loaded'

/** True for a `response.*` event, which the Responses family folds (`error` is the reducer's own). */
export function isResponsesEvent(
  event: RunStreamEvent,
): event is Exclude<ResponsesStreamEvent, { event: 'error' }> {
  return event.event.startsWith('response.')
}

/** A Responses `error` event as sent (`{type: 'error', sequence_number, error: {...}}`) as its error, sequence kept. */
export function unwrapResponseError(data: Record<string, unknown>): Record<string, unknown> {
  if (data.type !== 'error' || !isRecord(data.error)) return data
  return { ...data.error, sequence_number: data.sequence_number }
}
