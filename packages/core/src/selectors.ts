import type { AnyToolCall } from './foundry-types.js'
import { memoOn } from './memo.js'
import { isRecord } from './merge.js'
import { selectResponsesStatus } from './responses/run.js'
import {
  hasResponses,
  selectResponsesError,
  selectResponsesTimeline,
  selectResponsesToolCalls,
  selectResponsesUsage,
} from './responses/select.js'
import type { ResponseOutputItem } from './responses/types.js'
import { isTerminalStatus } from './status.js'
import { selectStepToolCalls } from './step-tool-calls.js'
import type {
  Message,
  RequiredActionFunctionToolCall,
  Run,
  RunRetry,
  RunState,
  RunStep,
  RunUiStatus,
} from './types.js'

// Every selector returns the same reference while its inputs are unchanged, so React can subscribe
// through them (a fresh array per call would re-render, or loop, forever).

// Typed mutable to match the API's `Message[]` shapes; like every selector result, never mutate it.
const EMPTY: never[] = Object.freeze([]) as never[]

/** One shared empty array, so "nothing yet" is always the same reference. */
function nonEmpty<T>(items: T[]): T[] {
  return items.length === 0 ? EMPTY : items
}

/** The latest run snapshot, or null before the first run event. */
export function selectRun(state: RunState): Run | null {
  return state.run
}

/** The thread's id once known (from `thread.created`, a run, or `start`). */
export function selectThreadId(state: RunState): string | null {
  return state.threadId
}

// A record only changes when one of its entries did, so a cache keyed on the record is enough.
const messagesByRecord = new WeakMap<object, Message[]>()

/** The run's messages in creation order. Same array while no message changed. */
export function selectMessages(state: RunState): Message[] {
  const cached = messagesByRecord.get(state.messages)
  if (cached) return cached
  const next = nonEmpty(state.messageIds.map((id) => state.messages[id]!))
  messagesByRecord.set(state.messages, next)
  return next
}

const stepsByRecord = new WeakMap<object, RunStep[]>()

/** The run's steps in creation order. Same array while no step changed. */
export function selectRunSteps(state: RunState): RunStep[] {
  const cached = stepsByRecord.get(state.steps)
  if (cached) return cached
  const next = nonEmpty(state.stepIds.map((id) => state.steps[id]!))
  stepsByRecord.set(state.steps, next)
  return next
}

const answerableByList = new WeakMap<object, RequiredActionFunctionToolCall[]>()

/**
 * The function calls the run waits for (empty unless the run requires action). Only calls that can be
 * answered, with an id and a function: the server's own array when every call is one.
 */
export function selectRequiredToolCalls(state: RunState): RequiredActionFunctionToolCall[] {
  // Responses: the last response's unanswered function calls, in the same form.
  if (hasResponses(state)) return selectResponsesToolCalls(state)
  const run = state.run
  if (run?.status !== 'requires_action') return EMPTY
  const calls: unknown = run.required_action?.submit_tool_outputs?.tool_calls
  if (!Array.isArray(calls)) return EMPTY
  if (calls.every(isAnswerable)) return nonEmpty(calls)
  let answerable = answerableByList.get(calls)
  if (!answerable) {
    answerable = nonEmpty(calls.filter(isAnswerable))
    answerableByList.set(calls, answerable)
  }
  return answerable
}

function isAnswerable(call: unknown): boolean {
  return isRecord(call) && typeof call.id === 'string' && call.id !== '' && isRecord(call.function)
}

/** The message's text parts joined by blank lines (what a plain-text view shows). */
export const selectMessageText: (message: Message) => string = memoOn((message: Message) => {
  let text = ''
  for (const part of message.content ?? EMPTY) {
    // The reducer keeps what the server sent: a text part may lack its text.
    const value = part?.type === 'text' ? part.text?.value : undefined
    if (typeof value !== 'string') continue
    text = text === '' ? value : `${text}\n\n${value}`
  }
  return text
})

const errorsByState = new WeakMap<object, { code: string; message: string }>()

/**
 * The error to show: a stream or client error first, then the run's `last_error`. Refused input
 * (a malformed event the stream survived) is reported too, so nothing fails silently.
 */
export function selectError(state: RunState): { code: string; message: string } | null {
  if (state.error) return state.error
  if (hasResponses(state)) return selectResponsesError(state)
  const lastError: unknown = state.run?.last_error
  if (typeof lastError !== 'object' || lastError === null) return null
  let view = errorsByState.get(lastError)
  if (!view) {
    // Typed as `{ code, message }`, but the server's object is stored as sent.
    const { code, message } = lastError as { code?: unknown; message?: unknown }
    view = {
      code: typeof code === 'string' ? code : 'run_error',
      message: typeof message === 'string' ? message : 'The run failed.',
    }
    errorsByState.set(lastError, view)
  }
  return view
}

/**
 * The run's status, one vocabulary for code and UI (`statusWords` gives its words): a terminal run
 * status wins; then a failed stream reads `error`; then the run's own status (`queued`,
 * `in_progress`, `requires_action`, `cancelling`); without a run, the stream's phase.
 */
export function selectStatus(state: RunState): RunUiStatus {
  if (hasResponses(state)) return selectResponsesStatus(state)
  const status = state.run?.status
  if (isTerminalStatus(status)) return status!
  if (state.phase === 'errored') return 'error'
  if (state.retry) return 'retrying'
  if (typeof status === 'string' && (status as string) !== '') return status
  if (state.phase === 'connecting') return 'connecting'
  if (state.phase === 'open') return 'streaming'
  return 'idle'
}

