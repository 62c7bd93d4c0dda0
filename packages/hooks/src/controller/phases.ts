// The phases of a run as the controller follows it: read a stream into the store, catch up after a
// drop, and answer a required action with client handlers. Protocol details stay in the wire.
import {
  asRunlineError,
  type Run,
  type RunState,
  selectRequiredApprovals,
  selectRequiredToolCalls,
  sleep,
} from '@runline/core'
import { requiredActionKey } from '../tool-calls.js'
import type { RunAnswers, RunTarget, RunWire, WireStream } from '../wire/wire.js'
import type { ApprovalRunner } from './approval-runner.js'
import type { Operation } from './operations.js'
import type { RunPipe } from './pipe.js'
import { runOf } from './run-of.js'
import type { ToolRunner } from './tool-runner.js'

/** What the phases need from their controller. */
export interface PhaseContext {
  pipe: RunPipe
  wire: RunWire
  tools: ToolRunner
  approvals: ApprovalRunner
  pollIntervalMs(): number | undefined
}

/**
 * Opens a stream and feeds the store. A stream that ends without `done` (a network drop, a server
 * that went away) is not the run's end: the wire catches up with the run server-side.
 */
export async function streamPhase(
  ctx: PhaseContext,
  op: Operation,
  open: () => Promise<WireStream>,
): Promise<void> {
  const stream = await openWithRetries(ctx, op, open)
  const signal = op.abort.signal
  let dropped = false
  try {
    await stream.forEach(ctx.pipe.dispatch)
  } catch (error) {
    if (signal.aborted) return
    if (asRunlineError(error).kind !== 'network') throw error
    dropped = true
  }
  if (signal.aborted) return
  const state = ctx.pipe.getState()
  if (!dropped && (state.phase === 'done' || state.phase === 'errored')) return
  ctx.pipe.dispatch({ event: 'runline.disconnected', data: { message: 'The stream was interrupted' } })
  const run = runOf(state)
  if (!run) throw asRunlineError(new Error('The stream was interrupted before the run was created'))
  await followPhase(ctx, op, { threadId: run.thread_id, runId: run.id }, 'attention')
}

/** Answers that mean the server did not take the request and asks to send it again later. */
const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 503])
const MAX_RETRIES = 4
const MAX_RETRY_WAIT_MS = 60_000

/**
 * Opens a run's stream (a new run, a submit), sending the request again when the server answered
 * 429 or 503: those answers say the request was not taken, so sending it again cannot create a
 * second run or submit twice. The wait is the server's `retry-after` when it said, else 1 s
 * doubling, capped; the store shows it as `retry` (status `retrying`), not as an error. Nothing
 * else is retried: after a network failure the request may have reached the server, and neither
 * `runs.create` nor `submit_tool_outputs` can be asked whether it did.
 */
async function openWithRetries(
  ctx: PhaseContext,
  op: Operation,
  open: () => Promise<WireStream>,
): Promise<WireStream> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await open()
    } catch (error) {
      const refused = asRunlineError(error)
      const asked = refused.kind === 'api' && refused.status !== null && RETRY_STATUSES.has(refused.status)
      if (!asked || attempt > MAX_RETRIES || op.abort.signal.aborted) throw error
      const delayMs = Math.min(refused.retryAfterMs ?? 1000 * 2 ** (attempt - 1), MAX_RETRY_WAIT_MS)
      const { status, code, message } = refused
      ctx.pipe.dispatch({
        event: 'runline.retrying',
        data: { attempt, delayMs, at: Date.now() + delayMs, status, code: code ?? 'retry', message },
      })
      await sleep(delayMs, op.abort.signal)
      ctx.pipe.dispatch({ event: 'runline.connecting', data: { threadId: ctx.pipe.getState().threadId } })
    }
  }
}

/** Brings the store to the server's view of the run and follows it until it stops (`until`). */
export function followPhase(
  ctx: PhaseContext,
  op: Operation,
  target: RunTarget,
  until: 'attention' | 'end',
): Promise<void> {
  return ctx.wire.follow(target, ctx.pipe.dispatch, {
    signal: op.abort.signal,
    until,
    pollIntervalMs: ctx.pollIntervalMs(),
  })
}

/** Sends the answers of a required action and streams the continuation into the same store. */
export async function answerPhase(
  ctx: PhaseContext,
  op: Operation,
  target: RunTarget,
  answers: RunAnswers,
): Promise<void> {
  ctx.pipe.dispatch({ event: 'runline.connecting', data: { threadId: target.threadId } })
  await streamPhase(ctx, op, () => ctx.wire.answer(target, answers, op.abort.signal))
}

/**
 * After a phase: a required action runs the client handlers (tool outputs) or the approval rule
 * (tool approvals) and, when they cover every call, submits and follows the continuation, as often
 * as the run asks. Resolves with the state where the run ended or waits for the UI.
 */
export async function settle(ctx: PhaseContext, op: Operation): Promise<RunState> {
  for (;;) {
    if (op.abort.signal.aborted) return ctx.pipe.getState()
    const state = ctx.pipe.getState()
    const run = runOf(state)
    if (run?.status !== 'requires_action') return state
    const answered = await answerByClient(ctx, run, state, op.abort.signal)
    if (!answered || op.abort.signal.aborted) return ctx.pipe.getState()
    if (ctx.tools.submitted(answered.key)) return ctx.pipe.getState()
    const target = { threadId: run.thread_id, runId: run.id }
    const done = answerPhase(ctx, op, target, answered.answers).then(() => ctx.pipe.getState())
    ctx.tools.remember(answered.key, done)
    await done
  }
}

/** The answers the client's own handlers or rule give for the whole required action, if they do. */
async function answerByClient(
  ctx: PhaseContext,
  run: Run,
  state: RunState,
  signal: AbortSignal,
): Promise<{ key: string; answers: RunAnswers } | null> {
  const approvalCalls = selectRequiredApprovals(state)
  if (approvalCalls.length > 0) {
    const toolApprovals = await ctx.approvals.run(run.id, approvalCalls, signal)
    if (!toolApprovals) return null
    return { key: requiredActionKey(run.id, approvalCalls), answers: { toolOutputs: [], toolApprovals } }
  }
  const calls = selectRequiredToolCalls(state)
  const toolOutputs = await ctx.tools.run(run.id, calls, signal)
  return toolOutputs ? { key: requiredActionKey(run.id, calls), answers: { toolOutputs } } : null
}
