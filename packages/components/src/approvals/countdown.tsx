import { type ComponentPropsWithoutRef, forwardRef, useEffect, useState } from 'react'
import { cx } from '../cx.js'
import { timeOf } from '../derive.js'

/** Props of {@link ApprovalCountdown}. */
export interface ApprovalCountdownProps extends Omit<ComponentPropsWithoutRef<'span'>, 'children'> {
  /** When the run expires (`run.expires_at`, Unix seconds); nothing is rendered without it. */
  expiresAt: number | null | undefined
}

/** Whole seconds as `m:ss` (or `h:mm:ss`). */
function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m)
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`
}

/**
 * The time left before a waiting run expires, "Expires in 9:41", then "Expired". One `span` with
 * `role="timer"` and `data-state` = running | expired. It keeps its own clock and ticks once a
 * second, so only it re-renders, never the form around it.
 */
export const ApprovalCountdown = forwardRef<HTMLSpanElement, ApprovalCountdownProps>(
  function ApprovalCountdown({ expiresAt, className, ...props }, ref) {
    const deadline = timeOf(expiresAt)
    const [now, setNow] = useState(() => Date.now())
    const left = deadline === null ? 0 : Math.max(0, Math.ceil(deadline - now / 1000))
    const running = left > 0
    // One interval while time is left; none once it ran out (or without a deadline).
    useEffect(() => {
      if (!running) return
      const timer = setInterval(() => setNow(Date.now()), 1000)
      return () => clearInterval(timer)
    }, [running])
    if (deadline === null) return null
    return (
      <span
        ref={ref}
        role="timer"
        className={cx('rl-countdown', className)}
        data-state={running ? 'running' : 'expired'}
        {...props}
      >
        {running ? (
          <>
            Expires in <time dateTime={`PT${left}S`}>{clock(left)}</time>
          </>
        ) : (
          'Expired'
        )}
      </span>
    )
  },
)
