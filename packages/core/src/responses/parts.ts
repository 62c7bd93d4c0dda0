// The Responses wire's parts of a run's one event path, in one value: what `reduceRun`,
// `createRunStore()` and `createRunCallbacks` are given (all-wires.ts), and what the hooks' lazily
// loaded Responses wire hands its run store. Importing this module is what brings the Responses fold
// into a bundle.
import type { ResponsesParts } from '../responses-parts.js'
import { responsesCallbacks } from './callbacks.js'
import { reduceInputItems } from './input-items.js'
import { noteResponseError, reduceResponseEvent } from './reduce.js'
import { reduceTurnItems } from './turn-items.js'

/**
 * The Responses wire's fold (the reducer's Responses family) and callback adapter. Give it to a store
 * made by `createAssistantsRunStore` (`store.addResponses(responsesParts)`) to fold that wire too.
 */
export const responsesParts: ResponsesParts = Object.freeze({
  fold: Object.freeze({
    reduceEvent: reduceResponseEvent,
    noteError: noteResponseError,
    reduceTurnItems,
    reduceInputItems,
  }),
  callbacks: responsesCallbacks,
})
