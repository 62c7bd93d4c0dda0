'use client'

import type { McpListToolsActivity, TimelineItem } from '@runline/core'
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from 'react'
import { cx } from '../cx.js'
import { listOf } from '../derive.js'
import {
  LazyCodeInterpreter,
  LazyFileSearch,
  LazyMcpTools,
  LazyResponseItemBody,
  LazyToolCall,
} from '../lazy-parts.js'
import { type StepStatus, stepWords } from '../step-words.js'
import { ToolCard } from '../tool-card.js'
import { itemKind, itemState, stepLabel } from './item.js'
import { MessagePart } from './message.js'
import { StepHeader } from './step-head.js'

/** Props of `RunTimeline.Step`. */
export interface StepProps extends Omit<ComponentPropsWithoutRef<'article'>, 'children'> {
  item: TimelineItem
  /** Defaults to the step's header and body. */
  children?: ReactNode
}

/**
 * One step of the run (or a message no step names). One `article` with `data-state` = the step's
 * status (in_progress | completed | failed | cancelled | expired) and `data-kind` = message |
 * function | code_interpreter | file_search | tool_calls | activities | a Foundry tool type (mcp,
 * bing_grounding, …); on the Responses wire, the output item's type (message, reasoning,
 * function_call, web_search_call, …, or an unknown type as sent).
 */
export const Step = forwardRef<HTMLElement, StepProps>(function Step(
  { item, className, children, ...props },
  ref,
) {
  const state = itemState(item)
  const kind = itemKind(item)
  return (
    <article
      ref={ref}
      className={cx('rl-step', className)}
      data-state={state}
      data-kind={kind}
      data-role={item.message?.role}
      aria-label={stepLabel(item, kind)}
      {...props}
    >
      {children ?? <StepContent item={item} />}
    </article>
  )
})

/** The default inside of a step: a header (kind, status, timing, usage) and its body. */
export function StepContent({ item }: { item: TimelineItem }): ReactNode {
  const step = item.step
  const status = (step?.status ?? 'completed') as StepStatus
  // A Responses row: its output item has its own view (the toolCalls below are empty there).
  if (item.item) {
    return (
      <>
        <StepHeader item={item} />
        <LazyResponseItemBody row={item} />
      </>
    )
  }
  return (
    <>
      <StepHeader item={item} />
      {step?.last_error && (
        // Not an alert: the run's own error is announced once by RunTimeline.Error.
        <p className="rl-step__error" data-code={step.last_error.code}>
          {step.last_error.message}
        </p>
      )}
      {item.message ? (
        <MessagePart message={item.message} />
      ) : step?.type === 'message_creation' ? (
        <NoMessageYet status={status} />
      ) : null}
      {item.toolCalls.map((call, i) => {
        if (!call) return null
        // biome-ignore-start lint/suspicious/noArrayIndexKey: tool calls are placed by index
        switch (call.type) {
          case 'function':
            return <LazyToolCall key={call.id ?? i} call={call} stepStatus={status} />
          case 'code_interpreter':
            return <LazyCodeInterpreter key={call.id ?? i} call={call} stepStatus={status} />
          case 'file_search':
            return <LazyFileSearch key={call.id ?? i} call={call} stepStatus={status} />
          default:
            // Foundry's tool types and any newer one: a card per type, else the generic card.
            return <ToolCard key={call.id ?? i} call={call} stepStatus={status} />
        }
        // biome-ignore-end lint/suspicious/noArrayIndexKey: tool calls are placed by index
      })}
      {step?.type === 'tool_calls' && item.toolCalls.length === 0 && (
        <p className="rl-muted">Choosing a tool…</p>
      )}
      {(step?.type as string) === 'activities' && <Activities details={step?.step_details} />}
    </>
  )
}

/** An `activities` step's body (Foundry): each MCP server's tool list; other activities are skipped. */
function Activities({ details }: { details: unknown }): ReactNode {
  const activities = listOf((details as { activities?: McpListToolsActivity[] } | null)?.activities)
  return activities.map((activity, i) =>
    activity.type === 'mcp_list_tools' ? <LazyMcpTools key={activity.id ?? i} activity={activity} /> : null,
  )
}

/**
 * The body of a message-creation step whose message is not there: "Writing…" while the step runs;
 * once it ended without one (cancelled, failed, expired), the step's end in words. Its `last_error`,
 * if any, is shown just above by StepContent.
 */
function NoMessageYet({ status }: { status: StepStatus }): ReactNode {
  if (status === 'in_progress') return <p className="rl-muted">Writing…</p>
  if (status === 'completed') return null
  return (
    <p className="rl-muted rl-step__ended" data-state={status}>
      {stepWords(status)} before the message was written.
    </p>
  )
}
