// The API's shapes come from the official `openai` package (type-only), never hand-written copies.
import type { AssistantStreamEvent } from 'openai/resources/beta/assistants'
import type { Message, Text } from 'openai/resources/beta/threads/messages'
import type { RequiredActionFunctionToolCall, Run, RunStatus } from 'openai/resources/beta/threads/runs/runs'
import type { RunStep, ToolCall } from 'openai/resources/beta/threads/runs/steps'
import type { Thread } from 'openai/resources/beta/threads/threads'
import type { ErrorObject } from 'openai/resources/shared'

export type { RunUiStatus } from './status.js'

import type { RunlineToolApprovalEvent } from './foundry-types.js'
import type { ResponseState, ResponsesStreamEvent } from './responses/types.js'

export type {
  AssistantStreamEvent,
  ErrorObject,
  Message,
  RequiredActionFunctionToolCall,
  Run,
  RunStatus,
  RunStep,
  Text,
  Thread,
  ToolCall,
}

/** What went wrong, so callers can branch without string matching (see `RunlineError`). */
export type RunlineErrorKind = 'api' | 'network' | 'abort' | 'parse' | 'stream' | 'refused' | 'input'

/** Fields a `RunlineError` keeps in run state (`runline.error` events, `RunState.error`). */
export interface RunlineErrorFields {
  code: string
  message: string
  kind?: RunlineErrorKind
  status?: number | null
  type?: string | null
  param?: string | null
  requestId?: string | null
}

/** The `error` event as `parseRunStream` yields it: `data` is the unwrapped error object. */
export type StreamErrorEvent = Extract<AssistantStreamEvent, { event: 'error' }>

/** End of stream (`data: [DONE]` or `event: done`). */
export interface DoneEvent {
  event: 'done'
  data: '[DONE]'
}

/**
 * Events the run store understands besides the API's own: the stream's life cycle as the client sees
 * it, and a snapshot from retrieve + lists when a dropped stream is reconciled.
 */
export type RunlineLifecycleEvent =
  /** A request for a stream is under way. */
  | { event: 'runline.connecting'; data?: { threadId?: string | null } | undefined }
  /** The stream closed without `done` (network drop, server went away). */
  | { event: 'runline.disconnected'; data?: { message?: string } | undefined }
  /**
   * A client-side failure: network error, HTTP error before the stream began, a refused submit. A
   * refusal (`kind: 'refused'`: nothing was sent) keeps the stream's phase; anything else ends it.
   */
  | { event: 'runline.error'; data: RunlineErrorFields }
  /** A client tool handler produced the output of a pending call (before it is submitted). */
  | { event: 'runline.tool_output'; data: { tool_call_id: string; output: string } }
  /**
   * The client asked to cancel the run: the last command's client error is cleared, and the request is
   * recorded (`RunState.cancelRequested`). On the Responses wire that is how a turn waiting for the
   * client ends: nothing runs server-side, so the turn reads `cancelled` from here on.
   */
  | { event: 'runline.cancelling' }
  /** The server asked the client to wait (429, 503): the request is sent again after `delayMs`. */
  | { event: 'runline.retrying'; data: RunRetry }
  /** An app's approval rule decided one pending tool approval (Foundry), before it is sent. */
  | RunlineToolApprovalEvent
  /** Server state from retrieve + steps.list + messages.list; replaces what it names. */
  | {
      event: 'runline.snapshot'
      data: { run?: Run | null; steps?: RunStep[]; messages?: Message[]; threadId?: string | null }
    }
  /**
   * The Responses wire: a past turn from what its conversation kept (the items after the user's
   * message, oldest first); replaces the state's responses (see `reduceTurnItems`).
   */
  | { event: 'runline.items'; data: { items: readonly unknown[]; threadId?: string | null } }
  /**
   * The Responses wire: the input items the client sent to begin the turn's next response (function
   * outputs, approval decisions), which the API never echoes. Held in `RunState.pendingInput` until
   * the next `response.created` begins that response, which takes them as its `input`.
   */
  | { event: 'runline.input_items'; data: { items: readonly unknown[] } }
  /** Back to the initial state. */
  | { event: 'runline.reset' }

