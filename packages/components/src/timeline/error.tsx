'use client'

import { type Run, type RunState, selectIncompleteReason } from '@runline/core'
import { type RunSource, useRunSelector } from '@runline/hooks'
import { type ComponentPropsWithoutRef, forwardRef } from 'react'
import { cx } from '../cx.js'
import { useTimelineSourceOrEmpty } from '../timeline-context.js'

/** One problem to show: a stream/client error, the run's `last_error`, or why it is incomplete. */
export interface RunProblem {
  kind: 'stream' | 'run' | 'incomplete'
  code: string
  message: string
}

const INCOMPLETE_WORDS: Record<string, string> = {
  max_completion_tokens: 'the completion token limit was reached',
  max_prompt_tokens: 'the prompt token limit was reached',
  max_tokens: 'the token limit was reached',
  content_filter: 'the content filter stopped it',
  // Foundry: `incomplete` without details is a safety guardrail (core's selectIncompleteReason).
  unspecified: 'a safety guardrail stopped it',
}

/** The problems a run state holds, in the order they matter. */
export function runProblems(
  streamError: RunState['error'],
  lastError: Run['last_error'] | undefined,
  /** Why the run is incomplete: `selectIncompleteReason`, or the run's `incomplete_details`. */
  incomplete: Run['incomplete_details'] | string | undefined,
): RunProblem[] {
  const problems: RunProblem[] = []
  if (streamError) problems.push({ kind: 'stream', code: streamError.code, message: streamError.message })
  if (lastError && !(streamError && streamError.message === lastError.message)) {
    problems.push({ kind: 'run', code: lastError.code, message: lastError.message })
  }
  if (incomplete) {
    const reason = (typeof incomplete === 'string' ? incomplete : incomplete.reason) ?? 'unknown'
    problems.push({
      kind: 'incomplete',
      code: reason,
      message: `The run ended early: ${
        Object.hasOwn(INCOMPLETE_WORDS, reason) ? INCOMPLETE_WORDS[reason] : reason.replace(/_/g, ' ')
      } (${reason}).`,
    })
  }
  return problems
}

const selectStreamError = (state: RunState) => state.error
const selectLastError = (state: RunState) => state.run?.last_error ?? null

/** Props of `RunTimeline.Error`. */
export interface ErrorProps extends ComponentPropsWithoutRef<'div'> {
  /** An error to show instead of the run's own problems. */
  error?: { code?: string; message: string } | null
  run?: RunSource
}

/**
 * The run's problems (stream error, `last_error`, `incomplete_details`) as one `role="alert"` with
 * their messages. Renders nothing when there are none. `data-kind` names the first problem's kind.
 */
export const ErrorPart = forwardRef<HTMLDivElement, ErrorProps>(function RunError(
  { error, run, className, children, ...props },
  ref,
) {
  const source = useTimelineSourceOrEmpty(run)
  const streamError = useRunSelector(source, selectStreamError)
  const lastError = useRunSelector(source, selectLastError)
  const incomplete = useRunSelector(source, selectIncompleteReason)
  const problems: RunProblem[] =
    error === undefined
      ? runProblems(streamError, lastError, incomplete)
      : error
        ? [{ kind: 'stream', code: error.code ?? 'error', message: error.message }]
        : []
  if (problems.length === 0) return null
  return (
    <div
      ref={ref}
      role="alert"
      className={cx('rl-alert', className)}
      data-kind={problems[0]!.kind}
      data-tone={problems.every((p) => p.kind === 'incomplete') ? 'warning' : 'danger'}
      {...props}
    >
      {children ??
        problems.map((problem) => (
          <p key={problem.kind} className="rl-alert__line" data-code={problem.code}>
            {problem.message}
          </p>
        ))}
    </div>
  )
})
