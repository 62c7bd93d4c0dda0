import { type RunState, selectStatus } from '@runline/core'
import type { AssistantTurn, UserTurn } from '@runline/hooks'
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from 'react'
import { cx } from '../cx.js'
import { RunTimeline } from '../timeline/index.js'
import { type ThreadRow, useRunThreadContext, useThreadSettings } from './context.js'

/** Props of `RunThread.UserMessage`. */
export interface UserMessageProps extends ComponentPropsWithoutRef<'div'> {
  turn: UserTurn
}

/**
 * A user's message: its text as written (line breaks kept). One `div` with `data-state` = sent |
 * sending (shown before the server has it) | failed.
 */
export const UserMessage = forwardRef<HTMLDivElement, UserMessageProps>(function UserMessage(
  { turn, className, children, ...props },
  ref,
) {
  return (
    <div ref={ref} className={cx('rl-thread__bubble', className)} data-state={turn.state} {...props}>
      {children ?? turn.text}
    </div>
  )
})

/** Props of `RunThread.Turn`. */
export interface TurnProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  turn: AssistantTurn
  /** In place of the default timeline; a function gets the turn's run state. */
  children?: ReactNode | ((run: RunState) => ReactNode)
}

/**
 * A past assistant turn: its messages, with its run and steps where the wire has them (tool calls,
 * code, results; fetched when the turn renders), drawn by the same timeline as the live run, without
 * the tool-output form. One `section` named "Earlier run <n>" (its place among the loaded turns,
 * oldest first) with `data-status` (the run's status).
 */
export const Turn = forwardRef<HTMLElement, TurnProps>(function Turn(
  { turn, className, children, ...props },
  ref,
) {
  const { history, threadId, fileUrl, toolRenderers } = useThreadSettings()
  const run = history.useTurnRun(threadId ?? '', turn)
  const number = useRunThreadContext().turnNumber(turn.key)
  return (
    <section
      ref={ref}
      aria-label={`Earlier run ${number}`}
      className={cx('rl-thread__turn', className)}
      data-status={selectStatus(run)}
      {...props}
    >
      {typeof children === 'function'
        ? children(run)
        : (children ?? (
            <RunTimeline run={run} requiredAction={false} fileUrl={fileUrl} toolRenderers={toolRenderers} />
          ))}
    </section>
  )
})

/** Props of `RunThread.Live`. */
export interface LiveProps extends ComponentPropsWithoutRef<'section'> {}

/**
 * The live run: its timeline with "Cancel run" and, when it requires action, the tool-output form
 * ("Submit tool outputs"). One `section` named "Current run" with `data-status`.
 */
export const Live = forwardRef<HTMLElement, LiveProps>(function Live({ className, children, ...props }, ref) {
  const { run, thread } = useRunThreadContext()
  const { fileUrl, toolRenderers, outputSchemas } = useThreadSettings()
  return (
    <section
      ref={ref}
      aria-label="Current run"
      className={cx('rl-thread__live', className)}
      data-status={thread.status}
      {...props}
    >
      {children ?? (
        <RunTimeline
          run={run}
          fileUrl={fileUrl}
          toolRenderers={toolRenderers}
          outputSchemas={outputSchemas}
        />
      )}
    </section>
  )
})

/**
 * Draws one row the default way: a user's message, a past turn, or the live run. Call it from your
 * own `renderRow` for the rows you do not draw yourself.
 */
export function renderThreadRow(row: ThreadRow): ReactNode {
  if (row.kind === 'user') return <UserMessage turn={row} />
  if (row.kind === 'assistant') return <Turn turn={row} />
  return <Live />
}
