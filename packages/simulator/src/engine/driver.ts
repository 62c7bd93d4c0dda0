/**
 * The run driver: one per run. It executes the run's scenario script against the stored objects and
 * fans every event out, as SSE text in its face's wire shapes, to the streams attached to the run.
 *
 * A run outlives its streams: a client that disconnects only detaches its sink, the script keeps
 * going at the configured pace (like the real API), and retrieve / list observe its progress.
 */
import type { ToolCallDelta } from 'openai/resources/beta/threads/runs/steps'
import { ApiError } from '../http.js'
import { randomId } from '../ids.js'
import { buildStep, stepView } from '../objects.js'
import type { Random } from '../prng.js'
import {
  isTerminalRunStatus,
  makeUsage,
  sumUsage,
  type WireFile,
  type WireMessage,
  type WireRun,
  type WireRunStep,
} from '../wire.js'
import { ActionGate } from './actions.js'
import { Broadcast } from './broadcast.js'
import {
  type EngineHost,
  Interrupted,
  type NewFile,
  type ReplyPart,
  type RunRecord,
  type Script,
  type StreamEventName,
  type StreamSink,
  type ThreadRecord,
  type WriteMessageOptions,
} from './records.js'
import { writeMessage } from './writer.js'

type EndReason = 'failed' | 'cancelled' | 'expired'

/** Executes one run's script and owns every state change of that run. */
export class RunDriver {
  private readonly streams: Broadcast
  /** The run's pauses for tool outputs or approvals. */
  readonly actions: ActionGate
  private cancelRequested = false
  private finished = false
  private quickTicks = 0
  private activeStep: WireRunStep | null = null
  /** The message being written: a run that ends under it closes it `incomplete`. */
  activeMessage: WireMessage | null = null
  /** Context size the scripted "model" pretends to read; grows with every step. */
  private promptTokens: number

  constructor(
    readonly host: EngineHost,
    readonly thread: ThreadRecord,
    readonly record: RunRecord,
    /** Per-run source for ids and scripted content, so runs never disturb each other's bytes. */
    readonly random: Random,
    /** Text of the last user message (scripts read places, numbers, words from it). */
    readonly userText: string,
    private readonly script: Script,
  ) {
    const context = thread.messages.reduce(
      (sum, message) =>
        sum + message.content.reduce((n, part) => n + (part.type === 'text' ? part.text.value.length : 0), 0),
      0,
    )
    this.promptTokens = 180 + Math.ceil(context / 4)
    this.actions = new ActionGate(this)
    this.streams = new Broadcast(host.shapes)
  }

  /** The run this driver moves. */
  get run(): WireRun {
    return this.record.run
  }

  /** Current time in Unix seconds. */
  nowSeconds(): number {
    return Math.floor(this.host.now() / 1000)
  }

  /** A fresh id from this run's random source. */
  newId(prefix: string): string {
    return randomId(this.random, prefix)
  }

  /** Whether the run's tool list has a tool of this type (and function name). */
  hasTool(type: string, functionName?: string): boolean {
    return this.run.tools.some(
      (tool) =>
        tool.type === type &&
        (type !== 'function' || (tool.type === 'function' && tool.function.name === functionName)),
    )
  }

  // ---- streams -------------------------------------------------------------------------------

  /** Attaches a stream; it receives every event from now until the current phase ends. */
  attach(sink: StreamSink): void {
    this.streams.attach(sink)
  }

  /** Detaches a stream (the client went away). The run goes on. */
  detach(sink: StreamSink): void {
    this.streams.detach(sink)
  }

  /** Whether a client is streaming this run right now. */
  get streaming(): boolean {
    return this.streams.size > 0
  }

  /** Sends one event to every attached stream, in the face's wire shapes. */
  emit(event: StreamEventName, data: unknown): void {
    this.streams.emit(event, data)
  }

  private emitStep(event: StreamEventName, step: WireRunStep): void {
    this.emit(event, stepView(step, this.record.includeFileSearchContent))
  }

  /** Ends every attached stream with `done` (requires_action or terminal). */
  endStreams(): void {
    this.streams.end()
  }

