// The seam between the wire-agnostic controller and one protocol. Everything that differs between
// the Assistants wire, Foundry's classic agents (the same wire plus tool approvals, bearer auth in
// the proxy) and the Responses wire (one user turn = several responses, re-attach by sequence
// number) lives behind this interface; operations, the active-run policy, the tool runner, resume and
// callbacks never name an endpoint.
import type { RunStreamEvent, ToolApproval } from '@runline/core'
import type { StartParams } from '../controller/options.js'
import type { ToolOutput } from '../tool-calls.js'

/** A run as a wire addresses it: its thread (Responses: conversation) and its id. */
export interface RunTarget {
  threadId: string
  runId: string
}

/** Something that delivers a run's events, synchronously per event (the client's `RunEventStream`). */
export interface WireStream {
  /** Hands each event to `onEvent` as it arrives; rejects with kind `network` when the connection drops. */
  forEach(onEvent: (event: RunStreamEvent) => void): Promise<void>
}

/** What a run waits for the client to answer with: tool outputs, or approvals (Foundry), or both. */
export interface RunAnswers {
  toolOutputs: readonly ToolOutput[]
  /** Decisions for calls awaiting approval (`submit_tool_approval`). */
  toolApprovals?: readonly ToolApproval[]
}

/** A new run: where it goes, and what the caller asked for (merged over the controller's defaults). */
export interface WireStart {
  /** The thread (conversation) to run on; `null` creates one with the run. */
  threadId: string | null
  params: StartParams
}

/** Options of {@link RunWire.follow}. */
export interface FollowOptions {
  signal: AbortSignal
  /** `'attention'`: stop when the run needs the caller or ended; `'end'`: only when it ended. */
  until: 'attention' | 'end'
  /** Wait between looks when the server does not say (`openai-poll-after-ms`). */
  pollIntervalMs?: number
}

/**
 * One protocol, as the controller needs it. Every method takes the operation's signal; an aborted
 * signal ends it quietly (it may reject with an abort error, which the controller ignores).
 */
export interface RunWire {
  /** Opens the stream of a new run. */
  start(request: WireStart, signal: AbortSignal): Promise<WireStream>
  /** Opens the continuation of a run that waits for the client (tool outputs, tool approvals). */
  answer(target: RunTarget, answers: RunAnswers, signal: AbortSignal): Promise<WireStream>
  /**
   * Asks the server to cancel the run. Resolves with the events that show the run as the server
   * now has it (possibly none); a run that ended meanwhile is not an error.
   */
  cancel(target: RunTarget, signal: AbortSignal): Promise<RunStreamEvent[]>
  /**
   * Catches up with a run after a dropped stream or a reload: hands `emit` the events that bring a
   * store to the server's state, keeps doing so at the server's pace until the run stops (`until`),
   * and ends with `{ event: 'done' }` where an unbroken stream would.
   */
  follow(target: RunTarget, emit: (event: RunStreamEvent) => void, options: FollowOptions): Promise<void>
  /**
   * Waits until a run ends (the active-run policy), cancelling it first when `cancel` is set.
   * Resolves with the events that show its end, for a store that holds that run.
   */
  waitForEnd(
    target: RunTarget,
    options: { cancel: boolean; signal: AbortSignal; pollIntervalMs?: number },
  ): Promise<RunStreamEvent[]>
  /** The run that holds the thread, when a start was refused because of it; else null. */
  activeRunOf(error: unknown, threadId: string): RunTarget | null
}