/** An event name this version does not know; it reaches `onEvent` but the reducer ignores it. */
export interface UnknownStreamEvent {
  event: string & {}
  data?: unknown
}

/**
 * Anything `parseRunStream` yields and `reduceRun` accepts: the Assistants wire's events, the Responses
 * wire's (`response.*`, typed by the `openai` package), the end of a stream, Runline's own.
 */
export type RunStreamEvent = AssistantStreamEvent | ResponsesStreamEvent | DoneEvent | RunlineLifecycleEvent

/** The stream's life cycle, as seen by the client. */
export type StreamPhase = 'idle' | 'connecting' | 'open' | 'done' | 'dropped' | 'errored'

/**
 * An error the state holds: from an `error` event, the client, or input the reducer refused. Client
 * errors keep the `RunlineError`'s fields; `asRunlineError(state.error)` gives the error back.
 */
export interface RunlineStateError extends Partial<Omit<RunlineErrorFields, 'code' | 'message'>> {
  code: string
  message: string
  /** `stream`: the server's error event; `client`: network/HTTP/refused; `input`: malformed input. */
  source: 'stream' | 'client' | 'input'
}

/** A request the server asked to send again later (429, 503), while the client waits. */
export interface RunRetry {
  /** 1 for the first retry. */
  attempt: number
  /** How long the client waits before sending it again, in ms (the server's `retry-after` when it said). */
  delayMs: number
  /** When the wait ends (ms since the epoch), for a countdown. */
  at: number
  /** The answer that asked for the wait. */
  status: number | null
  code: string
  message: string
}

/**
 * The immutable snapshot of one run (and the thread it lives on), built by `reduceRun`.
 * Collections are keyed by id plus an order array, so one delta replaces only the objects on its path.
 */
export interface RunState {
  threadId: string | null
  /** Latest run snapshot (`data` of the last run event), or null before one arrives. */
  run: Run | null
  steps: Readonly<Record<string, RunStep>>
  /** Step ids in the order they were first seen. */
  stepIds: readonly string[]
  messages: Readonly<Record<string, Message>>
  /** Message ids in the order they were first seen. */
  messageIds: readonly string[]
  phase: StreamPhase
  /** The last error (a fatal one sets phase `errored`; refused input does not stop the stream). */
  error: RunlineStateError | null
  /** Outputs client tool handlers produced for pending calls, by tool call id (until the next run). */
  handledToolCalls: Readonly<Record<string, string>>
  /**
   * Decisions an app's approval rule made for calls awaiting approval (Foundry), by tool call id,
   * until they are sent (`runline.tool_approval`). Absent until the first one.
   */
  handledApprovals?: Readonly<Record<string, boolean>>
  /** A request waiting to be sent again because the server asked for it (429, 503), else null. */
  retry: RunRetry | null
  /**
   * The Responses wire: the responses of this turn in order (each `response.created` begins the next;
   * a client-driven tool loop or an MCP approval makes several). `selectResponses` gives them as
   * openai-node accumulates them. Empty on the Assistants wire (absent on hand-built states).
   */
  responses?: readonly ResponseState[]
  /**
   * The client asked to cancel this run (`runline.cancelling`), until the next run. The Assistants wire
   * learns the outcome from the server; on the Responses wire a turn that waits for the client (tool
   * outputs, approvals) is `cancelled` once this is set (see `selectResponsesRun`). Absent on
   * hand-built states.
   */
  cancelRequested?: boolean
  /**
   * The Responses wire: input items sent for the turn's next response (`runline.input_items`), until
   * its `response.created` makes them that response's `ResponseState.input`; else null. Absent on
   * hand-built states.
   */
  pendingInput?: readonly Readonly<Record<string, unknown>>[] | null
}
