import { type Run, type RunStep, selectUsage } from '@runline/core'
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from 'react'
import { cx } from '../cx.js'
import { formatCount } from '../derive.js'
import { useRunSelector } from '../source.js'
import { useTimelineSourceOrEmpty } from '../timeline-context.js'

/** Token usage as the API reports it. */
export type Usage = Run.Usage | RunStep.Usage

/** Props of `RunTimeline.Usage`. */
export interface UsageProps extends Omit<ComponentPropsWithoutRef<'dl'>, 'children'> {
  /** Usage to show; defaults to the Root run's usage (null until the run ends). */
  usage?: Usage | null
  children?: ReactNode
}

/**
 * Prompt, completion and total tokens as a `dl`. Renders nothing while there is no usage. One `dl`
 * with `data-state="ready"`.
 */
export const UsagePart = forwardRef<HTMLDListElement, UsageProps>(function Usage(
  { usage: given, className, children, ...props },
  ref,
) {
  const fromRun = useRunSelector(useTimelineSourceOrEmpty(), selectUsage)
  const usage = given === undefined ? fromRun : given
  if (!usage) return null
  return (
    <dl ref={ref} className={cx('rl-usage', className)} data-state="ready" {...props}>
      {children ?? <UsageEntries usage={usage} />}
    </dl>
  )
})

/** The three `dt`/`dd` pairs of a usage list. */
export function UsageEntries({ usage }: { usage: Usage }): ReactNode {
  return (
    <>
      <div className="rl-usage__item">
        <dt>Prompt</dt>
        <dd>{formatCount(usage.prompt_tokens)}</dd>
      </div>
      <div className="rl-usage__item">
        <dt>Completion</dt>
        <dd>{formatCount(usage.completion_tokens)}</dd>
      </div>
      <div className="rl-usage__item" data-total="">
        <dt>Total tokens</dt>
        <dd>{formatCount(usage.total_tokens)}</dd>
      </div>
    </>
  )
}
