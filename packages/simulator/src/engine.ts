/**
 * The run engine: one `RunDriver` per run executes a scenario script against the stored objects
 * and fans every event out, as SSE text, to the streams currently attached to the run.
 *
 * A run outlives its streams: a client that disconnects only detaches its sink, the script keeps
 * going at the configured pace (like the real API), and retrieve / list observe its progress.
 */
import type { AssistantStreamEvent } from 'openai/resources/beta/assistants'
import type { FunctionToolCall, ToolCallDelta } from 'openai/resources/beta/threads/runs/steps'
import { ApiError } from './http.js'
import { randomId } from './ids.js'
import { buildRunMessage, buildStep, stepView } from './objects.js'
import type { Random } from './prng.js'
import { formatSseEvent, SSE_DONE } from './sse.js'
import {
  isTerminalRunStatus,
  makeUsage,
  sumUsage,
  type WireFile,
  type WireMessage,
  type WireRun,
  type WireRunStep,
  type WireThread,
} from './wire.js'

/** Event names of the Assistants stream. */
export type StreamEventName = AssistantStreamEvent['event']

/** Where a stream response receives SSE text. */
export interface StreamSink {
  send(chunk: string): void
  end(): void
  /** `null` while the reader has room; else a promise for when it has (the run waits for it). */
  ready?(): Promise<void> | null
}

/** A thread and everything stored under it. */
export interface ThreadRecord {
  thread: WireThread
  messages: WireMessage[]
  runs: RunRecord[]
}

/** A run, its steps, and its driver. */
export interface RunRecord {
  run: WireRun
  steps: WireRunStep[]
  /** Whether the creating request asked for file_search result content (stream events honour it). */
  includeFileSearchContent: boolean
  driver: RunDriver
}

/** What the engine needs from the simulator around it. */
export interface EngineHost {
  /** Clock in ms. */
  now(): number
  /** Pause per delta in ms. */
  delayMs: number
  /** Stores a generated file (image output, exported CSV), owned by `owner`, and returns its metadata. */
  addFile(input: NewFile, owner?: ThreadRecord): WireFile
}

/** A file the engine generated, before the simulator stores it. */
export interface NewFile {
  id: string
  filename: string
  purpose: WireFile['purpose']
  body: Uint8Array
  contentType: string
}

/** How a piece of text is annotated: a citation marker or a sandbox file path. */
export type AnnotationPlan = { type: 'file_citation'; fileId: string } | { type: 'file_path'; fileId: string }

/** One streamed text fragment; an annotated fragment is its own delta, as in the recordings. */
export interface TextPiece {
  value: string
  annotation?: AnnotationPlan
}

/** One content part of a reply message. */
export type ReplyPart = { type: 'text'; pieces: TextPiece[] } | { type: 'image_file'; fileId: string }

/** Options for `writeMessage`. */
export interface WriteMessageOptions {
  /** Ticks between deltas (default 1). */
  pace?: number
  /** Stop (leaving message and step in progress) after this many deltas. */
  stopAfter?: number
  /** `incomplete` ends the message with `thread.message.incomplete` (reason max_tokens). */
  ending?: 'completed' | 'incomplete'
}

/** A scenario: a script run by the driver after the run is in progress. */
export type Script = (driver: RunDriver) => Promise<void>

/** Thrown inside a script when the run was cancelled or expired under it. */
export class Interrupted extends Error {
  constructor() {
    super('run interrupted')
  }
}

type EndReason = 'failed' | 'cancelled' | 'expired'

interface PendingAction {
  step: WireRunStep
  calls: FunctionToolCall[]
  resolve(outputs: Map<string, string>): void
  reject(error: Error): void
}

const approxTokens = (value: string): number => Math.max(1, Math.ceil(value.length / 4))

