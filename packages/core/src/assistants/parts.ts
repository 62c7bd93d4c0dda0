// The Assistants wire's parts of a run's one event path, in one value: what `reduceRun`,
// `createRunStore()`, `createRunCallbacks` (all-wires.ts) and the Assistants-wire builders
// (assistants-wire.ts) are given, and what the hooks' lazily loaded Assistants wire hands its run store.
// Importing this module is what brings the Assistants fold into a bundle.
import type { AssistantsParts } from '../assistants-parts.js'
import { assistantsCallbacks } from './callbacks.js'
import { reduceAssistantsEvent } from './reduce.js'

/**
 * The Assistants wire's fold (the reducer's Assistants family) and callback adapter. Give it to a store
 * made by `createRunStoreWithParts` (`store.addAssistants(assistantsParts)`) to fold that wire.
 */
export const assistantsParts: AssistantsParts = Object.freeze({
  fold: Object.freeze({ reduceEvent: reduceAssistantsEvent }),
  callbacks: assistantsCallbacks,
})
