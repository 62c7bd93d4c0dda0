// The fold, store and callbacks of the Assistants wire (and Foundry's, which speaks it): each is the
// wire-agnostic one (reduce.ts, store.ts, callbacks.ts) given the Assistants wire's parts, and the
// Responses wire's when asked. An app that uses only these never reaches the Responses fold.
import { assistantsParts } from './assistants/parts.js'
import { createRunCallbacksWithParts, type RunCallbacks } from './callbacks.js'
import { reduceRunWith } from './reduce.js'
import type { ResponsesParts } from './responses-parts.js'
import { createRunStoreOf, type RunStore, type RunStoreOptions } from './store.js'
import type { RunState, RunStreamEvent } from './types.js'

/**
 * `reduceRun` without the Responses fold in its module graph: folds the Assistants and Foundry wires,
 * and the Responses wire's events with `responses` (core's `responsesParts`, loaded when needed);
 * without them those are refused (`state.error`, code `responses_not_loaded`). Pure and total, like
 * `reduceRun`.
 */
export function reduceAssistantsRun(
  state: RunState,
  event: RunStreamEvent,
  responses: ResponsesParts | null = null,
): RunState {
  return reduceRunWith(state, event, { assistants: assistantsParts.fold, responses: responses?.fold ?? null })
}

/**
 * Creates the store that holds one run's state, folding the Assistants and Foundry wires, and the
 * Responses wire once it has that wire's parts (`options.responses`, or `store.addResponses`). Its
 * module graph holds no Responses fold (see `createRunStoreWithParts`).
 */
export function createAssistantsRunStore(options: RunStoreOptions = {}): RunStore {
  return createRunStoreOf(options, options.assistants ?? assistantsParts, options.responses ?? null)
}

/**
 * The callback adapter of the Assistants and Foundry wires (see `createRunCallbacksWithParts`), and
 * the Responses wire's through the parts `responses()` gives (asked at that wire's events).
 */
export function createAssistantsRunCallbacks(
  callbacks: RunCallbacks,
  responses: () => ResponsesParts | null = () => null,
): (event: RunStreamEvent, state: RunState) => void {
  return createRunCallbacksWithParts(callbacks, {
    assistants: assistantsParts,
    get responses() {
      return responses()
    },
  })
}
