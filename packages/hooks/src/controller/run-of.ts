// The run a controller acts on, whichever wire fed the store: the Assistants run, or the Responses
// turn seen as a run (its latest response, its conversation as the thread). Read from the one store.
import { type Run, type RunState, selectResponsesRun } from '@runline/core'

/** The store's run: `state.run` on the Assistants wire, the Responses turn's run view otherwise. */
export function runOf(state: RunState): Run | null {
  return state.run ?? selectResponsesRun(state)
}
