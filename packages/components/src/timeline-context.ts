'use client'

import { initialRunState } from '@runline/core'
import type { RunHandleLike, RunSource } from '@runline/hooks'
import { createContext, useContext } from 'react'
import {
  defaultFileUrl,
  type FileUrl,
  type ToolCards,
  type ToolRenderers,
  useRunlineSettings,
} from './context.js'
import type { ArgumentsCache } from './partial-json.js'

/** What `RunTimeline.Root` shares with its parts. Kept stable across stream commits so rows stay memoized. */
export interface TimelineContextValue {
  /** The store behind the run (or the plain state): what parts subscribe to. */
  source: RunSource
  /** The latest handle (cancel / submit), read at call time so a new handle object re-renders nothing. */
  handleRef: { readonly current: RunHandleLike | null }
  fileUrl: FileUrl
  toolRenderers: ToolRenderers
  /** Cards for tool-call types, over the kit's own. */
  toolCards: ToolCards
  /** The parsers of streaming function arguments, made by the first function-call view (see below). */
  argumentsCache: ArgumentsCacheSlot
  /** File id → name from file_search results. */
  fileNames: Readonly<Record<string, string>>
  /** Tool call id → output, for calls client handlers answered. */
  handled: Readonly<Record<string, string>>
  headingOffset: number
}

/**
 * Where a Root's (or the given) arguments cache lives. The function-call view makes it when it first
 * draws a call: the parser loads with that view, not with the page.
 */
export interface ArgumentsCacheSlot {
  current: ArgumentsCache | null
}

/** Shared with the parts by `RunTimeline.Root`. */
export const TimelineContext = createContext<TimelineContextValue | null>(null)

const EMPTY: Readonly<Record<string, never>> = Object.freeze({})
const sharedArgumentsCache: ArgumentsCacheSlot = { current: null }

/** The parts' view of their settings: the Root's, else the provider's, else defaults. */
export function usePartSettings(): Omit<TimelineContextValue, 'source' | 'handleRef'> & {
  source: RunSource | null
  handleRef: { readonly current: RunHandleLike | null } | null
} {
  const timeline = useContext(TimelineContext)
  const settings = useRunlineSettings()
  if (timeline) return timeline
  return {
    source: null,
    handleRef: null,
    fileUrl: settings.fileUrl ?? defaultFileUrl,
    toolRenderers: settings.toolRenderers ?? EMPTY,
    toolCards: settings.toolCards ?? EMPTY,
    argumentsCache: sharedArgumentsCache,
    fileNames: EMPTY,
    handled: EMPTY,
    headingOffset: settings.headingOffset ?? 2,
  }
}

/**
 * The run a part reads: its own `run`, else its Root's. For parts that mean nothing without a run
 * (they throw outside a Root when not given one).
 */
export function useTimelineSource(run?: RunSource): RunSource {
  const timeline = useContext(TimelineContext)
  const source = run ?? timeline?.source
  if (!source) throw new Error('Runline: render this part inside <RunTimeline.Root run={...}> or pass `run`.')
  return source
}

/**
 * The run a part reads: its own `run`, else its Root's, else an empty run. For parts that also stand
 * alone (they then show nothing, or what their props say).
 */
export function useTimelineSourceOrEmpty(run?: RunSource): RunSource {
  const timeline = useContext(TimelineContext)
  return run ?? timeline?.source ?? initialRunState
}
