// The one event path of a live run: every event, whoever produced it (a stream, a snapshot, a
// command), goes into the run store, and the store's `onEvent` fires the callbacks. The controller's
// own duties (saving the resume pointer, what a run's end promises) are callbacks on that same path.
// The store and callbacks start with no wire's code: the run's wire, loaded on first use (or in idle
// time, see run-controller.ts), gives the store that wire's parts (`store.addAssistants`,
// `store.addResponses`), and the callbacks find them there. Runline's own events fold from the start.
import {
  asRunlineError,
  type CommitScheduler,
  createRunCallbacksWithParts,
  createRunStoreWithParts,
  needsSnapshots,
  type Run,
  type RunCallbacks,
  type RunState,
  type RunStore,
  type RunStreamEvent,
  runlineErrorFields,
} from '@runline/core'

/** What the controller does when a run begins and ends; called from the store's event path. */
export interface RunDuties {
  /** A stream created the run (`thread.run.created`), or updated it (its id may move on: Responses). */
  runCreated(run: Run): void
  /** The run ended, once per run however it ended (after the user's `onRunDone`). */
  runEnded(run: Run): void
}

/** A run store and the one way into it. */
export interface RunPipe {
  readonly store: RunStore
  /** Reduces an event into the store; callbacks and duties fire from there. */
  dispatch(event: RunStreamEvent): void
  /** The newest state, including events not yet committed. */
  getState(): RunState
  /** Records a failure (`runline.error`): a refusal keeps the stream's phase, anything else ends it. */
  fail(error: unknown): void
}

/**
 * Creates the store of one live run with its callbacks attached. `callbacks()` gives the latest
 * user callbacks, so inline handlers in a component always see fresh props.
 */
export function createRunPipe(
  callbacks: () => RunCallbacks,
  duties: RunDuties,
  scheduler: CommitScheduler | undefined,
): RunPipe {
  // Every callback name forwards to the latest options; the two that carry duties do both.
  const forward = new Proxy({} as RunCallbacks, {
    get: (_, name: keyof RunCallbacks) => {
      if (name === 'onRunCreated')
        return (run: Run) => {
          duties.runCreated(run)
          callbacks().onRunCreated?.(run)
        }
      // The Responses wire's next response of the turn: the run to re-attach to moved on.
      if (name === 'onRunUpdated')
        return (run: Run) => {
          duties.runCreated(run)
          callbacks().onRunUpdated?.(run)
        }
      if (name === 'onRunDone')
        return (run: Run) => {
          callbacks().onRunDone?.(run)
          duties.runEnded(run)
        }
      return (...args: unknown[]) => (callbacks()[name] as ((...a: unknown[]) => void) | undefined)?.(...args)
    },
  })
  const store: RunStore = createRunStoreWithParts({
    scheduler,
    // The store itself says which wires' parts it has (read at each event).
    onEvent: createRunCallbacksWithParts(forward, {
      get assistants() {
        return store.assistants
      },
      get responses() {
        return store.responses
      },
    }),
    // A snapshot per event costs the store's in-place batching (a copy of the message per text
    // delta): only for callbacks that are handed state objects.
    onEventSnapshots: () => needsSnapshots(callbacks()),
  })
  return {
    store,
    dispatch: store.dispatch,
    getState: store.getPendingState,
    fail: (error) =>
      store.dispatch({ event: 'runline.error', data: runlineErrorFields(asRunlineError(error)) }),
  }
}
