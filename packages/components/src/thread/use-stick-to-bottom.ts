import { type RefObject, useCallback, useEffect, useRef } from 'react'
import { useLayoutEffect } from '../timeline/layout-effect.js'
import { type ScrollViewport, useFollowScroll } from '../timeline/use-follow-scroll.js'

/** What {@link useStickToBottom} gives the conversation's scroller and its window. */
export interface StickToBottom {
  /** Where the reader is (what the window renders around); only updated while `windowed`. */
  viewport: ScrollViewport
  /** Scrolls to the bottom if the reader is pinned there. Call it after layout (a resize callback, an effect). */
  stick: () => void
  /** Pins the reader to the bottom and scrolls there (their own message went out). */
  pin: () => void
}

/** How near the bottom counts as at the bottom, in px. */
const SLACK = 48
/** A scroll this soon after the reader's own input is theirs. */
const INPUT_MS = 300
const READER_INPUTS = ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const

/**
 * Keeps a conversation's scroller at the bottom while the reader is there. The window's viewport
 * comes from the timeline's `useFollowScroll`; following does not: there any scroll away from the
 * bottom stops it, and in a conversation rows above are measured and grow while it opens and turns
 * fetch their steps, so layout scrolls it too. Here only the reader's own scrolling (wheel, touch,
 * keys, the scrollbar) unpins; scrolling back near the bottom pins again. Layout is read after
 * layout (a ResizeObserver on the scroller, the rows' observer through `stick`), never in a commit.
 */
export function useStickToBottom(
  scroller: RefObject<HTMLElement | null>,
  { follow, windowed }: { follow: boolean; windowed: boolean },
): StickToBottom {
  const { viewport } = useFollowScroll(scroller, { follow: false, windowed, rows: null })
  const pinned = useRef(true)
  const following = useRef(follow)
  following.current = follow

  const stick = useCallback(() => {
    const element = scroller.current
    if (!following.current || !pinned.current || !element) return
    const bottom = element.scrollHeight - element.clientHeight
    if (bottom > 0 && element.scrollTop < bottom) element.scrollTop = bottom
  }, [scroller])

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    let lastInput = Number.NEGATIVE_INFINITY
    const onInput = () => {
      lastInput = performance.now()
    }
    const onScroll = () => {
      if (element.scrollHeight - element.scrollTop - element.clientHeight < SLACK) pinned.current = true
      else if (performance.now() - lastInput < INPUT_MS) pinned.current = false
    }
    for (const name of READER_INPUTS) element.addEventListener(name, onInput, { passive: true })
    element.addEventListener('scroll', onScroll, { passive: true })
    // The scroller itself changed size (the window, the composer growing): the bottom moved.
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(stick) : null
    resize?.observe(element)
    return () => {
      for (const name of READER_INPUTS) element.removeEventListener(name, onInput)
      element.removeEventListener('scroll', onScroll)
      resize?.disconnect()
    }
  }, [scroller, stick])

  const pin = useCallback(() => {
    pinned.current = true
    const element = scroller.current
    if (following.current && element) element.scrollTop = element.scrollHeight
  }, [scroller])

  // Without ResizeObserver (old browsers, jsdom) nothing reports growth: follow after every commit.
  useEffect(() => {
    if (typeof ResizeObserver !== 'function') stick()
  })

  return { viewport, stick, pin }
}
