'use client'

import { type RefObject, useCallback, useEffect, useRef, useState } from 'react'
import { useLayoutEffect } from './layout-effect.js'

/** The part of the scroller the reader sees, in px. */
export interface ScrollViewport {
  /** `scrollTop`. */
  top: number
  /** `clientHeight` (0 before layout). */
  height: number
}

/** Options of {@link useFollowScroll}. */
export interface FollowScrollOptions {
  /** Keep scrolled to the bottom while the reader is there. */
  follow: boolean
  /** Track the viewport (a windowed log renders from it); off, scrolling re-renders nothing. */
  windowed: boolean
  /** Changes whenever the rows change: without ResizeObserver, the log follows after those commits. */
  rows: unknown
}

/** What {@link useFollowScroll} gives the log and its window. */
export interface FollowScroll {
  /** Where the reader is: what the window renders around. Only updated while `windowed`. */
  viewport: ScrollViewport
  /**
   * Scrolls to the bottom when following and the reader is there. Call it after layout (from a
   * ResizeObserver callback, or when a spacer grew), never from a commit: it reads `scrollHeight`.
   */
  stick: () => void
}

const NO_VIEWPORT: ScrollViewport = { top: 0, height: 0 }

/**
 * Follows a scroller's scroll position and size with one `scroll` listener and one ResizeObserver,
 * for both readers: stick-to-bottom (is the reader at the bottom? then keep them there as the log
 * grows) and windowing (which rows are in view). Both run after layout, so reading it costs nothing;
 * a layout read in a commit effect would force one on every streamed commit.
 */
export function useFollowScroll(
  scroller: RefObject<HTMLElement | null>,
  { follow, windowed, rows }: FollowScrollOptions,
): FollowScroll {
  const atBottom = useRef(true)
  // Read by the listeners, which outlive renders.
  const latest = useRef({ follow, windowed })
  latest.current = { follow, windowed }
  const [viewport, setViewport] = useState(NO_VIEWPORT)

  const stick = useCallback(() => {
    const element = scroller.current
    if (!latest.current.follow || !atBottom.current || !element) return
    const bottom = element.scrollHeight - element.clientHeight
    if (bottom > 0 && element.scrollTop < bottom) element.scrollTop = bottom
  }, [scroller])

  const readViewport = useCallback(() => {
    const element = scroller.current
    if (!element || !latest.current.windowed) return
    setViewport((prev) =>
      prev.top === element.scrollTop && prev.height === element.clientHeight
        ? prev
        : { top: element.scrollTop, height: element.clientHeight },
    )
  }, [scroller])

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    // Scroll events come after layout too; programmatic scrolls to the bottom keep atBottom true.
    const onScroll = () => {
      atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48
      readViewport()
    }
    const onResize = () => {
      readViewport()
      stick()
    }
    element.addEventListener('scroll', onScroll, { passive: true })
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(onResize) : null
    resize?.observe(element)
    return () => {
      element.removeEventListener('scroll', onScroll)
      resize?.disconnect()
    }
  }, [scroller, stick, readViewport])

  // Windowing just turned on (the rows passed its threshold): start from where the reader is.
  useLayoutEffect(() => {
    if (windowed) readViewport()
  }, [windowed, readViewport])

  // Without ResizeObserver (old browsers, jsdom) follow after each commit that changed the rows.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run whenever the rows change
  useEffect(() => {
    if (typeof ResizeObserver !== 'function') stick()
  }, [rows, follow, stick])

  return { viewport, stick }
}
