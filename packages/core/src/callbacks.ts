import type { MessageDelta, TextDelta } from 'openai/resources/beta/threads/messages'
import type { ToolCallDelta } from 'openai/resources/beta/threads/runs/steps'
import { hasId, isRecord } from './merge.js'
import { selectResponsesRun } from './responses/run.js'
import { type ResponsesCallbackAdapter, type ResponsesParts, SEQUENCE_GAP } from './responses-parts.js'
import { selectStepToolCalls } from './selectors.js'
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

/**
 * Returns a function to call with each event and the state after it (from a reducer or a store);
 * it fires the matching callbacks: the Assistants and Foundry wires' itself, the Responses wire's
 * through the callback adapter of the parts `responses()` gives (asked at that wire's events, so parts
 * a store got later are used; none: those events fire only `onEvent` and the reducer's `onError`).
 * Its module graph holds no Responses code; `createRunCallbacks` is this adapter given `responsesParts`.
 * It tracks the current content part and tool call the way `AssistantStream` does, to know when one
 * is done.
 *
 * Like the reducer it never throws on bad input: an event the reducer refused (its state carries a new
 * input error) fires `onEvent` and then `onError` with that error, and nothing else.
 *
 * It keeps no reference to a state beyond the call, so a store's pending state will do where
 * {@link needsSnapshots} is false.
 */
export function createAssistantsRunCallbacks(
  callbacks: RunCallbacks,
  responses: () => ResponsesParts | null,
): (event: RunStreamEvent, state: RunState) => void {
  let textPart: { messageId: string; index: number } | null = null
  // Calls announced but not done yet, per step. Parallel calls interleave their fragments, so a
  // call is done when its step ends or the run stops for action, not when another index shows up.
  let openCalls: { stepId: string; indexes: number[] } | null = null

  const finishText = (state: RunState) => {
    if (!textPart) return
    const message = state.messages[textPart.messageId]
    const part = message?.content?.[textPart.index]
    if (message && part?.type === 'text') callbacks.onTextDone?.(part.text, message)
    textPart = null
  }
  const finishToolCalls = (state: RunState) => {
    if (!openCalls) return
    const calls = selectStepToolCalls(state.steps[openCalls.stepId]) as ToolCall[]
    for (const index of openCalls.indexes) {
      const call = calls[index]
      if (call) callbacks.onToolCallDone?.(call)
    }
    openCalls = null
  }

  // What the previous call saw, kept as references and ids only: the state may be a store's pending
  // state, which later events of the same batch update in place.
  let seen = false
  let previousError: RunState['error'] = null
  // The run whose end was reported: its end callbacks never fire twice, however it ended.
  let endedRunId: string | null = null
  // The Responses wire's events (a turn of responses seen as one run), once there are parts for them.
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
    // Without a previous state to compare with, an API object without an id is still skipped.
    if (event.event.startsWith('thread.') && !hasId((event as { data?: unknown }).data)) return
    switch (event.event) {
      case 'thread.run.created':
        callbacks.onRunCreated?.(event.data)
        break
      case 'thread.run.queued':
      case 'thread.run.in_progress':
      case 'thread.run.cancelling':
        callbacks.onRunUpdated?.(event.data)
        break
      case 'thread.run.requires_action':
        finishToolCalls(state)
        callbacks.onRunRequiresAction?.(event.data)
        break
      case 'thread.run.step.created': {
        callbacks.onRunStepCreated?.(event.data)
        break
      }
      case 'thread.run.step.delta': {
        const snapshot = state.steps[event.data.id]
        if (!snapshot || typeof event.data.delta !== 'object' || event.data.delta === null) break
        callbacks.onRunStepDelta?.(event.data.delta, snapshot)
        // Foundry types a delta's details `mcp` or `openapi`; its calls are placed the same way.
        const details: unknown = event.data.delta.step_details
        if (!isRecord(details) || !Array.isArray(details.tool_calls)) break
        const calls = selectStepToolCalls(snapshot) as ToolCall[]
        for (const delta of entries(details.tool_calls as ToolCallDelta[])) {
          const call = calls[delta.index]
          if (!call) continue
          if (openCalls?.stepId !== snapshot.id) {
            finishToolCalls(state)
            openCalls = { stepId: snapshot.id, indexes: [] }
          }
          // Like AssistantStream: a call's first delta announces it; later ones are its deltas.
          if (openCalls.indexes.includes(delta.index)) callbacks.onToolCallDelta?.(delta, call)
          else {
            openCalls.indexes.push(delta.index)
            callbacks.onToolCallCreated?.(call)
          }
        }
        break
      }
      case 'thread.run.step.completed':
      case 'thread.run.step.failed':
      case 'thread.run.step.cancelled':
      case 'thread.run.step.expired': {
        if (openCalls?.stepId === event.data.id) finishToolCalls(state)
        callbacks.onRunStepDone?.(event.data, state.steps[event.data.id] ?? event.data)
        break
      }
      case 'thread.message.created':
        finishText(state)
        callbacks.onMessageCreated?.(event.data)
        break
      case 'thread.message.delta': {
        const snapshot = state.messages[event.data.id]
        if (!snapshot || typeof event.data.delta !== 'object' || event.data.delta === null) break
        callbacks.onMessageDelta?.(event.data.delta, snapshot)
        for (const part of entries(event.data.delta.content)) {
          const current = snapshot.content?.[part.index]
          if (part.type !== 'text' || current?.type !== 'text') continue
          if (!textPart || textPart.messageId !== snapshot.id || textPart.index !== part.index) {
            finishText(state)
            textPart = { messageId: snapshot.id, index: part.index }
            callbacks.onTextCreated?.(current.text)
          }
          if (part.text) callbacks.onTextDelta?.(part.text, current.text)
        }
        break
      }
      case 'thread.message.completed':
      case 'thread.message.incomplete':
        finishText(state)
        callbacks.onMessageDone?.(event.data)
        break
      case 'error':
        callbacks.onError?.(event.data)
        break
      case 'runline.error':
        callbacks.onError?.(event.data)
        break
      default: {
        const parts = responsesAdapter === null ? responses() : null
        if (parts) responsesAdapter = parts.callbacks(callbacks)
        responsesAdapter?.(event.event, (event as { data?: unknown }).data, state)
      }
    }
    // The run ended, by its terminal event or by a snapshot (a drop, a reload, a cancel): once per run.
    // On the Responses wire the run is the turn, ended when its last response ended without waiting.
    const run = state.run ?? selectResponsesRun(state)
    if (run && isTerminalStatus(run.status) && endedRunId !== run.id) {
      endedRunId = run.id
      finishToolCalls(state)
      if (run.status === 'completed') callbacks.onRunCompleted?.(run)
      callbacks.onRunDone?.(run)
    }
  }
}

/** A delta's array when every entry is an object, else none (the reducer refuses such a delta whole). */
function entries<T extends object>(list: readonly T[] | null | undefined): readonly T[] {
  return Array.isArray(list) && list.every((entry): boolean => isRecord(entry)) ? list : []
}
