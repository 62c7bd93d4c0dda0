// Input a fold refuses becomes `state.error` (`source: 'input'`), the rest of the state kept: the
// reducer's own cases and the Assistants family word those errors the same way.
import type { RunState } from './types.js'

/** Why an object whose id names an `Object.prototype` member ("__proto__", "toString") is ignored. */
export const UNSAFE_ID = 'Ignored an object whose id would reach Object.prototype'

/** The state with an input error: refused input keeps the previous snapshot otherwise. */
export function withInputError(state: RunState, code: string, message: string): RunState {
  return { ...state, error: { code, message, source: 'input' } }
}

/** An event whose data lacks what its name promises (an id, a delta). */
export function invalidEvent(state: RunState, name: string): RunState {
  return withInputError(state, 'invalid_event', `${name}: data is missing an id or a delta`)
}