  /** Stores a file this run generated; it is forgotten with the run's thread. */
  addFile(input: NewFile): WireFile {
    return this.host.addFile(input, this.thread)
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /** Starts the run in the background: created → queued → in_progress → script. */
  start(announceThread: boolean): void {
    void this.drive(announceThread)
  }

  private async drive(announceThread: boolean): Promise<void> {
    try {
      if (announceThread) this.emit('thread.created', this.thread.thread)
      this.emit('thread.run.created', this.run)
      this.emit('thread.run.queued', this.run)
      await this.tick(2)
      this.run.status = 'in_progress'
      this.run.started_at = this.nowSeconds()
      this.emit('thread.run.in_progress', this.run)
      await this.tick(2)
      await this.script(this)
      if (!this.finished) this.completeRun()
    } catch (error) {
      if (error instanceof Interrupted) {
        if (this.finished) return
        await this.wait(1)
        this.finish(this.cancelRequested ? 'cancelled' : 'expired')
        return
      }
      this.crash(error)
    }
  }

  /** An unexpected failure: the API's `event: error` frame (no `done` follows it), run failed. */
  private crash(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error)
    this.streams.fail({ message, type: 'server_error', param: null, code: null })
    if (this.finished) return
    this.finished = true
    this.actions.drop()
    this.run.status = 'failed'
    this.run.failed_at = this.nowSeconds()
    this.run.last_error = { code: 'server_error', message: 'Sorry, something went wrong.' }
  }

  /** Pauses `count` ticks at the configured pace; throws `Interrupted` if the run was cancelled or expired. */
  async tick(count = 1): Promise<void> {
    await this.wait(count)
    await this.streams.drained()
    if (this.finished || this.cancelRequested) throw new Interrupted()
    this.expireIfDue()
    if (this.finished) throw new Interrupted()
  }

  private wait(count: number): Promise<void> {
    const ms = this.host.delayMs * count
    if (ms > 0) return new Promise((resolve) => setTimeout(resolve, ms))
    // At zero pace, yield a macrotask now and then so sockets flush and other requests get a turn.
    this.quickTicks++
    if (this.quickTicks % 50 === 0) return new Promise((resolve) => setTimeout(resolve, 0))
    return Promise.resolve()
  }

  /** Expires the run if its `expires_at` has passed (checked on every tick and on every read). */
  expireIfDue(): void {
    if (this.finished || isTerminalRunStatus(this.run.status)) return
    const expiresAt = this.run.expires_at
    if (expiresAt === null || this.host.now() < expiresAt * 1000) return
    this.expireNow()
  }

  /**
   * The run's thread was forgotten (evicted or deleted): live streams end with an `error` event, the
   * script stops at its next tick and a pending requires_action is dropped, so nothing keeps the run alive.
   */
  dispose(): void {
    if (this.streams.size > 0) {
      const message = `Thread ${this.thread.thread.id} was evicted from the simulator.`
      this.streams.fail({ message, type: 'server_error', param: null, code: 'thread_evicted' })
    }
    this.finished = true
    this.actions.drop()
  }

  /** Expires the run now (the `expire` scenario, or a deadline that passed). */
  expireNow(): void {
    this.finish('expired')
  }

  /** Asks the run to cancel: status `cancelling` now (and on live streams), `cancelled` one tick later. */
  requestCancel(): void {
    const status = this.run.status
    if (isTerminalRunStatus(status)) throw new ApiError(400, `Cannot cancel run with status '${status}'.`)
    if (status === 'cancelling') return
    this.cancelRequested = true
    this.run.status = 'cancelling'
    this.emit('thread.run.cancelling', this.run)
    this.actions.drop()
  }

