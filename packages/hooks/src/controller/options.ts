import type {
  CommitScheduler,
  RequiredActionFunctionToolCall,
  ResponseCreateBody,
  Run,
  RunCallbacks,
  RunCreateBody,
  RunlineClient,
  ThreadCreateAndRunBody,
} from '@runline/core'
import type { RunCreateParams } from 'openai/resources/beta/threads/runs/runs'
import type { ApprovalRule } from '../approvals.js'
import type { PointerStorage } from '../resume-storage.js'
import type { ToolHandlers } from '../tool-calls.js'

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
  /** Responses wire: input items sent after `message` (files, images, earlier items). */
  input?: Exclude<ResponseCreateBody['input'], string>
}

/** Resume options: `true` for the defaults. */
export interface ResumeOptions {
  /** The sessionStorage key; default `runline:run:<assistantId>`. Use one key per live run view. */
  key?: string
  /** Another storage (tests, `localStorage`); default `window.sessionStorage` when it exists. */
  storage?: PointerStorage | null
}

/** Options of `createRunController` (and `useRunStream`). */
export interface RunControllerOptions extends RunCallbacks {
  /** The Runline client (useRunStream takes it from the provider). */
  client: RunlineClient
  /** The thread to run on; without one, `start` creates a thread (`createAndRun`) and reports its id. */
  threadId?: string | null
  /** The assistant of every run (unless `start` or `params` name another). */
  assistantId?: string
  /**
   * The protocol: `'assistants'` (default; Foundry classic agents too) or `'responses'` (OpenAI
   * Responses + Conversations, Foundry's new agents). On `'responses'` a run is one user turn: a
   * response in the conversation, and a next response for each tool-output or approval answer.
   */
  wire?: 'assistants' | 'responses'
  /** Responses wire: the model, or the name of the server's agent profile (`runline-sim`). */
  model?: string
  /** Responses wire: the conversation to run in (the thread's role); without one, `start` creates it. */
  conversationId?: string | null
  /** Responses wire: default `POST /responses` parameters (`instructions`, `tools`, `include`, …). */
  responseParams?: Partial<ResponseCreateBody>
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
   * Approval rule for calls awaiting approval (Foundry MCP tools): `true` / `false` answer a call
   * without asking, `'ask'` leaves it to the UI. When the rule decides EVERY call, the approvals go
   * out in one submit, automatically; otherwise its decisions are recorded in the run state
   * (`selectHandledApprovals`) and sent with the UI's. A rule that throws asks.
   */
  approve?: ApprovalRule
  /**
   * Sending while a run is still active on the thread: `'wait'` (default) waits until that run ends
   * (a run that requires action waits for its outputs, a Responses turn too), `'cancel'` cancels it first. Either way the
   * API's "already has an active run" error never reaches you.
   */
  whenActive?: 'wait' | 'cancel'
  /** Keep `{threadId, runId}` in sessionStorage and re-attach to the run after a reload. */
  resume?: boolean | ResumeOptions
  /** Wait between polls when the server sends no `openai-poll-after-ms`. Default 1000. */
  pollIntervalMs?: number
  /** The run store's commit scheduler (default: once per animation frame where frames exist). */
  scheduler?: CommitScheduler
  /**
   * Called once per run when it ended, however it got there (streamed, reconciled after a drop or a
   * reload, cancelled by `cancel()` or by `whenActive`, failed, expired), after `onRunDone`, once the
   * saved resume pointer is cleared.
   */
  onRunEnd?: (run: Run) => void
}
