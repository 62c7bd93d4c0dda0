import {
  type ComponentPropsWithoutRef,
  forwardRef,
  memo,
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useRef,
} from 'react'
import { cx } from '../cx.js'
import { useLayoutEffect } from '../timeline/layout-effect.js'
import type { WindowingOptions } from '../timeline/log.js'
import { MeasuredRow, useWindowedRange, type WindowRange } from '../timeline/windowing.js'
import { type ThreadRow, useRunThreadContext } from './context.js'
import { useMergedRef } from './merge-ref.js'
import { renderThreadRow } from './turns.js'
import { useStickToBottom } from './use-stick-to-bottom.js'

/** Props of `RunThread.Viewport`. */
export interface ViewportProps extends ComponentPropsWithoutRef<'section'> {
  /**
   * Draws one row (default {@link renderThreadRow}). Rows are memoized: one re-renders only when
   * its row (or this function) changes, so keep it stable (module scope or useCallback).
   */
  renderRow?: (row: ThreadRow) => ReactNode
  /** Virtualize long conversations (default: on past 30 rows). `false` renders every row. */
  windowing?: boolean | WindowingOptions
  /** Keep scrolled to the newest row while the reader is at the bottom (default true). */
  follow?: boolean
}

/**
 * The conversation's one scrolling area: `children` (e.g. `LoadEarlier`, `Empty`) above the rows,
 * then a row per turn and the live run. It sticks to the bottom while the reader is there, stays put
 * when they scrolled up, and comes down when they send. Long conversations are windowed with the
 * timeline's windowing: only rows near the viewport render, spacers keep the scroll height.
 * One `section` (a focusable region named "Conversation") with `data-state` = empty | ready and
 * `data-windowed`.
 */
export const Viewport = forwardRef<HTMLElement, ViewportProps>(function Viewport(
  { renderRow = renderThreadRow, windowing, follow = true, className, children, ...props },
  ref,
) {
  const { rows } = useRunThreadContext()
  const scroller = useRef<HTMLElement | null>(null)
  const setRefs = useMergedRef(ref, scroller)
  const { range, windowed } = useThreadWindow(scroller, rows, windowing, follow)
  const drawn: ReactNode[] = []
  for (let i = range.start; i < range.end; i++) {
    const row = rows[i]!
    drawn.push(
      <MeasuredRow
        key={row.key}
        rowKey={row.key}
        observe={range.observe}
        className={`rl-thread__row rl-thread__row--${row.kind}`}
        state={row.kind === 'user' ? row.state : undefined}
        last={windowed && i === range.end - 1}
      >
        <Row row={row} renderRow={renderRow} />
      </MeasuredRow>,
    )
  }
  return (
    <section
      ref={setRefs}
      aria-label={props['aria-label'] ?? 'Conversation'}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      tabIndex={0}
      className={cx('rl-thread__viewport', className)}
      data-state={rows.length ? 'ready' : 'empty'}
      data-windowed={windowed ? '' : undefined}
      {...props}
    >
      {children}
      {windowed && <div className="rl-thread__spacer" aria-hidden="true" style={{ height: range.before }} />}
      {drawn}
      {windowed && <div className="rl-thread__spacer" aria-hidden="true" style={{ height: range.after }} />}
    </section>
  )
})

const Row = memo(function Row({
  row,
  renderRow,
}: {
  row: ThreadRow
  renderRow: (row: ThreadRow) => ReactNode
}): ReactNode {
  return renderRow(row)
})

/**
 * The timeline's windowing for the conversation's rows, kept at the bottom by
 * {@link useStickToBottom}; a message the reader sends brings them to the bottom, wherever they were.
 */
function useThreadWindow(
  scroller: RefObject<HTMLElement | null>,
  rows: readonly ThreadRow[],
  windowing: ViewportProps['windowing'],
  follow: boolean,
): { range: WindowRange; windowed: boolean } {
  const options = typeof windowing === 'object' ? windowing : {}
  const windowed = windowing === false ? false : windowing === true || rows.length > (options.threshold ?? 30)
  const keyAt = useCallback((i: number) => rows[i]?.key ?? String(i), [rows])
  const { viewport, stick, pin } = useStickToBottom(scroller, { follow, windowed })
  const range = useWindowedRange({
    viewport,
    count: rows.length,
    keyAt,
    estimate: options.estimate ?? 160,
    overscan: options.overscan ?? 800,
    enabled: windowed,
    onRowsResized: stick,
  })
  // The spacers changed (rows measured or added out of view, the window moved): so did the bottom.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when a spacer changes
  useEffect(() => {
    if (windowed) stick()
  }, [windowed, range.before, range.after, stick])
  const sending = sendingKey(rows)
  // Once per Send, after the message's row is in the DOM.
  useLayoutEffect(() => {
    if (sending !== null) pin()
  }, [sending, pin])
  return { range, windowed }
}

/** The key of the message being sent (the last user row, or the one before the live run), else null. */
function sendingKey(rows: readonly ThreadRow[]): string | null {
  for (let i = rows.length - 1; i >= 0 && i >= rows.length - 2; i--) {
    const row = rows[i]!
    if (row.kind === 'user' && row.state === 'sending') return row.key
  }
  return null
}
