// The framework-agnostic half of useRunStream: one RunStore, the client, one AbortController per
// request. No React here, so it is tested and reused without a renderer.
import {
  type CommitScheduler,
  createRunCallbacks,
  createRunStore,
  POLL_STOP_STATUSES,
  type RequiredActionFunctionToolCall,
  type Run,
  type RunCallbacks,
  type RunCreateBody,
  type RunEventStream,
  type RunlineClient,
  type RunlineError,
  type RunState,
  type RunStore,
  type RunStreamEvent,
  selectRequiredToolCalls,
  type ThreadCreateAndRunBody,
} from '@runline/core'
import type { RunCreateParams } from 'openai/resources/beta/threads/runs/runs'
import { activeRunIdOf, asRunlineError, isAbortError, refusal } from './errors.js'
import { createSmallStore, type SmallStore } from './meta-store.js'
import {
  clearPointer,
  defaultStorage,
  type PointerStorage,
  type RunPointer,
  readPointer,
  writePointer,
} from './resume-storage.js'
import { fetchRunSnapshot } from './snapshot.js'
import {
  mergeToolOutputs,
  requiredActionKey,
  runToolHandler,
  type ToolHandlers,
  type ToolOutput,
  UNHANDLED,
} from './tool-calls.js'

/** A message to add to the thread with the run: text, or a full `additional_messages` entry. */
export type StartMessage = string | RunCreateParams.AdditionalMessage

/** What `start` accepts: run parameters (merged over the defaults) plus conveniences. */
export interface StartParams extends Partial<RunCreateBody> {
  /** A user message sent with the run in the same request (`additional_messages`, or the new thread's messages). */
  message?: StartMessage
  /** Run on this thread instead of the controller's. `null` forces a new thread. */
  threadId?: string | null
  /** Only when a new thread is created (`createAndRun`): its messages, metadata, tool resources. */
  thread?: ThreadCreateAndRunBody['thread']
}

/** Resume options: `true` for the defaults. */
export interface ResumeOptions {
  /** The sessionStorage key; default `runline:run:<assistantId>`. Use one key per live run view. */
  key?: string
  /** Another storage (tests, `localStorage`); default `window.sessionStorage` when it exists. */
  storage?: PointerStorage | null
}

/** Options of {@link createRunController} (and `useRunStream`). */
export interface RunControllerOptions extends RunCallbacks {
  /** The Runline client (useRunStream takes it from the provider). */
  client: RunlineClient
  /** The thread to run on; without one, `start` creates a thread (`createAndRun`) and reports its id. */
  threadId?: string | null
  /** The assistant of every run (unless `start` or `params` name another). */
  assistantId?: string
  /** Default run parameters, merged under `start`'s. */
  params?: Partial<RunCreateBody>
  /**
   * Client-side function tools by name. When a run requires action and EVERY pending call has a
   * handler, they run in parallel and their outputs go out in one submit, automatically. Calls
   * without a handler stay pending for the UI; the handled outputs are merged into its submit.
   * A handler that throws submits `{"error": "<message>"}` for its call (and calls `onToolError`).
   */
  tools?: ToolHandlers
  /** Called when a tool handler throws (its call still gets an `{"error"}` output). */
  onToolError?: (error: unknown, call: RequiredActionFunctionToolCall) => void
  /**
   * Sending while a run is still active on the thread: `'wait'` (default) waits until that run ends
   * (a run that requires action waits for its outputs), `'cancel'` cancels it first. Either way the
   * API's "already has an active run" error never reaches you.
   */
  whenActive?: 'wait' | 'cancel'
  /** Keep `{threadId, runId}` in sessionStorage and re-attach to the run after a reload. */
  resume?: boolean | ResumeOptions
  /** Wait between polls when the server sends no `openai-poll-after-ms`. Default 1000. */
  pollIntervalMs?: number
  /** The run store's commit scheduler (default: once per animation frame where frames exist). */
  scheduler?: CommitScheduler
  /** Called once per run when it reaches a terminal status, streamed or reconciled. */
  onRunEnd?: (run: Run) => void
}

/** The controller's own state besides the run store. */
export interface RunControllerMeta {
  /** The last failure as a `RunlineError` (never an abort); cleared by the next command. */
  error: RunlineError | null
  /** Outputs client tool handlers produced for the current required action, by tool call id. */
  handledToolCalls: Readonly<Record<string, string>>
  /** The thread runs go to: the option, else the one the last `createAndRun` created. */
  threadId: string | null
}

