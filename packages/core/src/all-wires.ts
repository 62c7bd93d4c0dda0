// The public fold, store and callbacks of every wire: each is the wire-agnostic one (reduce.ts,
// store.ts, callbacks.ts) given both wires' parts. The hooks never reach this module: a run's store
// gets its wire's parts when the wire loads (`createRunStoreWithParts`), an Assistants history
// folds with `reduceAssistantsRun`, a Responses one loads the Responses parts.
import { assistantsParts } from './assistants/parts.js'
import { createRunCallbacksWithParts, type RunCallbacks } from './callbacks.js'
import { initialRunState, type RunFolds, reduceRunWith } from './reduce.js'
import { responsesParts } from './responses/parts.js'
import { createRunStoreOf, type RunStore, type RunStoreOptions } from './store.js'
import type { RunState, RunStreamEvent } from './types.js'

// Both folds, made once: the reducer reads them at every event.
/** Both wires' folds, as `reduceRun` and `createRunStore()` fold with them (tests and benches give them to `createRunFolder`). */
export const ALL_FOLDS: RunFolds = Object.freeze({
  assistants: assistantsParts.fold,
  responses: responsesParts.fold,
})

/**
 * Folds one event into the run state: Assistants and Foundry events and Responses events alike.
 * Pure and total: it never throws, whatever it is given. Unknown event names are ignored (the same
 * state object comes back); input it cannot use becomes `state.error` with `source: 'input'` and the
 * previous snapshot is kept.
 *
 * Structural sharing: only the objects on the event's path are replaced, so selectors and React can
 * compare by reference. Each delta costs O(size of the delta), not O(what was streamed so far).
 */
export function reduceRun(state: RunState, event: RunStreamEvent): RunState {
  return reduceRunWith(state, event, ALL_FOLDS)
}

/**
 * Creates the store that holds one run's state, folding every wire (see `createRunStoreWithParts`
 * for one whose bundle holds only the folds it is given). Events are reduced as they arrive, but subscribers
 * see at most one commit per animation frame while text streams (thousands of deltas become ~60
 * commits a second), and terminal events commit at once.
 */
export function createRunStore(options: RunStoreOptions = {}): RunStore {
  return createRunStoreOf(options, options.assistants ?? assistantsParts, options.responses ?? responsesParts)
}

/**
 * Returns a function to call with each event and the state after it (from `reduceRun` or a store);
 * it fires the matching callbacks, on every wire. It tracks the current content part and tool call
 * the way `AssistantStream` does, to know when one is done.
 *
 * Like the reducer it never throws on bad input: an event the reducer refused (its state carries a new
 * input error) fires `onEvent` and then `onError` with that error, and nothing else.
 *
 * It keeps no reference to a state beyond the call, so a store's pending state will do where
 * `needsSnapshots` is false.
 */
export function createRunCallbacks(
  callbacks: RunCallbacks,
): (event: RunStreamEvent, state: RunState) => void {
  return createRunCallbacksWithParts(callbacks, { assistants: assistantsParts, responses: responsesParts })
}

/**
 * Folds an event stream into run state while firing callbacks; resolves with the final state.
 * A convenience for scripts and servers: `await foldRunStream(parseRunStream(body), { onTextDelta })`.
 */
export async function foldRunStream(
  events: AsyncIterable<RunStreamEvent>,
  callbacks: RunCallbacks = {},
  state: RunState = initialRunState,
): Promise<RunState> {
  const fire = createRunCallbacks(callbacks)
  let current = state
  for await (const event of events) {
    current = reduceRun(current, event)
    fire(event, current)
  }
  return current
}
