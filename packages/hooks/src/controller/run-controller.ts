// The framework-agnostic half of useRunStream: a thin facade over one run pipe (the store and its
// one event path), the operations, the active-run policy, the tool runner, resume, and a wire. No
// React here, so it is tested and reused without a renderer. A little over ~350 lines: it is the facade
// (one public method per operation, each delegating), and splitting it would split the public class.
import {
  asRunlineError,
  isActiveStatus,
  type Run,
  type RunState,
  type RunStore,
  refusal,
  selectHandledApprovals,
  selectRequiredApprovals,
  selectRequiredToolCalls,
  type ToolApproval,
} from '@runline/core'
import { mergeToolApprovals } from '../approvals.js'
import type { RunPointer } from '../resume-storage.js'
import { mergeToolOutputs, requiredActionKey, type ToolOutput } from '../tool-calls.js'
import { type LazyWire, lazyWireOf } from '../wire/lazy.js'
import type { RunAnswers } from '../wire/wire.js'
import { clearActiveRun, makeRoom } from './active-run.js'
import { type ApprovalRunner, createApprovalRunner } from './approval-runner.js'
import { createOperations, type Operations } from './operations.js'
import type { RunControllerOptions, StartParams } from './options.js'
import { answerPhase, followPhase, type PhaseContext, settle, streamPhase } from './phases.js'
import { createRunPipe, type RunPipe } from './pipe.js'
import { createResumePointer, type ResumePointer } from './resume.js'
import { runOf } from './run-of.js'
import { createToolRunner, type ToolRunner } from './tool-runner.js'
import { whenIdle } from './when-idle.js'

/**
 * Owns one live run view: a `RunStore` fed by streams, the requests that feed it, tool handlers,
 * resume after drops and reloads. Every command resolves with the run state and never rejects:
 * failures land in the state (`selectError`, as `runline.error`), aborts are silent.
 */
export class RunController {
  /** The run store components subscribe to; everything known about the run is in its state. */
  readonly store: RunStore

  private options: RunControllerOptions
  private readonly pipe: RunPipe
  private readonly ops: Operations
  private readonly tools: ToolRunner
  private readonly approvals: ApprovalRunner
  private readonly pointer: ResumePointer
  private readonly wire: LazyWire
  private readonly phases: PhaseContext
  /** Starts run one after the other; `pendingStarts` counts those not settled (a cancel waits for them). */
  private startQueue: Promise<unknown> = Promise.resolve()
  private pendingStarts = 0
  private mounts = 0
  private savedRunId: string | null = null

  constructor(options: RunControllerOptions) {
    this.options = options
    const latest = () => this.options
    this.pointer = createResumePointer(latest)
    this.pipe = createRunPipe(
      latest,
      {
        runCreated: (run) => {
          // Responses: each response of the turn is the one to re-attach to after a reload.
          if (this.options.resume && run.id !== this.savedRunId) {
            this.savedRunId = run.id
            this.pointer.save({ threadId: run.thread_id, runId: run.id })
          }
        },
        runEnded: (run) => {
          this.pointer.forget(run.id)
          this.options.onRunEnd?.(run)
        },
      },
      options.scheduler,
    )
    this.store = this.pipe.store
    this.ops = createOperations(this.pipe.getState, this.pipe.fail)
    this.tools = createToolRunner(latest, this.pipe.dispatch)
    this.approvals = createApprovalRunner(latest, this.pipe.dispatch)
    // Loaded on first use, or in idle time once mounted: a page's start chunk holds neither wire.
    this.wire = lazyWireOf(options.wire, latest, this.store)
    this.phases = {
      pipe: this.pipe,
      wire: this.wire,
      tools: this.tools,
      approvals: this.approvals,
      pollIntervalMs: () => this.options.pollIntervalMs,
    }
  }

  /** Replaces the options (the React layer calls this after every render). */
  setOptions(options: RunControllerOptions): void {
    const previousThread = threadOf(this.options)
    this.options = options
    // The view moved to another thread: a run it learned no longer says where the next one goes.
    if (threadOf(options) !== previousThread && !isActiveStatus(runOf(this.getState())?.status))
      this.store.reset()
  }

  /** The current run state, including events not yet committed. */
  getState(): RunState {
    return this.pipe.getState()
  }

  /**
   * Starts a streaming run (on the thread, or `createAndRun` when there is none yet) and resolves
   * when it ends or requires action that no client tool handles. A run still active on the thread
   * is waited for or cancelled first (`whenActive`). Concurrent starts run one after the other.
   */
  start(params: StartParams = {}): Promise<RunState> {
    // 'cancel': stop the run in flight now instead of queueing behind it.
    if (this.options.whenActive === 'cancel' && this.ops.current && this.ops.current.kind !== 'cancel')
      void this.cancel()
    this.pendingStarts++
    const task = this.startQueue.then(() => this.runStart(params)).finally(() => this.pendingStarts--)
    this.startQueue = task.catch(() => {})
    return task
  }

