/**
 * A run's pauses: `requires_action` for function outputs (`submit_tool_outputs`) or, on Foundry, for
 * MCP call approvals (`submit_tool_approval`, answered with `tool_approvals` on the same endpoint).
 */
import type { FunctionToolCall } from 'openai/resources/beta/threads/runs/steps'
import { ApiError } from '../http.js'
import type { WireRunStep } from '../wire.js'
import type { RunDriver } from './driver.js'
import { Interrupted, type StreamSink } from './records.js'

/** An MCP call as a step records it; `output` appears once the call ran (never for a denied call). */
export interface McpCall {
  id: string
  type: 'mcp'
  server_label: string
  name: string
  arguments: string
  output?: string
}

/** One submitted tool output. */
export interface ToolOutputInput {
  tool_call_id: string
  output: string
}

/** One submitted approval. */
export interface ToolApprovalInput {
  tool_call_id: string
  approve: boolean
  headers: Record<string, string>
}

type Pending =
  | {
      kind: 'outputs'
      step: WireRunStep
      calls: FunctionToolCall[]
      resolve(outputs: Map<string, string>): void
      reject(error: Error): void
    }
  | {
      kind: 'approvals'
      step: WireRunStep
      calls: McpCall[]
      resolve(approvals: Map<string, boolean>): void
      reject(error: Error): void
    }

const approxTokens = (value: string): number => Math.max(1, Math.ceil(value.length / 4))
const idList = (ids: string[]) => `[${ids.map((id) => `'${id}'`).join(', ')}]`

/** Holds the one pause a run may be in, and resumes it when the client answers. */
export class ActionGate {
  private pending: Pending | null = null

  constructor(private readonly driver: RunDriver) {}

  /**
   * Pauses the run in `requires_action` for these function calls and ends the current streams.
   * Resolves with the submitted outputs once `submit_tool_outputs` accepted them and the run is
   * back in progress.
   */
  async requireOutputs(step: WireRunStep, calls: FunctionToolCall[]): Promise<Map<string, string>> {
    const outputs = await this.pause<Map<string, string>>(
      {
        type: 'submit_tool_outputs',
        submit_tool_outputs: {
          tool_calls: calls.map((call) => ({
            id: call.id,
            type: 'function',
            function: { name: call.function.name, arguments: call.function.arguments },
          })),
        },
      },
      (resolve, reject) => ({ kind: 'outputs', step, calls, resolve, reject }),
    )
    return outputs
  }

  /**
   * Pauses the run in `requires_action` with `submit_tool_approval` for these MCP calls. Resolves
   * with each call's decision once `tool_approvals` were accepted and the run is back in progress.
   */
  requireApprovals(step: WireRunStep, calls: McpCall[]): Promise<Map<string, boolean>> {
    return this.pause<Map<string, boolean>>(
      {
        type: 'submit_tool_approval',
        submit_tool_approval: {
          tool_calls: calls.map((call) => ({
            id: call.id,
            type: 'mcp',
            arguments: call.arguments,
            name: call.name,
            server_label: call.server_label,
          })),
        },
      },
      (resolve, reject) => ({ kind: 'approvals', step, calls, resolve, reject }),
    )
  }

  private async pause<T>(
    requiredAction: unknown,
    pending: (resolve: (value: T) => void, reject: (error: Error) => void) => Pending,
  ): Promise<T> {
    const driver = this.driver
    const run = driver.run
    run.status = 'requires_action'
    // Foundry's approval action is not in openai's types; the record keeps it as sent.
    run.required_action = requiredAction as typeof run.required_action
    driver.emit('thread.run.requires_action', run)
    driver.endStreams()
    const answer = await new Promise<T>((resolve, reject) => {
      this.pending = pending(resolve, reject)
    })
    await driver.tick(2)
    run.status = 'in_progress'
    run.started_at = driver.nowSeconds()
    driver.emit('thread.run.in_progress', run)
    await driver.tick(1)
    return answer
  }

  /** What the run waits for, if anything. */
  get waitingFor(): 'outputs' | 'approvals' | null {
    return this.pending?.kind ?? null
  }

  /**
   * Accepts tool outputs: every pending call id exactly once, else 400 and nothing changes.
   * The continuation stream (if any) is attached first, so it starts with the tool step's
   * `thread.run.step.completed` and the run's `thread.run.queued`, like the recordings.
   */
  submitOutputs(outputs: readonly ToolOutputInput[], sink: StreamSink | null): void {
    const ids = outputs.map((output) => output.tool_call_id)
    const pending = this.take('outputs', ids)
    const byId = new Map(outputs.map((output) => [output.tool_call_id, output.output]))
    for (const call of pending.calls) call.function.output = byId.get(call.id) ?? ''
    if (sink) this.driver.attach(sink)
    const argumentTokens = pending.calls.reduce((sum, call) => sum + approxTokens(call.function.arguments), 0)
    this.driver.completeStep(pending.step, argumentTokens + 8)
    this.resume()
    pending.resolve(byId)
  }

  /**
   * Accepts approvals: every pending MCP call decided exactly once, else 400 and nothing changes.
   * The step stays open: the approved calls run next and the step completes with their outputs.
   */
  submitApprovals(approvals: readonly ToolApprovalInput[], sink: StreamSink | null): void {
    const pending = this.take(
      'approvals',
      approvals.map((approval) => approval.tool_call_id),
    )
    if (sink) this.driver.attach(sink)
    this.resume()
    pending.resolve(new Map(approvals.map((approval) => [approval.tool_call_id, approval.approve])))
  }

  /** The pause these answers are for, if they answer every pending call exactly once; else the API's 400. */
  private take<K extends Pending['kind']>(kind: K, ids: string[]): Extract<Pending, { kind: K }> {
    const what = kind === 'outputs' ? 'tool outputs' : 'tool approvals'
    const pending = this.expect(what)
    if (pending.kind !== kind) throw this.refuse(what)
    const expected = pending.calls.map((call) => call.id)
    const complete =
      ids.length === expected.length &&
      new Set(ids).size === ids.length &&
      expected.every((id) => ids.includes(id))
    if (!complete)
      throw new ApiError(
        400,
        `Expected ${what} for call_ids ${idList(expected)}, got ${idList(ids)}`,
        `tool_${kind}`,
      )
    return pending as Extract<Pending, { kind: K }>
  }

  private expect(what: string): Pending {
    this.driver.expireIfDue()
    const pending = this.pending
    const status = this.driver.run.status
    if (status !== 'requires_action' || !pending)
      throw new ApiError(400, `Runs in status "${status}" do not accept ${what}.`)
    return pending
  }

  private refuse(what: string): ApiError {
    const waiting = this.pending?.kind === 'approvals' ? 'tool_approvals' : 'tool_outputs'
    return new ApiError(400, `This run does not accept ${what}: it waits for ${waiting}.`, waiting)
  }

  private resume(): void {
    const run = this.driver.run
    run.status = 'queued'
    run.required_action = null
    this.driver.emit('thread.run.queued', run)
    this.pending = null
  }

  /** Drops the pause (cancel, end, eviction): the waiting script stops with `Interrupted`. */
  drop(): void {
    const pending = this.pending
    this.pending = null
    pending?.reject(new Interrupted())
  }
}