const TERMINAL: ReadonlySet<string> = new Set(['completed', 'incomplete', 'failed', 'cancelled', 'expired'])
const TERMINAL_EVENTS: ReadonlySet<string> = new Set([
  'thread.run.completed',
  'thread.run.incomplete',
  'thread.run.failed',
  'thread.run.cancelled',
  'thread.run.expired',
])
const CALLBACK_NAMES = [
  'onEvent',
  'onRunCreated',
  'onRunUpdated',
  'onRunRequiresAction',
  'onRunCompleted',
  'onRunDone',
  'onRunStepCreated',
  'onRunStepDelta',
  'onRunStepDone',
  'onMessageCreated',
  'onMessageDelta',
  'onMessageDone',
  'onTextCreated',
  'onTextDelta',
  'onTextDone',
  'onToolCallCreated',
  'onToolCallDelta',
  'onToolCallDone',
  'onError',
] as const satisfies ReadonlyArray<keyof RunCallbacks>

/** Whether a callback besides `onEvent` is set (those read the state after each event). */
function wantsSnapshots(options: RunControllerOptions): boolean {
  return CALLBACK_NAMES.some((name) => name !== 'onEvent' && options[name])
}

const NO_OUTPUTS: Readonly<Record<string, string>> = Object.freeze({})
const RETRIES = 3

interface Operation {
  kind: 'start' | 'submit' | 'resume' | 'cancel'
  abort: AbortController
  /** The run this operation follows, once known. */
  runId: string | null
  done: Promise<RunState>
  /** The cancel that took over this operation's run: its callers get the cancel's outcome. */
  supersededBy?: Operation
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

function isActive(run: Run | null): run is Run {
  return run !== null && !TERMINAL.has(run.status)
}

function additionalMessage(message: StartMessage): RunCreateParams.AdditionalMessage {
  return typeof message === 'string' ? { role: 'user', content: message } : message
}

/**
 * Owns one live run view: a `RunStore` fed by streams, the requests that feed it, tool handlers,
 * resume after drops and reloads. Every command resolves with the run state and never rejects:
 * failures land in `meta.error` (and the store), aborts are silent.
 */
export class RunController {
  /** The run store components subscribe to. */
  readonly store: RunStore
  /** `error`, `handledToolCalls`, `threadId`; subscribe for changes. */
  readonly meta: SmallStore<RunControllerMeta>

  private options: RunControllerOptions
  private op: Operation | null = null
  /** Aborted by unmount and reset: ends waits that belong to no operation. */
  private session = new AbortController()
  private startQueue: Promise<unknown> = Promise.resolve()
  private fire: (event: RunStreamEvent, state: RunState) => void
  private readonly forward: RunCallbacks
  /** Some callback besides `onEvent` is set: those read the state after each event. */
  private wantsSnapshots = false
  /** Required actions already submitted (key → the submit's promise): a second submit is ignored. */
  private readonly submitted = new Map<string, Promise<RunState>>()
  private toolsFor: { key: string; outputs: Promise<ToolOutput[] | null> } | null = null
  private readonly endedRuns = new Set<string>()
  private readonly endCallbacksFired = new Set<string>()
  private runKnown: Array<() => void> = []
  private mounts = 0
  private include: readonly string[] | undefined

  constructor(options: RunControllerOptions) {
    this.options = options
    this.store = createRunStore({ scheduler: options.scheduler })
    this.meta = createSmallStore<RunControllerMeta>({
      error: null,
      handledToolCalls: NO_OUTPUTS,
      threadId: options.threadId ?? null,
    })
    // Callbacks read the latest options, so inline handlers in a component always see fresh props.
    const forward = {} as Record<string, (...args: never[]) => void>
    for (const name of CALLBACK_NAMES) {
      forward[name] = (...args: never[]) =>
        (this.options[name] as ((...a: never[]) => void) | undefined)?.(...args)
    }
    this.forward = forward as RunCallbacks
    this.fire = createRunCallbacks(this.forward)
    this.wantsSnapshots = wantsSnapshots(options)
  }