  /** Ends the run as failed, cancelled or expired, closing whatever message and step are open. */
  finish(
    reason: EndReason,
    lastError?: { code: 'server_error' | 'rate_limit_exceeded'; message: string },
  ): void {
    if (this.finished) return
    this.finished = true
    const now = this.nowSeconds()
    const message = this.activeMessage
    if (message) {
      message.status = 'incomplete'
      message.incomplete_at = now
      message.incomplete_details = { reason: `run_${reason}` }
      this.emit('thread.message.incomplete', message)
      this.activeMessage = null
    }
    const step = this.activeStep
    if (step) {
      step.status = reason
      if (reason === 'failed') {
        step.failed_at = now
        step.last_error = lastError ?? null
      }
      if (reason === 'cancelled') step.cancelled_at = now
      this.emitStep(`thread.run.step.${reason}`, step)
      this.activeStep = null
    }
    const run = this.run
    run.status = reason
    run.required_action = null
    if (reason === 'failed') {
      run.failed_at = now
      run.last_error = lastError ?? { code: 'server_error', message: 'Sorry, something went wrong.' }
    }
    if (reason === 'cancelled') run.cancelled_at = now
    // Evidence only covers completed/incomplete runs (expires_at → null); an expired run keeps its deadline.
    if (reason !== 'expired') run.expires_at = null
    run.usage = sumUsage(this.record.steps.map((s) => s.usage))
    this.emit(`thread.run.${reason}`, run)
    this.endStreams()
    this.actions.drop()
  }

  /** Ends the run `completed` (or `incomplete`, which the API also sends as its own event). */
  completeRun(
    status: 'completed' | 'incomplete' = 'completed',
    incompleteDetails?: WireRun['incomplete_details'],
  ): void {
    if (this.finished) return
    this.finished = true
    const run = this.run
    run.status = status
    run.completed_at = this.nowSeconds()
    run.expires_at = null
    run.incomplete_details = incompleteDetails ?? null
    run.usage = sumUsage(this.record.steps.map((s) => s.usage))
    this.emit(status === 'completed' ? 'thread.run.completed' : 'thread.run.incomplete', run)
    this.endStreams()
  }

  /** Fails the run now (the `fail` scenario). */
  fail(message = 'Sorry, something went wrong.'): void {
    this.finish('failed', { code: 'server_error', message })
  }

  // ---- steps ---------------------------------------------------------------------------------

  /** Creates a step: `thread.run.step.created` → `thread.run.step.in_progress`. */
  startStep(details: WireRunStep['step_details']): WireRunStep {
    const step = buildStep(this.newId('step_'), this.run, this.nowSeconds(), details)
    this.record.steps.push(step)
    this.activeStep = step
    this.emitStep('thread.run.step.created', step)
    this.emitStep('thread.run.step.in_progress', step)
    return step
  }

  /** Sends one tool-call delta (the caller has already applied it to the stored step). */
  emitToolCallDelta(step: WireRunStep, toolCall: ToolCallDelta): void {
    this.emitStepDelta(step, { type: 'tool_calls', tool_calls: [toolCall] })
  }

  /** Sends one step delta with these details (Foundry types some `mcp` or `openapi`). */
  emitStepDelta(step: WireRunStep, stepDetails: Record<string, unknown>): void {
    this.emit('thread.run.step.delta', {
      id: step.id,
      object: 'thread.run.step.delta',
      delta: { step_details: stepDetails },
    })
  }

  /**
   * Completes a step with usage (`null`: the service reports none for this kind of step); the
   * scripted context grows by what the step produced.
   */
  completeStep(step: WireRunStep, completionTokens: number | null): void {
    step.status = 'completed'
    step.completed_at = this.nowSeconds()
    if (completionTokens !== null) {
      step.usage = makeUsage(this.promptTokens, completionTokens)
      this.promptTokens += completionTokens + 12
    }
    if (this.activeStep === step) this.activeStep = null
    this.emitStep('thread.run.step.completed', step)
  }

  // ---- messages ------------------------------------------------------------------------------

  /**
   * Writes an assistant message in its own message_creation step, streaming each text piece as
   * one delta. Returns false when it stopped early (`stopAfter`), leaving message and step open.
   */
  writeMessage(parts: ReplyPart[], options: WriteMessageOptions = {}): Promise<boolean> {
    return writeMessage(this, parts, options)
  }
}
