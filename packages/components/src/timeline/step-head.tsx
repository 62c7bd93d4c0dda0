'use client'

import type { RunStep, TimelineItem } from '@runline/core'
import { memo, type ReactNode } from 'react'
import { formatClock, formatCount, formatDuration, isoTime, stepEndedAt, timeOf } from '../derive.js'
import { responseItemOf, responseItemState, responseItemTitle } from '../responses/kind.js'
import { stepWords } from '../step-words.js'
import { itemKind } from './item.js'

/** A step's header: what it is, its status while not completed, when it ran and its tokens. */
export function StepHeader({ item }: { item: TimelineItem }): ReactNode {
  const step = item.step
  const output = responseItemOf(item)
  // Responses items carry no times or usage of their own (the response has the usage).
  if (output) {
    const state = responseItemState(output)
    return (
      <StepHead
        title={responseItemTitle(output)}
        started={null}
        ended={null}
        status={state === 'waiting' ? undefined : state}
        usage={null}
      />
    )
  }
  const kind = itemKind(item)
  const role = item.message?.role
  // Tool rows name their tool in the call's own head; the step header just says what it is.
  const title =
    role === 'user'
      ? 'You'
      : kind === 'message'
        ? 'Assistant'
        : kind === 'activities'
          ? 'MCP tools'
          : item.toolCalls.length > 1
            ? `${item.toolCalls.length} tool calls`
            : 'Tool call'
  return (
    <StepHead
      title={title}
      started={timeOf(step?.created_at ?? item.message?.created_at)}
      ended={step ? stepEndedAt(step) : timeOf(item.message?.completed_at)}
      status={step?.status ?? item.message?.status}
      usage={step?.usage ?? null}
    />
  )
}

// Memoized on plain values: a text delta changes the row's item but not its header, so the
// streaming message does not re-format its times on every commit.
const StepHead = memo(function StepHead({
  title,
  started,
  ended,
  status,
  usage,
}: {
  title: string
  started: number | null
  ended: number | null
  status: string | undefined
  usage: RunStep.Usage | null
}) {
  return (
    <header className="rl-step__head">
      <span className="rl-step__title">{title}</span>
      {status && status !== 'completed' && (
        <span className="rl-chip" data-state={status === 'in_progress' ? 'streaming' : status}>
          {stepWords(status)}
        </span>
      )}
      <span className="rl-step__meta">
        {started != null && (
          <time dateTime={isoTime(started)} title="Started">
            {formatClock(started)}
          </time>
        )}
        {started != null && ended != null && (
          <>
            <span aria-hidden="true"> – </span>
            <time dateTime={isoTime(ended)} title="Ended">
              {formatClock(ended)}
            </time>
            <span className="rl-step__duration" title="Duration">
              {formatDuration(ended - started)}
            </span>
          </>
        )}
        {usage && (
          <span
            className="rl-step__usage"
            title={`Prompt ${formatCount(usage.prompt_tokens)} · completion ${formatCount(usage.completion_tokens)}`}
          >
            {formatCount(usage.total_tokens)} tokens
          </span>
        )}
      </span>
    </header>
  )
})