  /** Replaces the options (the React layer calls this after every render). */
  setOptions(options: RunControllerOptions): void {
    const previousThread = this.options.threadId ?? null
    this.options = options
    const wanted = this.wantsSnapshots
    this.wantsSnapshots = wantsSnapshots(options)
    // The adapter missed the events since its last state: start it afresh rather than from a stale one.
    if (this.wantsSnapshots && !wanted) this.fire = createRunCallbacks(this.forward)
    const nextThread = options.threadId ?? null
    if (nextThread !== previousThread) this.meta.set({ threadId: nextThread })
  }

  /** The current run state, including events not yet committed. */
  getState(): RunState {
    return this.store.getPendingState()
  }

  // ---- commands -------------------------------------------------------------------------------

  /**
   * Starts a streaming run (on the thread, or `createAndRun` when there is none yet) and resolves
   * when it ends or requires action that no client tool handles. A run still active on the thread
   * is waited for or cancelled first (`whenActive`). Concurrent starts run one after the other.
   */
  start(params: StartParams = {}): Promise<RunState> {
    // 'cancel': stop the run in flight now instead of queueing behind it.
    if (this.options.whenActive === 'cancel' && this.op && this.op.kind !== 'cancel') void this.cancel()
    const task = this.startQueue.then(() => this.runStart(params))
    this.startQueue = task.catch(() => {})
    return task
  }

  /**
   * Submits outputs for the required action (merged with what client handlers produced) in one
   * request and streams the continuation into the same store. Refusals and failures go to `error`;
   * a second submit for the same required action is ignored.
   */
  submitToolOutputs(outputs: readonly ToolOutput[]): Promise<RunState> {
    return this.submitToolOutputsOrThrow(outputs).catch(() => this.getState())
  }

  /** Like {@link submitToolOutputs} but rejects with the `RunlineError` (for React Query mutations). */
  async submitToolOutputsOrThrow(outputs: readonly ToolOutput[]): Promise<RunState> {
    // Client handlers of this action may still be running: their outputs join this submit.
    const handlers = this.toolsFor?.outputs
    if (handlers) await handlers
    const state = this.getState()
    const run = state.run
    const calls = selectRequiredToolCalls(state)
    if (run?.status !== 'requires_action' || calls.length === 0) {
      // Clicked again while the continuation connects or streams: the latest submit is the answer.
      let latest: Promise<RunState> | undefined
      for (const [key, done] of this.submitted) if (run && key.startsWith(`${run.id}:`)) latest = done
      if (latest) return latest
      const error = refusal(
        'no_required_action',
        'The run is not waiting for tool outputs; nothing was sent.',
      )
      this.meta.set({ error })
      throw error
    }
    const key = requiredActionKey(run.id, calls)
    const already = this.submitted.get(key)
    if (already) return already
    let merged: ToolOutput[]
    try {
      merged = mergeToolOutputs(calls, this.meta.getState().handledToolCalls, outputs)
    } catch (error) {
      const refused = asRunlineError(error)
      this.meta.set({ error: refused })
      this.options.onError?.({ code: refused.code ?? 'refused', message: refused.message })
      throw refused
    }
    this.meta.set({ error: null })
    const op = this.begin('submit', run.id)
    const done = this.track(op, async () => {
      await this.submitPhase(op, run, merged)
      return this.settle(op)
    })
    this.submitted.set(key, done)
    done.catch(() => this.submitted.delete(key))
    return done
  }

  /**
   * A real cancel: stops listening, asks the server to cancel, then follows the run until it is
   * `cancelled` (or whatever terminal status it reached first). Before the run id is known, waits
   * for it so a run created a moment ago is still cancelled.
   */
  async cancel(): Promise<RunState> {
    const current = this.op
    if (!this.getState().run && current && current.kind === 'start' && !current.abort.signal.aborted) {
      await new Promise<void>((resolve) => {
        this.runKnown.push(resolve)
        current.done.then(() => resolve())
      })
    }
    const run = this.getState().run
    if (!isActive(run)) return this.getState()
    this.meta.set({ error: null })
    const op = this.begin('cancel', run.id)
    return this.track(op, async () => {
      try {
        const cancelling = await this.options.client.runs.cancel(run.thread_id, run.id, {
          signal: op.abort.signal,
        })
        this.emit({ event: 'runline.snapshot', data: { run: cancelling } })
      } catch (error) {
        // 400: the run ended (or was cancelled) meanwhile; following it shows how it ended.
        if (!(asRunlineError(error).kind === 'api' && asRunlineError(error).status === 400)) throw error
      }
      await this.reconcile(op, run.thread_id, run.id, true)
      return this.getState()
    })
  }

