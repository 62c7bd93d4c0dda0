'use client'

import type { Run } from 'openai/resources/beta/threads/runs/runs'
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from 'react'
import { cx } from './cx.js'
import { formatCount, formatDuration, isoTime, runDuration, timeOf } from './derive.js'
import { RunStatusBadge } from './timeline/status-badge.js'

/** Props of {@link RunList}. */
export interface RunListProps extends Omit<ComponentPropsWithoutRef<'div'>, 'onSelect'> {
  /** The thread's runs, newest first as the API lists them. */
  runs: readonly Run[]
  /** Whether the API has more (`has_more`). */
  hasMore?: boolean
  /** Loads the next page; the "Load more runs" button calls it. */
  onLoadMore?: () => void
  /** A page is loading (disables the button). */
  loadingMore?: boolean
  /** Makes each run a button. */
  onSelectRun?: (run: Run) => void
  /** The run marked `aria-current`. */
  selectedRunId?: string | null
  /** Shown when there are no runs. */
  empty?: ReactNode
  /** Accessible name of the list (default "Runs"). */
  label?: string
}

/**
 * A thread's runs, paginated: status, when, model, duration and tokens per run, and a "Load more
 * runs" button while there are more. Data-driven: pass the pages you have. One `div` with
 * `data-state` = empty | ready | loading.
 */
export const RunList = forwardRef<HTMLDivElement, RunListProps>(function RunList(
  {
    runs,
    hasMore,
    onLoadMore,
    loadingMore,
    onSelectRun,
    selectedRunId,
    empty,
    label = 'Runs',
    className,
    ...props
  },
  ref,
) {
  return (
    <div
      ref={ref}
      className={cx('rl-runlist', className)}
      data-state={loadingMore ? 'loading' : runs.length ? 'ready' : 'empty'}
      {...props}
    >
      {runs.length === 0 ? (
        (empty ?? <p className="rl-muted">No runs yet.</p>)
      ) : (
        <ul className="rl-runlist__items" aria-label={label}>
          {runs.map((run) => {
            const current = run.id === selectedRunId
            const body = <RunListEntry run={run} />
            return (
              <li key={run.id} className="rl-runlist__item" data-status={run.status}>
                {onSelectRun ? (
                  <button
                    type="button"
                    className="rl-runlist__button"
                    aria-current={current ? 'true' : undefined}
                    onClick={() => onSelectRun(run)}
                  >
                    {body}
                  </button>
                ) : (
                  <div className="rl-runlist__row" aria-current={current ? 'true' : undefined}>
                    {body}
                  </div>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {hasMore && onLoadMore && (
        <button
          type="button"
          className="rl-button rl-button--quiet rl-runlist__more"
          onClick={onLoadMore}
          disabled={loadingMore}
        >
          {loadingMore ? 'Loading…' : 'Load more runs'}
        </button>
      )}
    </div>
  )
})

function RunListEntry({ run }: { run: Run }): ReactNode {
  const created = timeOf(run.created_at)
  const duration = runDuration(run)
  return (
    <>
      <RunStatusBadge status={run.status} live={false} />
      <span className="rl-runlist__main">
        <code className="rl-runlist__id">{run.id}</code>
        <span className="rl-runlist__meta">
          {created != null && <time dateTime={isoTime(created)}>{formatDate(created)}</time>}
          {run.model && <span>{run.model}</span>}
          {duration !== null && <span>{formatDuration(duration)}</span>}
        </span>
      </span>
      {run.usage && <span className="rl-runlist__tokens">{formatCount(run.usage.total_tokens)} tokens</span>}
    </>
  )
}

function formatDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
}
