'use client'

import { type ReactNode, useCallback, useEffect, useReducer, useRef } from 'react'
import { useLayoutEffect } from './layout-effect.js'
import type { ScrollViewport } from './use-follow-scroll.js'

/** Options of {@link useWindowedRange}. */
export interface WindowOptions {
  /** Where the reader is in the scroller ({@link useFollowScroll}'s `viewport`, kept while windowed). */
  viewport: ScrollViewport
  /** Rows in the list. */
  count: number
  /** A stable key per row (measured heights are kept by key). */
  keyAt: (index: number) => string
  /** Height assumed for a row not measured yet, in px. */
  estimate: number
  /** Extra px rendered above and below the viewport. */
  overscan: number
  /** Window at all? When false every row renders. */
  enabled: boolean
  /**
   * Called after layout whenever a rendered row changed size (or first appeared), windowed or not.
   * Reading layout here costs nothing: it was just computed.
   */
  onRowsResized?: () => void
}

/** Which rows to render, and the space the others take. */
export interface WindowRange {
  start: number
  /** One past the last row rendered. */
  end: number
  /** Height of the rows above `start`, in px. */
  before: number
  /** Height of the rows from `end` on, in px. */
  after: number
  /** Attach to each rendered row (via {@link MeasuredRow}) so its real height replaces the estimate. */
  observe: (element: Element, key: string) => () => void
}

// Without layout (jsdom, first paint) the viewport height is unknown; assume a tall window.
const FALLBACK_VIEWPORT = 900

/**
 * Virtualizes a scrolling list: only rows near the scroller's viewport (plus overscan) render;
 * spacers stand in for the rest. Heights are measured with ResizeObserver where it exists and
 * estimated otherwise. The scroller itself is watched by {@link useFollowScroll}, not here.
 */
export function useWindowedRange(options: WindowOptions): WindowRange {
  const { viewport, count, keyAt, estimate, overscan, enabled } = options
  const heights = useRef(new Map<string, number>())
  // Read by the observer's callback, which outlives renders.
  const latest = useRef({ enabled, onRowsResized: options.onRowsResized })
  latest.current = { enabled, onRowsResized: options.onRowsResized }
  const [, remeasured] = useReducer((n: number) => n + 1, 0)

  const rowObserver = useRef<ResizeObserver | null>(null)
  const keysByElement = useRef(new WeakMap<Element, string>())
  const observe = useCallback((element: Element, key: string) => {
    if (typeof ResizeObserver !== 'function') return () => {}
    if (!rowObserver.current) {
      rowObserver.current = new ResizeObserver((entries) => {
        let changed = false
        for (const entry of entries) {
          const rowKey = keysByElement.current.get(entry.target)
          const height = entry.borderBoxSize?.[0]?.blockSize ?? entry.target.getBoundingClientRect().height
          if (rowKey === undefined || !height || heights.current.get(rowKey) === height) continue
          heights.current.set(rowKey, height)
          changed = true
        }
        // Heights only matter to the window: an unwindowed log must not re-render as text grows.
        if (changed && latest.current.enabled) remeasured()
        latest.current.onRowsResized?.()
      })
    }
    keysByElement.current.set(element, key)
    rowObserver.current.observe(element)
    return () => rowObserver.current?.unobserve(element)
  }, [])
  useEffect(() => () => rowObserver.current?.disconnect(), [])

  if (!enabled) return { start: 0, end: count, before: 0, after: 0, observe }

  const top = viewport.top - overscan
  const bottom = viewport.top + (viewport.height || FALLBACK_VIEWPORT) + overscan
  let offset = 0
  let start = -1
  let end = count
  let before = 0
  for (let i = 0; i < count; i++) {
    const height = heights.current.get(keyAt(i)) ?? estimate
    if (start < 0 && offset + height > top) {
      start = i
      before = offset
    }
    if (start >= 0 && offset >= bottom) {
      end = i
      break
    }
    offset += height
  }
  if (start < 0) {
    start = Math.max(0, count - 1)
    before = Math.max(0, offset - (heights.current.get(keyAt(start)) ?? estimate))
  }
  let after = 0
  for (let i = end; i < count; i++) after += heights.current.get(keyAt(i)) ?? estimate
  return { start, end: Math.max(end, Math.min(count, start + 1)), before, after, observe }
}

/**
 * A row wrapper that reports its height to the window. `state` (the row's step or message status)
 * and `last` (the last row rendered before a spacer) are exposed as `data-state` and `data-last`, so
 * styles can read them on the row itself instead of with costly `:has()` selectors.
 */
export function MeasuredRow({
  rowKey,
  observe,
  className,
  state,
  last,
  children,
}: {
  rowKey: string
  observe: WindowRange['observe']
  className?: string
  state?: string
  last?: boolean
  children: ReactNode
}): ReactNode {
  const ref = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => (ref.current ? observe(ref.current, rowKey) : undefined), [observe, rowKey])
  return (
    <div
      ref={ref}
      className={className}
      data-row-key={rowKey}
      data-state={state}
      data-last={last ? '' : undefined}
    >
      {children}
    </div>
  )
}
