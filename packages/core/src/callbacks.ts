import type { MessageDelta, TextDelta } from 'openai/resources/beta/threads/messages'
import type { ToolCallDelta } from 'openai/resources/beta/threads/runs/steps'
import {
  type AssistantsCallbackAdapter,
  type AssistantsParts,
  isAssistantsEvent,
} from './assistants-parts.js'
import { selectResponsesRun } from './responses/run.js'
import { type ResponsesCallbackAdapter, type ResponsesParts, SEQUENCE_GAP } from './responses-parts.js'
import { isTerminalStatus } from './status.js'
import type { ErrorObject, Message, Run, RunState, RunStep, RunStreamEvent, Text, ToolCall } from './types.js'

/**
 * Event callbacks in the vocabulary of the official SDKs' `AssistantStream` handlers, so code written
 * for them ports over. Snapshots come from the immutable run state.
 */
export interface RunCallbacks {
  onEvent?: (event: RunStreamEvent) => void
  onRunCreated?: (run: Run) => void
  onRunUpdated?: (run: Run) => void
  onRunRequiresAction?: (run: Run) => void
  /** The run completed; fired once per run, whether its terminal event streamed in or was reconciled. */
  onRunCompleted?: (run: Run) => void
  /**
   * The run ended: completed, incomplete, failed, cancelled, expired. Fired exactly once per run,
   * however it got there: its terminal event, a snapshot after a drop or a reload, a cancel.
   */
  onRunDone?: (run: Run) => void
  onRunStepCreated?: (step: RunStep) => void
  onRunStepDelta?: (delta: RunStep['step_details'] | unknown, snapshot: RunStep) => void
  onRunStepDone?: (step: RunStep, snapshot: RunStep) => void
  onMessageCreated?: (message: Message) => void
  onMessageDelta?: (delta: MessageDelta, snapshot: Message) => void
  onMessageDone?: (message: Message) => void
  onTextCreated?: (text: Text) => void
  onTextDelta?: (delta: TextDelta, snapshot: Text) => void
  onTextDone?: (text: Text, snapshot: Message) => void
  onToolCallCreated?: (toolCall: ToolCall) => void
  onToolCallDelta?: (delta: ToolCallDelta, snapshot: ToolCall) => void
  onToolCallDone?: (toolCall: ToolCall) => void
  onError?: (error: ErrorObject | { code: string; message: string }) => void
}

// Callbacks handed objects from the state that a store's batch may still append to in place.
const SNAPSHOT_CALLBACKS = [
  'onRunStepDelta',
  'onRunStepDone',
  'onMessageDelta',
  'onTextCreated',
  'onTextDelta',
  'onTextDone',
  'onToolCallCreated',
  'onToolCallDelta',
  'onToolCallDone',
] as const satisfies ReadonlyArray<keyof RunCallbacks>

/**
 * Whether these callbacks need an immutable snapshot per event (a store's `onEventSnapshots`): true
 * when one of them is handed message, text, step or tool-call objects from the state. The others get
 * event data, run objects or errors, which no later event changes in place.
 */
export function needsSnapshots(callbacks: RunCallbacks): boolean {
  return SNAPSHOT_CALLBACKS.some((name) => typeof callbacks[name] === 'function')
}

/** Where a callback adapter finds the wires' parts: read at each event, so parts a store got later are used. */
export interface RunPartsSource {
  readonly assistants: AssistantsParts | null
  readonly responses: ResponsesParts | null
}

/**
 * Returns a function to call with each event and the state after it (from a reducer or a store);
 * it fires the matching callbacks: `onEvent`, `onError` and the run's end (`onRunCompleted`,
 * `onRunDone`, once per run however it ended) itself, each wire's own through the callback adapter of
 * that wire's parts in `parts` (a run store will do: it has both getters). Without a wire's parts, its
 * events fire only `onEvent` and the reducer's `onError`. Its module graph holds no wire's code;
 * `createRunCallbacks` is this adapter given both wires' parts.
 *
 * Like the reducer it never throws on bad input: an event the reducer refused (its state carries a new
 * input error) fires `onEvent` and then `onError` with that error, and nothing else.
 *
 * It keeps no reference to a state beyond the call, so a store's pending state will do where
 * {@link needsSnapshots} is false.
 */
export function createRunCallbacksWithParts(
  callbacks: RunCallbacks,
  parts: RunPartsSource,
): (event: RunStreamEvent, state: RunState) => void {
  // What the previous call saw, kept as references and ids only: the state may be a store's pending
  // state, which later events of the same batch update in place.
  let seen = false
  let previousError: RunState['error'] = null
  // The run whose end was reported: its end callbacks never fire twice, however it ended.
  let endedRunId: string | null = null
  // Each wire's half of this adapter, once there are parts for it.
  let assistantsAdapter: AssistantsCallbackAdapter | null = null
  let responsesAdapter: ResponsesCallbackAdapter | null = null

  return (event, state) => {
    const firstCall = !seen
    const errorBefore = previousError
    seen = true
    previousError = state.error
    callbacks.onEvent?.(event)
    // Typed input can still be junk at run time (a server's, or a caller's).
    if (typeof (event as { event?: unknown } | null)?.event !== 'string') return
    // Refused by the reducer: a new error blaming the input (a malformed line arrives as an `error` event).
    // A gap before a Responses event is reported the same way, but the event itself was folded.
    const error = state.error
    if (!firstCall && error !== errorBefore && error?.source === 'input' && event.event !== 'error') {
      callbacks.onError?.(error)
      if (error.code !== SEQUENCE_GAP) return
    }
    const data = (event as { data?: unknown }).data
    if (event.event === 'error' || event.event === 'runline.error') {
      callbacks.onError?.(event.data as ErrorObject)
    } else if (isAssistantsEvent(event)) {
      assistantsAdapter ??= parts.assistants?.callbacks(callbacks) ?? null
      assistantsAdapter?.(event.event, data, state)
    } else {
      responsesAdapter ??= parts.responses?.callbacks(callbacks) ?? null
      responsesAdapter?.(event.event, data, state)
    }
    // The run ended, by its terminal event or by a snapshot (a drop, a reload, a cancel): once per run.
    // On the Responses wire the run is the turn, ended when its last response ended without waiting.
    const run = state.run ?? selectResponsesRun(state)
    if (run && isTerminalStatus(run.status) && endedRunId !== run.id) {
      endedRunId = run.id
      if (run.status === 'completed') callbacks.onRunCompleted?.(run)
      callbacks.onRunDone?.(run)
    }
  }
}
