import type { RunHandleLike, RunThreadState, ThreadHistorySource, ThreadTurn } from '@runline/hooks'
import { createContext, useContext } from 'react'
import type { FileUrl, ToolRenderers } from '../context.js'
import type { OutputSchemas } from '../required-action.js'

/** The live run's row: where the current run's timeline goes (after the turns). */
export interface LiveRow {
  kind: 'live'
  key: 'live'
}

/** One row of the conversation: a user's message, a past assistant turn, or the live run. */
export type ThreadRow = ThreadTurn | LiveRow

/** The live row (one object, so memoized rows stay put). */
export const LIVE_ROW: LiveRow = Object.freeze({ kind: 'live', key: 'live' })

/** What `RunThread.Root` shares with its parts; it changes when the conversation does, never per delta. */
export interface RunThreadContextValue {
  /** The conversation (`useRunThread`): turns, the message on its way, send, status, history paging. */
  thread: RunThreadState
  /** The live run as the timeline takes it (store, cancel, submit, handled calls): the same object while those stay. */
  run: RunHandleLike
  /** The rows to draw: the turns, then the live run while there is one. */
  rows: readonly ThreadRow[]
  /**
   * The place of a past assistant turn among the loaded ones, oldest first (1, 2, ...): it names
   * the turn ("Earlier run 3"), as landmarks must be told apart.
   */
  turnNumber(key: string): number
}

/** What stays put for the whole conversation: where turns come from and how timelines look. */
export interface ThreadSettings {
  threadId: string | null
  history: ThreadHistorySource
  fileUrl?: FileUrl
  toolRenderers?: ToolRenderers
  outputSchemas?: OutputSchemas
}

export const RunThreadContext = createContext<RunThreadContextValue | null>(null)
export const ThreadSettingsContext = createContext<ThreadSettings | null>(null)

const OUTSIDE = 'Runline: render this part inside <RunThread.Root> (or <RunThread>).'

/**
 * The conversation of the nearest `RunThread.Root`: `thread` (turns, `send`, `active`, `status`,
 * `history`), the live `run` and the `rows`. For your own parts, e.g. suggestions that send on click.
 */
export function useRunThreadContext(): RunThreadContextValue {
  const value = useContext(RunThreadContext)
  if (!value) throw new Error(OUTSIDE)
  return value
}

/** The Root's settings (thread id, history source, timeline settings). */
export function useThreadSettings(): ThreadSettings {
  const value = useContext(ThreadSettingsContext)
  if (!value) throw new Error(OUTSIDE)
  return value
}
