'use client'

import { selectTimeline, type TimelineItem } from '@runline/core'
import { useRunSelector } from '@runline/hooks'
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  memo,
  type ReactNode,
  useCallback,
  useEffect,
  useRef,
} from 'react'
import { cx } from '../cx.js'
import { RowBoundary } from '../row-boundary.js'
import { useTimelineSourceOrEmpty } from '../timeline-context.js'
import { itemState } from './item.js'
import { Step } from './step.js'
import { useFollowScroll } from './use-follow-scroll.js'
import { MeasuredRow, useWindowedRange } from './windowing.js'

/** Windowing options of `RunTimeline.Log`. */
export interface WindowingOptions {
  /** Window once there are more rows than this (default 40). */
  threshold?: number
  /** Height assumed for unmeasured rows, in px (default 140). */
  estimate?: number
  /** Extra px rendered beyond the viewport (default 600). */
  overscan?: number
}

/** Props of `RunTimeline.Log`. */
export interface LogProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Rows to show; defaults to the Root run's `selectTimeline`. */
  items?: readonly TimelineItem[]
  /**
   * Draws one row. Rows are memoized: one re-renders only when its item (or this function) changes,
   * so keep it stable (module scope or useCallback).
   */
  renderItem?: (item: TimelineItem) => ReactNode
  /** Virtualize long timelines (default: on past 40 rows). `false` renders every row. */
  windowing?: boolean | WindowingOptions
  /** Keep scrolled to the newest row while the reader is at the bottom (default true). */
  follow?: boolean
  /** Shown when there are no rows. */
  empty?: ReactNode
}

const defaultRenderItem = (item: TimelineItem) => <Step item={item} />

/**
 * The streaming transcript: `role="log"` with `aria-live="polite"`. Rows are memoized on their
 * TimelineItem (a text delta re-renders only the streaming row) and long timelines are windowed:
 * only rows near the viewport render, spacers keep the scroll height. One scrolling `div` with
 * `data-state` = empty | ready and `data-windowed`.
 */
export const Log = forwardRef<HTMLDivElement, LogProps>(function Log(
  { items: given, renderItem = defaultRenderItem, windowing, follow = true, empty, className, ...props },
  ref,
) {
  const fromRun = useRunSelector(useTimelineSourceOrEmpty(), selectTimeline)
  const items = given ?? fromRun
  const options = typeof windowing === 'object' ? windowing : {}
  const enabled = windowing === false ? false : windowing === true || items.length > (options.threshold ?? 40)
  const scroller = useRef<HTMLDivElement | null>(null)
  const setRefs = useCallback(
    (element: HTMLDivElement | null) => {
      scroller.current = element
      if (typeof ref === 'function') ref(element)
      else if (ref) ref.current = element
    },
    [ref],
  )
  const keyAt = useCallback((i: number) => items[i]?.id ?? String(i), [items])
  const { viewport, stick } = useFollowScroll(scroller, { follow, windowed: enabled, rows: items })
  const range = useWindowedRange({
    viewport,
    count: items.length,
    keyAt,
    estimate: options.estimate ?? 140,
    overscan: options.overscan ?? 600,
    enabled,
    onRowsResized: stick,
  })
  // A windowed log grows below the window through its bottom spacer, which no row observer sees:
  // follow when the spacer's height changes (when rows are added, not on every text delta).
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the spacer changes
  useEffect(() => {
    if (enabled) stick()
  }, [enabled, range.after, stick])
  const rows: ReactNode[] = []
  for (let i = range.start; i < range.end; i++) {
    const item = items[i]!
    rows.push(
      <MeasuredRow
        key={item.id}
        rowKey={item.id}
        observe={range.observe}
        className="rl-row"
        state={itemState(item)}
        last={enabled && i === range.end - 1}
      >
        <Row item={item} renderItem={renderItem} />
      </MeasuredRow>,
    )
  }
  return (
    <div
      ref={setRefs}
      role="log"
      aria-live="polite"
      aria-label={props['aria-label'] ?? 'Run transcript'}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      tabIndex={0}
      className={cx('rl-log', className)}
      data-state={items.length ? 'ready' : 'empty'}
      data-windowed={enabled ? '' : undefined}
      {...props}
    >
      {enabled && <div className="rl-log__spacer" aria-hidden="true" style={{ height: range.before }} />}
      {items.length === 0 ? (empty ?? <p className="rl-log__empty">No steps yet.</p>) : rows}
      {enabled && <div className="rl-log__spacer" aria-hidden="true" style={{ height: range.after }} />}
    </div>
  )
})

const Row = memo(function Row({
  item,
  renderItem,
}: {
  item: TimelineItem
  renderItem: (item: TimelineItem) => ReactNode
}) {
  return (
    <RowBoundary item={item}>
      <RenderedItem item={item} renderItem={renderItem} />
    </RowBoundary>
  )
})

/** Calls `renderItem` below the boundary, so an error it throws is caught there too. */
function RenderedItem({
  item,
  renderItem,
}: {
  item: TimelineItem
  renderItem: (item: TimelineItem) => ReactNode
}): ReactNode {
  return renderItem(item)
}
