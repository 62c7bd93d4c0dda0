// The seam between a run's one event path (the reducer's switch, the run store, the callback adapter)
// and the Assistants wire's code (Foundry classic agents speak it too), the twin of responses-parts.ts.
// The path folds Runline's own events itself and hands the Assistants family (`thread.*` and the
// reconciling `runline.snapshot`) to the parts it was given: `assistantsParts` (assistants/parts.ts)
// supplies them. A page whose store gets them only with its wire (the hooks load the wire on first
// use) ships no Assistants fold at start: bundlers place a module reached from the start chunk in it.
import type { Batch } from './batch.js'
import type { RunCallbacks } from './callbacks.js'
import type { AssistantStreamEvent, RunlineLifecycleEvent, RunState, RunStreamEvent } from './types.js'

/**
 * The Assistants family of the reducer's one switch. Pure; input it refuses throws a `DeltaError` (the
 * reducer makes it an error in state, `source: 'input'`) or becomes `state.error` itself.
 */
export interface AssistantsFold {
  /**
   * Folds one event of the family: a `thread.*` event, or `runline.snapshot` (the server's view of a run:
   * retrieve + steps + messages). With a `batch` (a run folder's), objects it owns are written in place.
   */
  reduceEvent(state: RunState, name: string, data: unknown, batch: Batch | null): RunState
}

/** The Assistants half of one callback adapter: called with each event of the family and the state after it. */
export type AssistantsCallbackAdapter = (name: string, data: unknown, state: RunState) => void

/**
 * What a run's event path needs to fold the Assistants wire: the reducer's Assistants family and the
 * callback adapter's Assistants half. A store or callback adapter built without them refuses that
 * wire's events as input errors (code {@link ASSISTANTS_NOT_LOADED}) until it is given them.
 */
export interface AssistantsParts {
  /** The reducer's Assistants family. */
  readonly fold: AssistantsFold
  /** Creates the Assistants half of one callback adapter, for the app's `callbacks`. */
  readonly callbacks: (callbacks: RunCallbacks) => AssistantsCallbackAdapter
}

/** The code of the error an Assistants event gets from a store or reducer that has no {@link AssistantsParts}. */
export const ASSISTANTS_NOT_LOADED = 'assistants_not_loaded'

/** The events of the Assistants family: the API's `thread.*` events and Runline's `runline.snapshot`. */
export type AssistantsFamilyEvent =
  | Exclude<AssistantStreamEvent, { event: 'error' }>
  | Extract<RunlineLifecycleEvent, { event: 'runline.snapshot' }>

/** True for an event of the Assistants family: `thread.*`, and `runline.snapshot`. */
export function isAssistantsEvent(event: RunStreamEvent): event is AssistantsFamilyEvent {
  return event.event.startsWith('thread.') || event.event === 'runline.snapshot'
}