/** The request waiting to be sent again because the server asked to wait (429, 503), else null. */
export function selectRetry(state: RunState): RunRetry | null {
  return state.retry
}

/** Outputs client tool handlers produced for pending calls, by tool call id (a stable object). */
export function selectHandledToolCalls(state: RunState): Readonly<Record<string, string>> {
  return state.handledToolCalls
}

const usageBySteps = new WeakMap<object, Run.Usage | null>()

/**
 * Token usage of the run once it ended (the API sends it on terminal runs), else null. A server
 * that sends usage on steps only (or the other way round: Foundry may leave `usage` off its steps)
 * still gets a total: an ended run without usage reads the sum of its steps'.
 */
export function selectUsage(state: RunState): Run.Usage | null {
  if (hasResponses(state)) return selectResponsesUsage(state)
  const run = state.run
  if (!run) return null
  if (run.usage) return run.usage
  if (!isTerminalStatus(run.status)) return null
  if (usageBySteps.has(state.steps)) return usageBySteps.get(state.steps) ?? null
  let total: Run.Usage | null = null
  for (const id of state.stepIds) {
    const usage: unknown = state.steps[id]?.usage
    if (!isRecord(usage)) continue
    total ??= { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }
    total.prompt_tokens += tokens(usage.prompt_tokens)
    total.completion_tokens += tokens(usage.completion_tokens)
    total.total_tokens += tokens(usage.total_tokens)
  }
  usageBySteps.set(state.steps, total)
  return total
}

function tokens(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/**
 * Why the run ended early, once it is `incomplete`: `incomplete_details.reason` (a token limit, or a
 * content filter), or `'unspecified'` when the server gave none, which on Foundry means a safety
 * guardrail stopped it (the spec's meaning of the status). Null for any other run.
 */
export function selectIncompleteReason(state: RunState): string | null {
  const run = state.run
  if (run?.status !== 'incomplete') return null
  const details: unknown = run.incomplete_details
  const reason = isRecord(details) ? details.reason : undefined
  return typeof reason === 'string' && reason !== '' ? reason : 'unspecified'
}

/** One row of a timeline: a run step joined with the message it created or its tool calls. */
export interface TimelineItem {
  /** The step id, or the message id for a message no step names. */
  id: string
  step: RunStep | null
  /** The message a `message_creation` step created (or an orphan message), once seen. */
  message: Message | null
  /** The step's tool calls (empty for message steps), Foundry's types included. */
  toolCalls: AnyToolCall[]
  /**
   * Responses wire: the output item this row shows (any type, unknown ones included, as sent); then
   * `step` and `message` are null. Absent on Assistants rows.
   */
  item?: ResponseOutputItem
}

const itemsByStep = new WeakMap<RunStep, TimelineItem>()
const itemsByMessage = new WeakMap<Message, TimelineItem>()
const timelineByState = new WeakMap<object, TimelineItem[]>()

function itemForStep(step: RunStep, message: Message | null): TimelineItem {
  const cached = itemsByStep.get(step)
  if (cached && cached.message === message) return cached
  const item: TimelineItem = { id: step.id, step, message, toolCalls: selectStepToolCalls(step) }
  itemsByStep.set(step, item)
  return item
}

function itemForMessage(message: Message): TimelineItem {
  let item = itemsByMessage.get(message)
  if (!item) {
    item = { id: message.id, step: null, message, toolCalls: EMPTY }
    itemsByMessage.set(message, item)
  }
  return item
}

/**
 * The run's steps in order, each joined with its message or tool calls: what a timeline renders.
 * Messages no step names (user messages from a snapshot, a cut stream) come in creation order after
 * the steps that were seen before them. Unchanged rows keep their object, so a row component
 * re-renders only when its own step or message changed.
 */
export function selectTimeline(state: RunState): TimelineItem[] {
  if (hasResponses(state)) return selectResponsesTimeline(state)
  const key = timelineKey(state)
  const cached = timelineByState.get(key)
  if (cached) return cached
  const claimed = new Set<string>()
  const items: TimelineItem[] = []
  for (const stepId of state.stepIds) {
    const step = state.steps[stepId]!
    const details = step.step_details
    const messageId = details?.type === 'message_creation' ? details.message_creation?.message_id : undefined
    if (messageId) claimed.add(messageId)
  }
  // Walk both orders; an orphan message goes before the first step created after it.
  let m = 0
  const orphans = state.messageIds.filter((id) => !claimed.has(id))
  for (const stepId of state.stepIds) {
    const step = state.steps[stepId]!
    while (m < orphans.length && createdBefore(state.messages[orphans[m]!]!, step)) {
      items.push(itemForMessage(state.messages[orphans[m++]!]!))
    }
    const details = step.step_details
    const messageId = details?.type === 'message_creation' ? details.message_creation?.message_id : undefined
    items.push(itemForStep(step, (messageId && state.messages[messageId]) || null))
  }
  while (m < orphans.length) items.push(itemForMessage(state.messages[orphans[m++]!]!))
  const next = nonEmpty(items)
  timelineByState.set(key, next)
  return next
}

function createdBefore(message: Message, step: RunStep): boolean {
  return typeof message.created_at === 'number' && message.created_at < step.created_at
}

// The timeline depends on steps and messages only; key its cache on a pair of both records.
const timelineKeys = new WeakMap<object, WeakMap<object, object>>()
function timelineKey(state: RunState): object {
  let inner = timelineKeys.get(state.steps)
  if (!inner) {
    inner = new WeakMap()
    timelineKeys.set(state.steps, inner)
  }
  let key = inner.get(state.messages)
  if (!key) {
    key = {}
    inner.set(state.messages, key)
  }
  return key
}
