// Each wire's thread source, by the run's `wire`: the one place a thread view picks per wire how
// its history reads and how a user's turn goes in.
import { assistantsHistory } from './assistants-history.js'
import type { RunControllerOptions } from './controller/options.js'
import { responsesHistory } from './responses-history.js'
import type { ThreadHistorySource } from './thread-history.js'

/** A wire a thread view speaks: the live run's `wire` (default `'assistants'`). */
export type ThreadWire = NonNullable<RunControllerOptions['wire']>

/**
 * The thread source of each wire: `useRunThread` and `<RunThread>` take the one their `wire` names
 * unless given a `history`.
 */
export const threadHistories: Readonly<Record<ThreadWire, ThreadHistorySource>> = Object.freeze({
  assistants: assistantsHistory,
  responses: responsesHistory,
})