  /**
   * Submits outputs for the required action (merged with what client handlers produced) in one
   * request and streams the continuation into the same store. Refusals and failures go to the
   * state's error; a second submit for the same required action sends nothing.
   */
  submitToolOutputs(outputs: readonly ToolOutput[]): Promise<RunState> {
    return this.submitToolOutputsOrThrow(outputs).catch(() => this.getState())
  }

  /** Like {@link submitToolOutputs} but rejects with the `RunlineError` (for React Query mutations). */
  async submitToolOutputsOrThrow(outputs: readonly ToolOutput[]): Promise<RunState> {
    // Client handlers of this action may still be running: their outputs join this submit.
    await this.tools.running()
    const state = this.getState()
    const calls = selectRequiredToolCalls(state)
    return this.answer(runOf(state), calls, 'tool outputs', () => ({
      toolOutputs: mergeToolOutputs(calls, state.handledToolCalls, outputs),
    }))
  }

  /**
   * Submits the decisions for calls awaiting approval (Foundry; merged with what the approval rule
   * decided) in one request and streams the continuation into the same store. Refusals and failures
   * go to the state's error; a second submit for the same required action sends nothing.
   */
  submitToolApprovals(approvals: readonly ToolApproval[]): Promise<RunState> {
    return this.submitToolApprovalsOrThrow(approvals).catch(() => this.getState())
  }

  /** Like {@link submitToolApprovals} but rejects with the `RunlineError` (for React Query mutations). */
  async submitToolApprovalsOrThrow(approvals: readonly ToolApproval[]): Promise<RunState> {
    // The rule may still be deciding this action: its decisions join this submit.
    await this.approvals.running()
    const state = this.getState()
    const calls = selectRequiredApprovals(state)
    return this.answer(runOf(state), calls, 'tool approvals', () => ({
      toolOutputs: [],
      toolApprovals: mergeToolApprovals(calls, selectHandledApprovals(state), approvals),
    }))
  }

  /**
   * Sends the answers for a required action once: a second submit for the same action (a double
   * click, a click while the continuation streams) gets the first one's outcome and sends nothing.
   */
  private answer(
    run: Run | null,
    calls: readonly { id: string }[],
    what: string,
    build: () => RunAnswers,
  ): Promise<RunState> {
    if (run?.status !== 'requires_action' || calls.length === 0) {
      // Clicked again while the continuation connects or streams: the latest submit is the answer.
      const latest = run ? this.tools.latestSubmit() : undefined
      if (latest) return latest
      throw this.refuse(
        refusal('no_required_action', `The run is not waiting for ${what}; nothing was sent.`),
      )
    }
    const key = requiredActionKey(run.id, calls)
    const already = this.tools.submitted(key)
    if (already) return already
    let answers: RunAnswers
    try {
      answers = build()
    } catch (error) {
      throw this.refuse(error)
    }
    const op = this.ops.begin('submit', run.id)
    const target = { threadId: run.thread_id, runId: run.id }
    const done = this.ops.track(op, async () => {
      await answerPhase(this.phases, op, target, answers)
      return settle(this.phases, op)
    })
    this.tools.remember(key, done)
    return done
  }

  /**
   * A real cancel: stops listening, asks the server to cancel, then follows the run until it ended
   * (`cancelled`, or whatever it reached first). A start not sent yet, or whose run is not known
   * yet, is cancelled as soon as its run exists.
   */
  async cancel(): Promise<RunState> {
    if (!isActiveStatus(runOf(this.getState())?.status) && this.pendingStarts > 0)
      await this.runOfPendingStart()
    const run = runOf(this.getState())
    if (!run || !isActiveStatus(run.status)) return this.getState()
    const op = this.ops.begin('cancel', run.id)
    this.pipe.dispatch({ event: 'runline.cancelling' })
    const target = { threadId: run.thread_id, runId: run.id }
    return this.ops.track(op, async () => {
      for (const event of await this.wire.cancel(target, op.abort.signal)) this.pipe.dispatch(event)
      await followPhase(this.phases, op, target, 'end')
      return this.getState()
    })
  }

  /** Stops listening; the run goes on server-side (`resume()` re-attaches). Not an error. */
  disconnect(): void {
    if (!this.ops.current) return
    this.ops.abort()
    this.pipe.dispatch({ event: 'runline.disconnected', data: { message: 'Disconnected by the client' } })
  }

