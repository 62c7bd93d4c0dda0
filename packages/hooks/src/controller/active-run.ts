// The active-run policy (`whenActive`): a new run on a thread waits for the run that holds it, or
// cancels it first.
import { isActiveStatus } from '@runline/core'
import type { RunTarget, RunWire } from '../wire/wire.js'
import type { Operations } from './operations.js'
import type { RunPipe } from './pipe.js'
import { runOf } from './run-of.js'

/** What the policy needs from its controller. */
export interface ActiveRunContext {
  pipe: RunPipe
  ops: Operations
  wire: RunWire
  policy(): { whenActive?: 'wait' | 'cancel'; pollIntervalMs?: number }
}

/** Waits until our own run no longer holds `threadId` (or cancels it), before a new run starts there. */
export async function makeRoom(
  ctx: ActiveRunContext,
  threadId: string | null,
  signal: AbortSignal,
): Promise<void> {
  for (;;) {
    if (ctx.ops.current) await ctx.ops.current.done
    if (signal.aborted) return
    const run = runOf(ctx.pipe.getState())
    if (!run || !isActiveStatus(run.status) || !threadId || run.thread_id !== threadId) return
    if (ctx.ops.current) continue
    await clearActiveRun(ctx, { threadId, runId: run.id }, signal)
    if (!ctx.ops.current) return
  }
}

/**
 * Waits until the run ends, cancelling it first under `whenActive: 'cancel'`. When it is the run the
 * store shows, its end goes into the store like any other, so what a run's end promises happens.
 */
export async function clearActiveRun(
  ctx: ActiveRunContext,
  target: RunTarget,
  signal: AbortSignal,
): Promise<void> {
  const { whenActive, pollIntervalMs } = ctx.policy()
  const events = await ctx.wire.waitForEnd(target, {
    cancel: whenActive === 'cancel',
    signal,
    pollIntervalMs,
  })
  if (signal.aborted || runOf(ctx.pipe.getState())?.id !== target.runId) return
  for (const event of events) ctx.pipe.dispatch(event)
}
