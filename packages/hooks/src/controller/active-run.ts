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
    if (ctx.ops.current) continue
    // Still active, and nothing of ours in flight: the run waits for this client (a Responses turn's
    // calls; the server holds nothing, so its wire's wait ends at once). Under 'wait' the next turn
    // waits for the answer or a cancel, as a run that requires action holds an Assistants thread.
    if (!isWaitingOnUs(ctx, run.id)) return
    await untilAnswered(ctx, run.id, signal)
  }
}

function isWaitingOnUs(ctx: ActiveRunContext, runId: string): boolean {
  const run = runOf(ctx.pipe.getState())
  return run?.id === runId && isActiveStatus(run.status)
}

/** Resolves once the run is answered or cancelled (an operation of ours begins, or the run moves on). */
function untilAnswered(ctx: ActiveRunContext, runId: string, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const check = () => {
      if (!signal.aborted && !ctx.ops.current && isWaitingOnUs(ctx, runId)) return
      unsubscribe()
      signal.removeEventListener('abort', check)
      resolve()
    }
    const unsubscribe = ctx.pipe.store.subscribe(check)
    signal.addEventListener('abort', check)
    check()
  })
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
