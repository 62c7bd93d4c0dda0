'use client'

import { isActiveStatus, selectStatus } from '@runline/core'
import { handleOf, type RunSource, useRunSelector } from '@runline/hooks'
import { type ComponentPropsWithoutRef, forwardRef, useContext, useRef, useState } from 'react'
import { cx } from '../cx.js'
import { TimelineContext, useTimelineSourceOrEmpty } from '../timeline-context.js'

/** Props of `RunTimeline.Cancel`. */
export interface CancelProps extends Omit<ComponentPropsWithoutRef<'button'>, 'onClick'> {
  run?: RunSource
}

/**
 * The "Cancel run" button: shown while the run is active (connecting, queued, in progress, requires
 * action, waiting to retry; not while it is already cancelling) and
 * the source can cancel; it calls `source.cancel()` once and waits. One `button` with `data-state`
 * = idle | pending.
 */
export const Cancel = forwardRef<HTMLButtonElement, CancelProps>(function Cancel(
  { run, className, children, disabled, ...props },
  ref,
) {
  const timeline = useContext(TimelineContext)
  const status = useRunSelector(useTimelineSourceOrEmpty(run), selectStatus)
  const [pending, setPending] = useState(false)
  const inFlight = useRef(false)
  const handle = run ? handleOf(run) : timeline?.handleRef.current
  // Active and not already being cancelled (core's rule: `isActiveStatus`).
  if (!isActiveStatus(status) || status === 'cancelling' || !handle?.cancel) return null
  const onClick = async () => {
    if (inFlight.current) return
    inFlight.current = true
    setPending(true)
    try {
      await (run ? handleOf(run) : timeline?.handleRef.current)?.cancel?.()
    } catch {
      // The handle reports failures in the run state (shown by RunTimeline.Error).
    } finally {
      inFlight.current = false
      setPending(false)
    }
  }
  return (
    <button
      ref={ref}
      type="button"
      className={cx('rl-button rl-button--quiet', className)}
      data-state={pending ? 'pending' : 'idle'}
      disabled={disabled || pending}
      onClick={onClick}
      {...props}
    >
      {children ?? 'Cancel run'}
    </button>
  )
})
