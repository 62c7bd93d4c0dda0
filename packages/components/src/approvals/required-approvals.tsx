import { type RunState, selectHandledApprovals, selectRequiredApprovals } from '@runline/core'
import { handleOf, type RunSource, useRunSelector } from '@runline/hooks'
import { type ReactNode, useContext } from 'react'
import { LazyToolApprovalForm } from '../lazy-parts.js'
import { TimelineContext } from '../timeline-context.js'
import type { ToolApprovalFormProps } from './form.js'

/** Props of {@link RequiredApprovals}. */
export interface RequiredApprovalsProps
  extends Omit<ToolApprovalFormProps, 'calls' | 'handled' | 'onSubmit' | 'expiresAt'> {
  /** The run: a handle with `submitToolApprovals`, a store or a state. Default: the Root's run. */
  run?: RunSource
}

const selectExpiresAt = (state: RunState) => state.run?.expires_at ?? null

/**
 * The approval form for a run that waits for approvals, built from the run's state alone (its
 * `required_action`, the rule's decisions, `expires_at`), so a reload shows the same form; it sends
 * through the handle's `submitToolApprovals`. Renders nothing otherwise.
 */
export function RequiredApprovals({ run: given, ...props }: RequiredApprovalsProps): ReactNode {
  const timeline = useContext(TimelineContext)
  // Inside a Root: its handle (read now, so a new handle object re-renders nothing), else its store.
  const run = given ?? timeline?.handleRef.current ?? timeline?.source
  if (!run)
    throw new Error('Runline: render RequiredApprovals inside <RunTimeline.Root run={...}> or pass `run`.')
  const calls = useRunSelector(run, selectRequiredApprovals)
  const handled = useRunSelector(run, selectHandledApprovals)
  const expiresAt = useRunSelector(run, selectExpiresAt)
  if (calls.length === 0) return null
  const handle = handleOf(run)
  const submit = handle?.submitToolApprovals
  return (
    <LazyToolApprovalForm
      // A new required action (new call ids) starts a fresh form.
      key={calls.map((call) => call.id).join(' ')}
      calls={calls}
      handled={handled}
      expiresAt={expiresAt}
      onSubmit={submit ? (approvals) => submit.call(handle, approvals) : undefined}
      {...props}
    />
  )
}
