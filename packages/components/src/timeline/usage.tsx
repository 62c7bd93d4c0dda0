'use client'

import { initialRunState, type Run, type RunStep, selectUsage } from '@runline/core'
import { type RunSource, useRunSelector } from '@runline/hooks'
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from 'react'
import { cx } from '../cx.js'
import { formatCount } from '../derive.js'
import { useTimelineSourceOrEmpty } from '../timeline-context.js'

/** Token usage as the API reports it. */
export type Usage = Run.Usage | RunStep.Usage

/** Props of {@link RunUsage}. */
export interface RunUsageProps extends ComponentPropsWithoutRef<'dl'> {
  /** Usage to show. */
  usage?: Usage | null
  /** Or a run whose usage to show (null until it ends). */
  run?: RunSource
  /** Shown while there is no usage yet; default: render nothing. */
  placeholder?: ReactNode
}

/**
 * Prompt, completion and total tokens, as a `dl` with `data-state` = ready | pending.
 */
export const RunUsage = forwardRef<HTMLDListElement, RunUsageProps>(function RunUsage(
  { usage: given, run, placeholder, className, children, ...props },
  ref,
) {
  const followed = useRunSelector(run ?? initialRunState, selectUsage)
  const usage = given ?? followed
  if (!usage && placeholder === undefined) return null
  return (
    <dl ref={ref} className={cx('rl-usage', className)} data-state={usage ? 'ready' : 'pending'} {...props}>
      {children ?? (usage ? <UsageEntries usage={usage} /> : placeholder)}
    </dl>
  )
})

/** Props of `RunTimeline.Usage`. */
export interface UsageProps extends Omit<ComponentPropsWithoutRef<'dl'>, 'children'> {
  /** Usage to show; defaults to the Root run's usage (null until the run ends). */
  usage?: Usage | null
  children?: ReactNode
}

/**
 * Prompt, completion and total tokens as a `dl`. Renders nothing while there is no usage. One `dl`
 * with `data-state="ready"`.
 *
 * It is {@link RunUsage} showing the Root run's usage, where `usage={null}` means none (for
 * RunUsage, null means "the run's").
 */
export const UsagePart = forwardRef<HTMLDListElement, UsageProps>(function Usage({ usage, ...props }, ref) {
  const fromRun = useRunSelector(useTimelineSourceOrEmpty(), selectUsage)
  return <RunUsage ref={ref} usage={usage === undefined ? fromRun : usage} {...props} />
})

/** The three `dt`/`dd` pairs of a usage list. */
function UsageEntries({ usage }: { usage: Usage }): ReactNode {
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