  /** Aborts everything in flight and empties the store; forgets a learned thread and the saved run. */
  reset(): void {
    this.ops.endSession()
    this.tools.clear()
    this.approvals.clear()
    this.store.reset()
    this.pointer.forget()
  }

  /**
   * Re-attaches to a run: reconciles with the server's view, then follows it until it ends or
   * requires action. Without a target, the current run. Idempotent: while the same run is being
   * followed, the same promise comes back.
   */
  resume(target?: RunPointer): Promise<RunState> {
    const state = this.getState()
    const current = runOf(state)
    const threadId = target?.threadId ?? current?.thread_id ?? null
    const runId = target?.runId ?? current?.id ?? null
    if (!threadId || !runId) return Promise.resolve(state)
    const inFlight = this.ops.current
    if (inFlight && !inFlight.abort.signal.aborted && (inFlight.runId ?? current?.id) === runId)
      return inFlight.done
    const op = this.ops.begin('resume', runId)
    if (current?.id !== runId) {
      // Another run: what was answered for the one before says nothing about it.
      this.tools.clear()
      this.approvals.clear()
      this.store.reset()
      this.pipe.dispatch({ event: 'runline.connecting', data: { threadId } })
    }
    return this.ops.track(op, async () => {
      await followPhase(this.phases, op, { threadId, runId }, 'attention')
      return settle(this.phases, op)
    })
  }

  /**
   * Marks a mount (React effect). With `resume` on, the first mount re-attaches to the run saved in
   * sessionStorage. The returned unmount aborts in-flight requests, unless a mount follows in the
   * same task (StrictMode's simulated remount), which keeps them.
   */
  mount(): () => void {
    this.mounts++
    if (this.mounts === 1) {
      // The wire and the stream reader are chunks of their own: fetched now, the first Send need not wait.
      whenIdle(() => this.wire.preload())
      const pointer = this.pointer.read()
      const wanted = threadOf(this.options)
      if (pointer && (!wanted || wanted === pointer.threadId) && !this.ops.current) void this.resume(pointer)
    }
    let unmounted = false
    return () => {
      if (unmounted) return
      unmounted = true
      this.mounts--
      queueMicrotask(() => {
        if (this.mounts === 0) this.ops.endSession()
      })
    }
  }

  private async runStart(params: StartParams): Promise<RunState> {
    // A Send before the idle-time preload: the wire's and the stream reader's chunks load side by side.
    this.wire.preload()
    const session = this.ops.session
    const threadId =
      params.threadId !== undefined ? params.threadId : (threadOf(this.options) ?? this.getState().threadId)
    try {
      await makeRoom(this.activeRun(), threadId, session)
    } catch (error) {
      if (!session.aborted) this.pipe.fail(error)
      return this.getState()
    }
    if (session.aborted) return this.getState()
    const op = this.ops.begin('start', null)
    this.tools.clear()
    this.approvals.clear()
    this.store.reset()
    this.pipe.dispatch({ event: 'runline.connecting', data: { threadId } })
    return this.ops.track(op, async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          await streamPhase(this.phases, op, () => this.wire.start({ threadId, params }, op.abort.signal))
          break
        } catch (error) {
          // Another run holds the thread (another tab, a run we lost track of): wait or cancel, once.
          const active = attempt === 0 && threadId ? this.wire.activeRunOf(error, threadId) : null
          if (!active || op.abort.signal.aborted) throw error
          await clearActiveRun(this.activeRun(), active, op.abort.signal)
        }
      }
      return settle(this.phases, op)
    })
  }

  /** Resolves once a pending start has a run in the store, or every pending start settled. */
  private runOfPendingStart(): Promise<unknown> {
    return new Promise<void>((resolve) => {
      const check = () => {
        if (!isActiveStatus(runOf(this.getState())?.status) && this.pendingStarts > 0) return
        unsubscribe()
        resolve()
      }
      const unsubscribe = this.store.subscribe(check)
      void this.startQueue.then(check)
    })
  }

  private activeRun() {
    return { pipe: this.pipe, ops: this.ops, wire: this.wire, policy: () => this.options }
  }

  /** Records a refusal (nothing was sent) in the state and returns it to throw. */
  private refuse(error: unknown) {
    const refused = asRunlineError(error)
    this.pipe.fail(refused)
    return refused
  }
}

/** The thread (Responses: conversation) the options name, if any. */
function threadOf(options: RunControllerOptions): string | null {
  return options.conversationId ?? options.threadId ?? null
}

/** Creates a {@link RunController}. */
export function createRunController(options: RunControllerOptions): RunController {
  return new RunController(options)
}
