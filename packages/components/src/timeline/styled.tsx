'use client'

import { selectRun } from '@runline/core'
import { useRunSelector } from '@runline/hooks'
import { type ReactNode, useContext } from 'react'
import type { ToolApprovalFormProps } from '../approvals/form.js'
import { RequiredApprovals } from '../approvals/required-approvals.js'
import { cx } from '../cx.js'
import { formatDuration, runDuration } from '../derive.js'
import { RequiredAction, type RequiredActionProps } from '../required-action-of-run.js'
import { TimelineContext, useTimelineSource } from '../timeline-context.js'
import { Cancel } from './cancel.js'
import { ErrorPart } from './error.js'
import { Log, type LogProps } from './log.js'
import { Root, type RootProps } from './root.js'
import { Status } from './status-badge.js'
import { UsagePart } from './usage.js'

/** Props of `<RunTimeline>`. */
export interface RunTimelineProps extends Omit<RootProps, 'children'> {
  /** Show the tool-output form under the log when the run requires action (default true). */
  requiredAction?: boolean
  /** Passed to the form: per-tool output schemas. */
  outputSchemas?: RequiredActionProps['outputSchemas']
  /** Show the approval form when the run waits for approvals (Foundry; default true). */
  approvals?: boolean
  /** Passed to the approval form: called per decision a person made, for an audit log. */
  onApprovalDecision?: ToolApprovalFormProps['onDecision']
  /** Passed to the approval form: who decides (reported as `by`). */
  decidedBy?: string
  /** Virtualize long timelines (see `RunTimeline.Log`). */
  windowing?: LogProps['windowing']
  /** Draws a row; defaults to `RunTimeline.Step`. Keep it stable. */
  renderItem?: LogProps['renderItem']
  /** Label of the transcript (default "Run transcript"). */
  logLabel?: string
}

/**
 * The drop-in timeline: status, run summary, usage and "Cancel run" in a header; problems as an
 * alert; the transcript as a windowed `role="log"`; and, when the run requires action, the
 * tool-output form or (Foundry) the approval form. Built only from the public parts.
 */
export function RunTimelineDefault({
  requiredAction = true,
  outputSchemas,
  approvals = true,
  onApprovalDecision,
  decidedBy,
  windowing,
  renderItem,
  logLabel,
  className,
  ...rootProps
}: RunTimelineProps): ReactNode {
  return (
    <Root {...rootProps} className={cx('rl-timeline--styled', className)}>
      <div className="rl-timeline__header">
        <Status />
        <RunSummary />
        <span className="rl-timeline__spacer" />
        <UsagePart className="rl-usage--compact" />
        <Cancel />
      </div>
      <ErrorPart />
      <Log windowing={windowing} renderItem={renderItem} aria-label={logLabel ?? 'Run transcript'} />
      {requiredAction && <RequiredActionFromRoot outputSchemas={outputSchemas} />}
      {approvals && <RequiredApprovals onDecision={onApprovalDecision} decidedBy={decidedBy} />}
    </Root>
  )
}

/** Model, run id and duration of the run, for the default header. */
function RunSummary(): ReactNode {
  const run = useRunSelector(useTimelineSource(), selectRun)
  if (!run) return null
  const duration = runDuration(run)
  return (
    <span className="rl-summary">
      {run.model && <span className="rl-summary__model">{run.model}</span>}
      <code className="rl-summary__id" title="Run id">
        {run.id}
      </code>
      {duration !== null && <span title="Duration">{formatDuration(duration)}</span>}
    </span>
  )
}

/** The tool-output form for the Root's run, through its handle so it can submit. */
function RequiredActionFromRoot({ outputSchemas }: { outputSchemas?: RequiredActionProps['outputSchemas'] }) {
  const timeline = useContext(TimelineContext)!
  const run = timeline.handleRef.current ?? timeline.source
  return <RequiredAction run={run} outputSchemas={outputSchemas} />
}
