'use client'

import { initialRunState, type RunUiStatus, selectStatus, statusWords } from '@runline/core'
import { type RunSource, useRunSelector } from '@runline/hooks'
import {
  type ComponentPropsWithoutRef,
  type ForwardRefExoticComponent,
  forwardRef,
  type Ref,
  type RefAttributes,
} from 'react'
import { cx } from '../cx.js'
import { useTimelineSource } from '../timeline-context.js'
import { statusTone } from '../tone.js'

/** Props of {@link RunStatusBadge}. */
export interface RunStatusBadgeProps extends ComponentPropsWithoutRef<'span'> {
  /** A status to show (a run status or idle | connecting | streaming | error). */
  status?: RunUiStatus | (string & {})
  /** Or a run to follow (then the badge is `role="status"` unless `live={false}`). */
  run?: RunSource
  /** Announce changes (`role="status"`). Default: true when following a `run`. */
  live?: boolean
}

/** Props of `RunTimeline.Status`. */
export interface StatusProps extends ComponentPropsWithoutRef<'div'> {
  /** Defaults to the Root's run. */
  run?: RunSource
}

const Badge = forwardRef<HTMLElement, RunStatusBadgeProps & { element?: 'span' | 'div' }>(
  function RunStatusBadge(
    { element: Element = 'span', status: given, run, live, className, children, ...props },
    ref,
  ) {
    const followed = useRunSelector(run ?? initialRunState, selectStatus)
    const status = given ?? followed
    const announce = live ?? run !== undefined
    return (
      <Element
        ref={ref as Ref<HTMLDivElement & HTMLSpanElement>}
        role={announce ? 'status' : undefined}
        className={cx('rl-badge', className)}
        data-status={status}
        data-tone={statusTone(status)}
        {...props}
      >
        {children ?? statusWords(status)}
      </Element>
    )
  },
)

/**
 * A status pill in words ("In progress", "Requires action", "Completed", ...). One `span` with
 * `data-status` and `data-tone` (neutral | active | attention | success | danger | warning).
 */
export const RunStatusBadge: ForwardRefExoticComponent<RunStatusBadgeProps & RefAttributes<HTMLSpanElement>> =
  Badge

/**
 * The run's status in words ("Queued", "In progress", "Requires action", "Completed", ...), as
 * `role="status"` so changes are announced. One `div` with `data-status` and `data-tone`.
 *
 * It is {@link RunStatusBadge}, following the Root's run (or `run`) and always live; its node is a
 * `div`, the part's own, where the badge is a `span` so that it can sit inside a button.
 */
export const Status = forwardRef<HTMLDivElement, StatusProps>(function Status({ run, ...props }, ref) {
  return <Badge element="div" ref={ref} run={useTimelineSource(run)} live {...props} />
})