/** Executes one run's script and owns every state change of that run. */
export class RunDriver {
  private readonly sinks = new Set<StreamSink>()
  private pending: PendingAction | null = null
  private cancelRequested = false
  private finished = false
  private quickTicks = 0
  private activeStep: WireRunStep | null = null
  private activeMessage: WireMessage | null = null
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
  ) {
    const context = thread.messages.reduce(
      (sum, message) =>
        sum + message.content.reduce((n, part) => n + (part.type === 'text' ? part.text.value.length : 0), 0),
      0,
    )
    this.promptTokens = 180 + Math.ceil(context / 4)
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
  hasTool(type: 'function' | 'code_interpreter' | 'file_search', functionName?: string): boolean {
    return this.run.tools.some(
      (tool) =>
        tool.type === type &&
        (type !== 'function' || (tool.type === 'function' && tool.function.name === functionName)),
    )
  }

  // ---- streams -------------------------------------------------------------------------------

  /** Attaches a stream; it receives every event from now until the current phase ends. */
  attach(sink: StreamSink): void {
    this.sinks.add(sink)
  }

  /** Detaches a stream (the client went away). The run goes on. */
  detach(sink: StreamSink): void {
    this.sinks.delete(sink)
  }

  /** Whether a client is streaming this run right now. */
  get streaming(): boolean {
    return this.sinks.size > 0
  }

  /** Waits until every attached stream's reader has room: runs go at the pace of their readers. */
  private async drained(): Promise<void> {
    for (const sink of this.sinks) {
      const ready = sink.ready?.()
      if (ready) await ready
    }
  }

  /** Stores a file this run generated; it is forgotten with the run's thread. */
  addFile(input: NewFile): WireFile {
    return this.host.addFile(input, this.thread)
  }

  /** Sends one event to every attached stream. The data is serialised now, so later changes don't leak. */
  emit(event: StreamEventName, data: unknown): void {
    if (this.sinks.size === 0) return
    const chunk = formatSseEvent(event, data)
    for (const sink of this.sinks) sink.send(chunk)
  }

  private emitStep(event: StreamEventName, step: WireRunStep): void {
    this.emit(event, stepView(step, this.record.includeFileSearchContent))
  }

  /** Ends every attached stream with `done` (requires_action or terminal). */
  private endPhase(): void {
    for (const sink of this.sinks) {
      sink.send(SSE_DONE)
      sink.end()
    }
    this.sinks.clear()
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /** Starts the run in the background: created → queued → in_progress → script. */
  start(script: Script, announceThread: boolean): void {
    void this.drive(script, announceThread)
  }

  private async drive(script: Script, announceThread: boolean): Promise<void> {
    try {
      if (announceThread) this.emit('thread.created', this.thread.thread)
      this.emit('thread.run.created', this.run)
      this.emit('thread.run.queued', this.run)
      await this.tick(2)
      this.run.status = 'in_progress'
      this.run.started_at = this.nowSeconds()
      this.emit('thread.run.in_progress', this.run)
      await this.tick(2)
      await script(this)
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
    this.emit('error', { error: { message, type: 'server_error', param: null, code: null } })
    for (const sink of this.sinks) sink.end()
    this.sinks.clear()
    if (this.finished) return
    this.finished = true
    this.pending = null
    this.run.status = 'failed'
    this.run.failed_at = this.nowSeconds()
    this.run.last_error = { code: 'server_error', message: 'Sorry, something went wrong.' }
  }

  /** Pauses `count` ticks at the configured pace; throws `Interrupted` if the run was cancelled or expired. */
  async tick(count = 1): Promise<void> {
    await this.wait(count)
    await this.drained()
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
   * The run's thread was forgotten (evicted): live streams end with an `error` event, the script stops
   * at its next tick and a pending requires_action is dropped, so nothing keeps the run alive.
   */
  dispose(): void {
    if (this.sinks.size > 0) {
      const message = `Thread ${this.thread.thread.id} was evicted from the simulator.`
      this.emit('error', { error: { message, type: 'server_error', param: null, code: 'thread_evicted' } })
      for (const sink of this.sinks) sink.end()
      this.sinks.clear()
    }
    this.finished = true
    this.rejectPending()
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
    this.rejectPending()
  }

  private rejectPending(): void {
    const pending = this.pending
    this.pending = null
    pending?.reject(new Interrupted())
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
    this.endPhase()
    this.rejectPending()
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
    this.endPhase()
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
    this.emit('thread.run.step.delta', {
      id: step.id,
      object: 'thread.run.step.delta',
      delta: { step_details: { type: 'tool_calls', tool_calls: [toolCall] } },
    })
  }

  /** Completes a step with usage; the scripted context grows by what the step produced. */
  completeStep(step: WireRunStep, completionTokens: number): void {
    step.status = 'completed'
    step.completed_at = this.nowSeconds()
    step.usage = makeUsage(this.promptTokens, completionTokens)
    this.promptTokens += completionTokens + 12
    if (this.activeStep === step) this.activeStep = null
    this.emitStep('thread.run.step.completed', step)
  }

  /**
   * Pauses the run in `requires_action` for these function calls and ends the current streams.
   * Resolves with the submitted outputs once `submit_tool_outputs` accepted them and the run is
   * back in progress.
   */
  async requireAction(step: WireRunStep, calls: FunctionToolCall[]): Promise<Map<string, string>> {
    const run = this.run
    run.status = 'requires_action'
    run.required_action = {
      type: 'submit_tool_outputs',
      submit_tool_outputs: {
        tool_calls: calls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.function.name, arguments: call.function.arguments },
        })),
      },
    }
    this.emit('thread.run.requires_action', run)
    this.endPhase()
    const outputs = await new Promise<Map<string, string>>((resolve, reject) => {
      this.pending = { step, calls, resolve, reject }
    })
    await this.tick(2)
    run.status = 'in_progress'
    run.started_at = this.nowSeconds()
    this.emit('thread.run.in_progress', run)
    await this.tick(1)
    return outputs
  }

  /**
   * Accepts tool outputs: every pending call id exactly once, else 400 and nothing changes.
   * The continuation stream (if any) is attached first, so it starts with the tool step's
   * `thread.run.step.completed` and the run's `thread.run.queued`, like the recordings.
   */
  submitToolOutputs(
    outputs: ReadonlyArray<{ tool_call_id: string; output: string }>,
    sink: StreamSink | null,
  ): void {
    this.expireIfDue()
    const pending = this.pending
    if (this.run.status !== 'requires_action' || !pending) {
      throw new ApiError(400, `Runs in status "${this.run.status}" do not accept tool outputs.`)
    }
    const expected = pending.calls.map((call) => call.id)
    const got = outputs.map((output) => output.tool_call_id)
    const complete =
      got.length === expected.length &&
      new Set(got).size === got.length &&
      expected.every((id) => got.includes(id))
    if (!complete) {
      const list = (ids: string[]) => `[${ids.map((id) => `'${id}'`).join(', ')}]`
      throw new ApiError(
        400,
        `Expected tool outputs for call_ids ${list(expected)}, got ${list(got)}`,
        'tool_outputs',
      )
    }
    const byId = new Map(outputs.map((output) => [output.tool_call_id, output.output]))
    for (const call of pending.calls) call.function.output = byId.get(call.id) ?? ''
    if (sink) this.attach(sink)
    const argumentTokens = pending.calls.reduce((sum, call) => sum + approxTokens(call.function.arguments), 0)
    this.completeStep(pending.step, argumentTokens + 8)
    this.run.status = 'queued'
    this.run.required_action = null
    this.emit('thread.run.queued', this.run)
    this.pending = null
    pending.resolve(byId)
  }

  // ---- messages ------------------------------------------------------------------------------

  /**
   * Writes an assistant message in its own message_creation step, streaming each text piece as
   * one delta. Returns false when it stopped early (`stopAfter`), leaving message and step open.
   */
  async writeMessage(parts: ReplyPart[], options: WriteMessageOptions = {}): Promise<boolean> {
    const pace = options.pace ?? 1
    const messageId = this.newId('msg_')
    const step = this.startStep({ type: 'message_creation', message_creation: { message_id: messageId } })
    await this.tick(1)
    const message = buildRunMessage(messageId, this.run, this.nowSeconds())
    this.thread.messages.push(message)
    this.activeMessage = message
    this.emit('thread.message.created', message)
    this.emit('thread.message.in_progress', message)
    await this.tick(1)
    let deltas = 0
    for (const [index, part] of parts.entries()) {
      if (part.type === 'image_file') {
        if (options.stopAfter !== undefined && deltas >= options.stopAfter) return false
        message.content[index] = { type: 'image_file', image_file: { file_id: part.fileId } }
        this.emitMessageDelta(message, { index, type: 'image_file', image_file: { file_id: part.fileId } })
        deltas++
        await this.tick(pace)
        continue
      }
      const text = { value: '', annotations: [] as Array<Record<string, unknown>> }
      message.content[index] = { type: 'text', text } as unknown as WireMessage['content'][number]
      let annotationIndex = 0
      for (const [pieceIndex, piece] of part.pieces.entries()) {
        if (options.stopAfter !== undefined && deltas >= options.stopAfter) return false
        const deltaText: { value: string; annotations?: unknown[] } = { value: piece.value }
        if (piece.annotation) {
          const range = {
            text: piece.value,
            start_index: text.value.length,
            end_index: text.value.length + piece.value.length,
          }
          const { type, fileId } = piece.annotation
          const stored =
            type === 'file_citation'
              ? { type, ...range, file_citation: { file_id: fileId } }
              : { type, ...range, file_path: { file_id: fileId } }
          // The delta's annotation carries its own index, and a citation's `quote: ""`; the stored one does not.
          deltaText.annotations = [
            type === 'file_citation'
              ? { index: annotationIndex, type, ...range, file_citation: { file_id: fileId, quote: '' } }
              : { index: annotationIndex, ...stored },
          ]
          annotationIndex++
          text.annotations.push(stored)
        } else if (pieceIndex === 0) {
          deltaText.annotations = []
        }
        text.value += piece.value
        this.emitMessageDelta(message, { index, type: 'text', text: deltaText })
        deltas++
        await this.tick(pace)
      }
    }
    const now = this.nowSeconds()
    if (options.ending === 'incomplete') {
      message.status = 'incomplete'
      message.incomplete_at = now
      message.incomplete_details = { reason: 'max_tokens' }
      this.emit('thread.message.incomplete', message)
    } else {
      message.status = 'completed'
      message.completed_at = now
      this.emit('thread.message.completed', message)
    }
    this.activeMessage = null
    await this.tick(1)
    this.completeStep(step, deltas)
    return true
  }

  private emitMessageDelta(message: WireMessage, part: Record<string, unknown>): void {
    this.emit('thread.message.delta', {
      id: message.id,
      object: 'thread.message.delta',
      delta: { content: [part] },
    })
  }
}