  /** Stops listening; the run goes on server-side (`resume()` re-attaches). Not an error. */
  disconnect(): void {
    if (!this.op) return
    this.abortOp()
    this.emit({ event: 'runline.disconnected', data: { message: 'Disconnected by the client' } })
  }

  /** Aborts everything in flight and empties the store; forgets a learned thread and the saved run. */
  reset(): void {
    this.abortOp()
    this.session.abort()
    this.session = new AbortController()
    this.submitted.clear()
    this.toolsFor = null
    this.store.reset()
    this.meta.set({ error: null, handledToolCalls: NO_OUTPUTS, threadId: this.options.threadId ?? null })
    this.forgetRun()
  }

  /**
   * Re-attaches to a run: reconciles with retrieve + steps + messages, then polls until the run ends
   * or requires action. Without a target, the current run. Idempotent: while the same run is being
   * followed, the same promise comes back.
   */
  resume(target?: RunPointer): Promise<RunState> {
    const state = this.getState()
    const threadId = target?.threadId ?? state.run?.thread_id ?? null
    const runId = target?.runId ?? state.run?.id ?? null
    if (!threadId || !runId) return Promise.resolve(state)
    const current = this.op
    if (current && !current.abort.signal.aborted && current.runId === runId) return current.done
    if (!this.options.threadId || this.options.threadId === threadId) this.meta.set({ threadId })
    const op = this.begin('resume', runId)
    if (state.run?.id !== runId) {
      this.store.reset()
      this.emit({ event: 'runline.connecting', data: { threadId } })
    }
    return this.track(op, async () => {
      await this.reconcile(op, threadId, runId, false)
      return this.settle(op)
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
      const pointer = readPointer(this.storage(), this.storageKey())
      const wanted = this.options.threadId
      if (pointer && (!wanted || wanted === pointer.threadId) && !this.op) void this.resume(pointer)
    }
    let unmounted = false
    return () => {
      if (unmounted) return
      unmounted = true
      this.mounts--
      queueMicrotask(() => {
        if (this.mounts > 0) return
        this.abortOp()
        this.session.abort()
        this.session = new AbortController()
      })
    }
  }

  // ---- operations -----------------------------------------------------------------------------

  private async runStart(params: StartParams): Promise<RunState> {
    const session = this.session.signal
    this.meta.set({ error: null })
    const { message, threadId: threadParam, thread, ...runParams } = params
    const threadId = threadParam === undefined ? this.meta.getState().threadId : threadParam
    try {
      await this.makeRoom(threadId, session)
    } catch (error) {
      if (session.aborted || isAbortError(error)) return this.getState()
      return this.fail(null, error)
    }
    if (session.aborted) return this.getState()
    const op = this.begin('start', null)
    this.submitted.clear()
    this.toolsFor = null
    this.meta.set({ handledToolCalls: NO_OUTPUTS })
    this.store.reset()
    this.emit({ event: 'runline.connecting', data: { threadId } })
    const body = {
      ...this.options.params,
      ...runParams,
      assistant_id:
        runParams.assistant_id ?? this.options.params?.assistant_id ?? this.options.assistantId ?? '',
    } as RunCreateBody
    if (message !== undefined)
      body.additional_messages = [...(body.additional_messages ?? []), additionalMessage(message)]
    this.include = body.include ?? undefined
    return this.track(op, async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          const { client } = this.options
          const signal = op.abort.signal
          await this.streamPhase(op, () =>
            threadId
              ? client.runs.stream(threadId, body, { signal })
              : client.threads.createAndRunStream(createAndRunBody(body, thread), { signal }),
          )
          break
        } catch (error) {
          // Another run holds the thread (another tab, a run we lost track of): wait or cancel, once.
          const activeRun = attempt === 0 && threadId ? activeRunIdOf(error) : null
          if (!activeRun || !threadId || op.abort.signal.aborted) throw error
          await this.clearActiveRun(threadId, activeRun, op.abort.signal)
        }
      }
      return this.settle(op)
    })
  }

  /** Waits until our own previous run no longer holds the thread (or cancels it). */
  private async makeRoom(threadId: string | null, signal: AbortSignal): Promise<void> {
    for (;;) {
      if (this.op) await this.op.done
      if (signal.aborted) return
      const run = this.getState().run
      if (!isActive(run) || !threadId || run.thread_id !== threadId) return
      if (this.op) continue
      await this.clearActiveRun(threadId, run.id, signal)
      if (!this.op) return
    }
  }

  /** `whenActive`: cancel the run, or wait (polling) until it is terminal. */
  private async clearActiveRun(threadId: string, runId: string, signal: AbortSignal): Promise<void> {
    const { client } = this.options
    if (this.options.whenActive === 'cancel') {
      try {
        await client.runs.cancel(threadId, runId, { signal })
      } catch (error) {
        if (asRunlineError(error).status !== 400) throw error
      }
    }
    for (;;) {
      const run = await client.runs.poll(threadId, runId, {
        signal,
        pollIntervalMs: this.options.pollIntervalMs,
      })
      if (TERMINAL.has(run.status)) return
      // requires_action: someone (this page's form, another tab) has to answer; look again later.
      await sleep(this.options.pollIntervalMs ?? 1000, signal)
    }
  }

  /** Streams the continuation after tool outputs into the same store. */
  private async submitPhase(op: Operation, run: Run, outputs: ToolOutput[]): Promise<void> {
    this.emit({ event: 'runline.connecting', data: { threadId: run.thread_id } })
    await this.streamPhase(op, () =>
      this.options.client.runs.submitToolOutputsStream(
        run.thread_id,
        run.id,
        { tool_outputs: outputs },
        { signal: op.abort.signal },
      ),
    )
  }

  /** Opens a stream and feeds the store; a drop (network error, no `done`) is reconciled. */
  private async streamPhase(op: Operation, open: () => Promise<RunEventStream>): Promise<void> {
    const stream = await open()
    const signal = op.abort.signal
    let dropped = false
    try {
      await stream.forEach((event) => {
        this.emit(event, op)
      })
    } catch (error) {
      if (signal.aborted) return
      if (asRunlineError(error).kind !== 'network') throw error
      dropped = true
    }
    if (signal.aborted) return
    const state = this.getState()
    if (!dropped && (state.phase === 'done' || state.phase === 'errored')) return
    // The connection ended without `done`: the run goes on server-side. Catch up with it.
    this.emit({ event: 'runline.disconnected', data: { message: 'The stream was interrupted' } })
    const run = state.run
    if (!run) throw asRunlineError(new Error('The stream was interrupted before the run was created'))
    await this.reconcile(op, run.thread_id, run.id, false)
  }

  /**
   * Replaces the store's view with the server's (retrieve + steps + messages), polls until the run
   * stops (terminal, or requires_action unless `untilTerminal`), and takes a final snapshot.
   * Network failures are retried a few times (a sleeping tab wakes up offline).
   */
  private async reconcile(
    op: Operation,
    threadId: string,
    runId: string,
    untilTerminal: boolean,
  ): Promise<void> {
    const { client } = this.options
    const signal = op.abort.signal
    const snapshot = () =>
      this.retry(signal, () => fetchRunSnapshot(client, threadId, runId, { signal, include: this.include }))
    let snap = await snapshot()
    if (signal.aborted) return
    this.emit({ event: 'runline.snapshot', data: snap })
    const stops = (status: string) =>
      untilTerminal ? TERMINAL.has(status) : POLL_STOP_STATUSES.has(status as never)
    if (!stops(snap.run.status)) {
      // While the run goes on, refresh the whole view at the server's pace (openai-poll-after-ms), so
      // the text keeps coming after a drop or a reload instead of jumping to the end.
      const onPending = async () => {
        const next = await snapshot()
        if (!signal.aborted) this.emit({ event: 'runline.snapshot', data: next })
      }
      for (;;) {
        const run = await this.retry(signal, () =>
          client.runs.poll(threadId, runId, {
            signal,
            pollIntervalMs: this.options.pollIntervalMs,
            onPending,
          }),
        )
        if (stops(run.status)) break
        await sleep(this.options.pollIntervalMs ?? 1000, signal)
      }
      snap = await snapshot()
      if (signal.aborted) return
      this.emit({ event: 'runline.snapshot', data: snap })
    }
    // Where an unbroken stream would be: its phase ends with `done` at these statuses.
    this.emit({ event: 'done', data: '[DONE]' })
  }

  private async retry<T>(signal: AbortSignal, request: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request()
      } catch (error) {
        if (signal.aborted || attempt >= RETRIES || asRunlineError(error).kind !== 'network') throw error
        await sleep(250 * attempt, signal)
      }
    }
  }

  /**
   * After a phase: a terminal run is reported once; a required action runs the client handlers and,
   * when they cover every call, submits and follows the continuation. Resolves with the state.
   */
  private async settle(op: Operation): Promise<RunState> {
    for (;;) {
      if (op.abort.signal.aborted) return this.getState()
      const state = this.getState()
      const run = state.run
      if (!run) return state
      if (TERMINAL.has(run.status)) {
        this.runEnded(run)
        return state
      }
      if (run.status !== 'requires_action') return state
      const calls = selectRequiredToolCalls(state)
      const outputs = await this.runHandlers(op, run, calls)
      if (!outputs || op.abort.signal.aborted) return this.getState()
      const key = requiredActionKey(run.id, calls)
      if (this.submitted.has(key)) return this.getState()
      const done = this.submitPhase(op, run, outputs).then(() => this.getState())
      this.submitted.set(key, done)
      done.catch(() => this.submitted.delete(key))
      await done
    }
  }

  /**
   * Runs the client handlers of a required action in parallel, once per action. Resolves with every
   * output when all calls are handled, else null (the UI answers the rest).
   */
  private async runHandlers(
    op: Operation,
    run: Run,
    calls: readonly RequiredActionFunctionToolCall[],
  ): Promise<ToolOutput[] | null> {
    const tools = this.options.tools ?? {}
    const mine = calls.filter((call) => typeof tools[call.function.name] === 'function')
    if (mine.length === 0) return null
    const key = requiredActionKey(run.id, calls)
    if (this.toolsFor?.key !== key) {
      this.meta.set({ handledToolCalls: NO_OUTPUTS })
      const signal = op.abort.signal
      const outputs = Promise.all(
        mine.map(async (call): Promise<ToolOutput | null> => {
          const output = await runToolHandler(
            tools[call.function.name]!,
            call,
            signal,
            this.options.onToolError,
          )
          if (output === UNHANDLED) return null
          if (!signal.aborted) {
            this.meta.set({
              handledToolCalls: { ...this.meta.getState().handledToolCalls, [call.id]: output },
            })
          }
          return { tool_call_id: call.id, output }
        }),
      ).then((done) => {
        // Aborted handlers (unmount, cancel) leave no trace: a later resume runs them again.
        if (signal.aborted && this.toolsFor?.key === key) this.toolsFor = null
        return signal.aborted ? null : done.filter((output) => output !== null)
      })
      this.toolsFor = { key, outputs }
    }
    const outputs = await this.toolsFor!.outputs
    if (!outputs || outputs.length !== calls.length) return null
    return mergeToolOutputs(calls, NO_OUTPUTS, outputs)
  }

  // ---- plumbing -------------------------------------------------------------------------------

  /** Dispatches into the store and does what the controller must see as it happens. */
  private emit(event: RunStreamEvent, op?: Operation): void {
    this.store.dispatch(event)
    // A snapshot per event costs the store's in-place batching (a copy of the message per text
    // delta): only for callbacks that read the state. `onEvent` alone (an inspector) needs none.
    if (this.wantsSnapshots) this.fire(event, this.store.getPendingState())
    else this.options.onEvent?.(event)
    switch (event.event) {
      case 'thread.created':
        if (!this.options.threadId) this.meta.set({ threadId: event.data.id })
        break
      case 'thread.run.created': {
        const run = event.data
        if (op) op.runId = run.id
        if (!this.options.threadId) this.meta.set({ threadId: run.thread_id })
        if (this.options.resume)
          writePointer(this.storage(), this.storageKey(), { threadId: run.thread_id, runId: run.id })
        const waiting = this.runKnown
        this.runKnown = []
        for (const resolve of waiting) resolve()
        break
      }
      default:
        if (TERMINAL_EVENTS.has(event.event)) this.endCallbacksFired.add((event as { data: Run }).data.id)
    }
  }

  /** Reports a terminal run once: callbacks a stream did not fire, `onRunEnd`, the saved pointer. */
  private runEnded(run: Run): void {
    if (this.endedRuns.has(run.id)) return
    this.endedRuns.add(run.id)
    if (!this.endCallbacksFired.has(run.id)) {
      // Reached by reconciling: the stream's terminal event never came, so fire its callbacks here.
      if (run.status === 'completed') this.options.onRunCompleted?.(run)
      this.options.onRunDone?.(run)
    }
    this.forgetRun(run.id)
    this.options.onRunEnd?.(run)
  }

  private begin(kind: Operation['kind'], runId: string | null): Operation {
    const previous = this.op
    const abort = new AbortController()
    const op: Operation = { kind, abort, runId, done: Promise.resolve(this.getState()) }
    if (previous && kind === 'cancel') previous.supersededBy = op
    this.abortOp()
    this.op = op
    return op
  }

  /** Runs an operation's body; failures become `error`, aborts are quiet. Rejects only for submit. */
  private track(op: Operation, body: () => Promise<RunState>): Promise<RunState> {
    const settled = body().then(
      // `start()` resolves when its run ends: after a cancel took over, with the cancel's outcome.
      (state) => (op.supersededBy ? op.supersededBy.done : state),
      (error) => {
        const state = this.fail(op, error)
        if (op.supersededBy) return op.supersededBy.done
        if (op.kind === 'submit' && !isAbortError(error) && !op.abort.signal.aborted)
          throw asRunlineError(error)
        return state
      },
    )
    const done = settled.finally(() => {
      if (this.op === op) this.op = null
    })
    op.done = done.catch(() => this.getState())
    return done
  }

  private abortOp(): void {
    const op = this.op
    if (!op) return
    this.op = null
    op.abort.abort()
  }

  /** Records a failure: `runline.error` in the store, `error` in meta. Aborts are not failures. */
  private fail(op: Operation | null, error: unknown): RunState {
    if (op?.abort.signal.aborted || isAbortError(error)) return this.getState()
    const failure = asRunlineError(error)
    this.meta.set({ error: failure })
    this.emit({
      event: 'runline.error',
      data: { code: failure.code ?? failure.kind, message: failure.message, status: failure.status },
    })
    return this.getState()
  }

  private storageKey(): string {
    const resume = this.options.resume
    const key = typeof resume === 'object' ? resume.key : undefined
    return key ?? `runline:run:${this.options.assistantId ?? this.options.params?.assistant_id ?? ''}`
  }

  private storage(): PointerStorage | null {
    const resume = this.options.resume
    if (!resume) return null
    return typeof resume === 'object' && resume.storage !== undefined ? resume.storage : defaultStorage()
  }

  /** Forgets the saved run (only that run's pointer when `runId` is given). */
  private forgetRun(runId?: string): void {
    const storage = this.storage()
    if (!storage) return
    const key = this.storageKey()
    if (runId && readPointer(storage, key)?.runId !== runId) return
    clearPointer(storage, key)
  }
}

type ThreadMessage = NonNullable<NonNullable<ThreadCreateAndRunBody['thread']>['messages']>[number]

/** The run body as a `createAndRun` body: the message goes into the new thread. */
function createAndRunBody(body: RunCreateBody, thread: StartParams['thread']): ThreadCreateAndRunBody {
  const {
    additional_messages,
    additional_instructions,
    include: _include,
    reasoning_effort: _effort,
    ...rest
  } = body
  // Same shape on both endpoints (role, content, attachments, metadata).
  const extra = (additional_messages ?? []) as ThreadMessage[]
  const messages: ThreadMessage[] = [...(thread?.messages ?? []), ...extra]
  const instructions =
    additional_instructions && rest.instructions
      ? `${rest.instructions} ${additional_instructions}`
      : rest.instructions
  return {
    ...(rest as Omit<ThreadCreateAndRunBody, 'thread'>),
    ...(instructions !== undefined ? { instructions } : {}),
    thread: { ...thread, messages },
  }
}

/** Creates a {@link RunController}. */
export function createRunController(options: RunControllerOptions): RunController {
  return new RunController(options)
}
