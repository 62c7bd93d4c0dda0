'use client'

import type { RunState } from '@runline/core'
import { selectStatus } from '@runline/core'
import { handleOf, type RunHandleLike, type RunSource, storeOf, useRunSelector } from '@runline/hooks'
import { type ComponentPropsWithoutRef, forwardRef, useEffect, useMemo, useRef, useState } from 'react'
import {
  defaultFileUrl,
  type FileUrl,
  type ToolCards,
  type ToolRenderers,
  useRunlineSettings,
} from '../context.js'
import { cx } from '../cx.js'
import { sameRecord, selectFileNames } from '../derive.js'
import type { ArgumentsCache } from '../partial-json.js'
import { type ArgumentsCacheSlot, TimelineContext, type TimelineContextValue } from '../timeline-context.js'
import { warmUpRunTimeline } from '../warm-up.js'

const EMPTY: Readonly<Record<string, never>> = Object.freeze({})

/** Props of `RunTimeline.Root`. */
export interface RootProps extends ComponentPropsWithoutRef<'div'> {
  /** The run: `useRunStream()`'s handle, a `RunStore`, or a plain `RunState`. */
  run: RunSource
  /** Where file images and generated files load from (default: provider, else `/api/v1/files/:id/content`). */
  fileUrl?: FileUrl
  /** Per-tool overrides for function calls, by function name. */
  toolRenderers?: ToolRenderers
  /** Cards for tool-call types (default: provider's, over the kit's own). */
  toolCards?: ToolCards
  /** Cache of incremental argument parsers (one per Root by default). */
  argumentsCache?: ArgumentsCache
  /** Added to markdown heading depth (default 2). */
  headingOffset?: number
}

/**
 * Holds a run for the parts below it. Renders one `div` with `data-status` (the display status, e.g.
 * `in_progress`, `requires_action`, `completed`, `error`) and `data-phase` (the stream's phase).
 */
export const Root = forwardRef<HTMLDivElement, RootProps>(function Root(
  { run, fileUrl, toolRenderers, toolCards, argumentsCache, headingOffset, className, children, ...props },
  ref,
) {
  const settings = useRunlineSettings()
  // Parts subscribe to the store; a new handle object (hooks re-render) must not change the context.
  const store = storeOf(run)
  const source: RunSource = store ?? run
  const handleRef = useRef<RunHandleLike | null>(null)
  handleRef.current = handleOf(run)
  const handled = useStableRecord(handleRef.current?.handledToolCalls)
  // Filled by the first function call drawn (the parser loads with the function-call view).
  const [ownCache] = useState<ArgumentsCacheSlot>(() => ({ current: null }))
  const cache = useMemo(
    () => (argumentsCache ? { current: argumentsCache } : ownCache),
    [argumentsCache, ownCache],
  )
  useEffect(warmUpRunTimeline, [])
  const fileNames = useRunSelector(source, selectFileNames)
  const status = useRunSelector(source, selectStatus)
  const phase = useRunSelector(source, selectPhase)
  const value = useMemo<TimelineContextValue>(
    () => ({
      source,
      handleRef,
      fileUrl: fileUrl ?? settings.fileUrl ?? defaultFileUrl,
      toolRenderers: toolRenderers ?? settings.toolRenderers ?? EMPTY,
      toolCards: toolCards ?? settings.toolCards ?? EMPTY,
      argumentsCache: cache,
      fileNames,
      handled,
      headingOffset: headingOffset ?? settings.headingOffset ?? 2,
    }),
    [source, fileUrl, toolRenderers, toolCards, cache, fileNames, handled, headingOffset, settings],
  )
  return (
    <TimelineContext.Provider value={value}>
      <div
        ref={ref}
        className={cx('rl-timeline', className)}
        data-status={status}
        data-phase={phase}
        {...props}
      >
        {children}
      </div>
    </TimelineContext.Provider>
  )
})

function selectPhase(state: RunState) {
  return state.phase
}

/** The same object while the record's entries are the same, so the context value stays put. */
function useStableRecord(
  record: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> {
  const ref = useRef<Readonly<Record<string, string>>>(record ?? EMPTY)
  if (!sameRecord(ref.current, record ?? EMPTY)) ref.current = record ?? EMPTY
  return ref.current
}
