import { type ComponentPropsWithoutRef, forwardRef } from 'react'
import { cx } from '../cx.js'
import { type RunSource, useRunSelector } from '../source.js'
import { displayStatusOf, statusTone, statusWords } from '../status.js'
import { useTimelineSource } from '../timeline-context.js'

/** Props of `RunTimeline.Status`. */
export interface StatusProps extends ComponentPropsWithoutRef<'div'> {
  /** Defaults to the Root's run. */
  run?: RunSource
}

/**
 * The run's status in words ("Queued", "In progress", "Requires action", "Completed", ...), as
 * `role="status"` so changes are announced. One `div` with `data-status` and `data-tone`.
 */
export const Status = forwardRef<HTMLDivElement, StatusProps>(function Status(
  { run, className, children, ...props },
  ref,
) {
  const status = useRunSelector(useTimelineSource(run), displayStatusOf)
  return (
    <div
      ref={ref}
      role="status"
      className={cx('rl-badge', className)}
      data-status={status}
      data-tone={statusTone(status)}
      {...props}
    >
      {children ?? statusWords(status)}
    </div>
  )
})
