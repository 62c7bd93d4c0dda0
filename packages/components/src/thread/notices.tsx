import { type ComponentPropsWithoutRef, forwardRef } from 'react'
import { cx } from '../cx.js'
import { useRunThreadContext } from './context.js'

/** Props of `RunThread.LoadEarlier`. */
export interface LoadEarlierProps extends Omit<ComponentPropsWithoutRef<'button'>, 'onClick'> {}

/**
 * "Load earlier messages": fetches the history's previous page. Rendered only while there is one.
 * One `button` with `data-state` = idle | loading.
 */
export const LoadEarlier = forwardRef<HTMLButtonElement, LoadEarlierProps>(function LoadEarlier(
  { className, children, disabled, ...props },
  ref,
) {
  const { history } = useRunThreadContext().thread
  if (!history.hasEarlier) return null
  const loading = history.loadingEarlier
  return (
    <button
      ref={ref}
      type="button"
      className={cx('rl-button rl-thread__earlier', className)}
      data-state={loading ? 'loading' : 'idle'}
      aria-busy={loading || undefined}
      disabled={disabled || loading}
      onClick={history.loadEarlier}
      {...props}
    >
      {children ?? (loading ? 'Loading earlier messages…' : 'Load earlier messages')}
    </button>
  )
})

/** Props of `RunThread.Loading`. */
export interface LoadingProps extends ComponentPropsWithoutRef<'p'> {}

/** "Loading the conversation…" while the history's first page is on its way. One `p`. */
export const Loading = forwardRef<HTMLParagraphElement, LoadingProps>(function Loading(
  { className, children, ...props },
  ref,
) {
  if (useRunThreadContext().thread.history.status !== 'pending') return null
  return (
    <p ref={ref} className={cx('rl-thread__loading', className)} {...props}>
      {children ?? 'Loading the conversation…'}
    </p>
  )
})

/** Props of `RunThread.Empty`. */
export interface EmptyProps extends ComponentPropsWithoutRef<'div'> {}

/**
 * Shown while the conversation has nothing yet (no history, no message on its way, no run): what
 * to ask, suggestions. One `div`.
 */
export const Empty = forwardRef<HTMLDivElement, EmptyProps>(function Empty(
  { className, children, ...props },
  ref,
) {
  const { thread } = useRunThreadContext()
  if (!thread.empty || thread.history.missing) return null
  return (
    <div ref={ref} className={cx('rl-thread__empty', className)} {...props}>
      {children ?? (
        <>
          <p className="rl-thread__empty-title">No messages yet</p>
          <p className="rl-muted">Write a message below to start the conversation.</p>
        </>
      )}
    </div>
  )
})

/** Props of `RunThread.Error`. */
export interface ThreadErrorProps extends ComponentPropsWithoutRef<'div'> {}

/**
 * What keeps the conversation from working, as one `role="alert"`: a message that could not be
 * sent, a thread the server does not know, a history that could not be read. The live run's own
 * problems are in its timeline. Renders nothing when all is well. `data-kind` = send | missing | history.
 */
export const ThreadError = forwardRef<HTMLDivElement, ThreadErrorProps>(function ThreadError(
  { className, children, ...props },
  ref,
) {
  const { sendError, history } = useRunThreadContext().thread
  const kind = sendError ? 'send' : history.missing ? 'missing' : history.error ? 'history' : null
  if (!kind) return null
  const message =
    kind === 'send'
      ? `Could not send: ${sendError?.message}`
      : kind === 'missing'
        ? 'This conversation no longer exists on the server.'
        : `Could not load the conversation: ${history.error?.message}`
  return (
    <div
      ref={ref}
      role="alert"
      className={cx('rl-alert rl-thread__alert', className)}
      data-kind={kind}
      {...props}
    >
      <p className="rl-alert__line">{message}</p>
      {children}
    </div>
  )
})
