// The Responses wire's output items in the Assistants vocabulary, for the callbacks an app wrote for
// that wire (`onMessageCreated`, `onToolCallDelta`, `onRunStepDone`, …): a `message` item is a message,
// a tool-call item (`function_call`, `mcp_call`, `code_interpreter_call`, `web_search_call`,
// `file_search_call`, any other `*_call`) is one tool call in a step of its own. Built per callback
// from the item the fold holds (never stored: the run state stays the one truth), like
// `selectResponsesRun` is the turn as a `Run`.
import type { MessageDelta } from 'openai/resources/beta/threads/messages'
import type { ToolCallDelta } from 'openai/resources/beta/threads/runs/steps'
import { isRecord } from '../merge.js'
import type { Message, RunStep, Text, ToolCall } from '../types.js'

type Json = Record<string, any>

/** Where an item belongs: its response (the run), the conversation (the thread), the model. */
export interface ItemPlace {
  runId: string
  threadId: string
  createdAt: number
  model: string
}

/** True for a `message` output item. */
export function isMessageItem(item: unknown): item is Json {
  return isRecord(item) && item.type === 'message' && typeof item.id === 'string'
}

/** True for an output item that is a tool call: a `*_call` type (its output items are not). */
export function isToolCallItem(item: unknown): item is Json {
  return isRecord(item) && typeof item.type === 'string' && item.type.endsWith('_call')
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/** A content part of a message item as an Assistants content part (text, refusal; others as sent). */
function partOf(part: unknown): Message['content'][number] {
  if (isRecord(part) && part.type === 'output_text') {
    // The Responses annotations as sent (`url_citation`, `file_citation` with their own fields).
    const annotations = (Array.isArray(part.annotations) ? part.annotations : []) as Text['annotations']
    return { type: 'text', text: { value: str(part.text), annotations } }
  }
  if (isRecord(part) && part.type === 'refusal') return { type: 'refusal', refusal: str(part.refusal) }
  return part as Message['content'][number]
}

/**
 * A message item as a `Message`: its id, role and status; `output_text` parts as text parts whose
 * `annotations` are the Responses ones as sent, refusals as refusal parts.
 */
export function messageOf(item: Json, place: ItemPlace): Message {
  const status = item.status === 'completed' || item.status === 'incomplete' ? item.status : 'in_progress'
  return {
    id: item.id,
    object: 'thread.message',
    created_at: place.createdAt,
    assistant_id: null,
    thread_id: place.threadId,
    run_id: place.runId,
    status,
    incomplete_details: null,
    incomplete_at: null,
    completed_at: null,
    role: item.role === 'user' ? 'user' : 'assistant',
    content: Array.isArray(item.content) ? item.content.map(partOf) : [],
    attachments: null,
    metadata: null,
  }
}

/**
 * A tool-call item as a `ToolCall`: `function_call` → `function` (its id is the `call_id` outputs
 * answer), `code_interpreter_call` → `code_interpreter`, `file_search_call` → `file_search`,
 * `mcp_call` → Foundry's `mcp`. Any other type is the item as sent (kept whole, typed by its `type`).
 */
export function toolCallOf(item: Json): ToolCall {
  switch (item.type) {
    case 'function_call':
      return {
        id: str(item.call_id) || str(item.id),
        type: 'function',
        function: { name: str(item.name), arguments: str(item.arguments), output: null },
      }
    case 'code_interpreter_call':
      return {
        id: str(item.id),
        type: 'code_interpreter',
        code_interpreter: { input: str(item.code), outputs: Array.isArray(item.outputs) ? item.outputs : [] },
      }
    case 'file_search_call':
      return {
        id: str(item.id),
        type: 'file_search',
        file_search: Array.isArray(item.results)
          ? { results: item.results.filter(isRecord).map(searchResultOf) }
          : {},
      }
    case 'mcp_call':
      return {
        id: str(item.id),
        type: 'mcp',
        name: str(item.name),
        arguments: str(item.arguments),
        output: str(item.output),
        server_label: str(item.server_label),
      } as unknown as ToolCall
    default:
      return item as ToolCall
  }
}

function searchResultOf(result: Json) {
  return {
    file_id: str(result.file_id),
    file_name: str(result.filename),
    score: typeof result.score === 'number' ? result.score : 0,
    ...(typeof result.text === 'string' ? { content: [{ type: 'text' as const, text: result.text }] } : {}),
  }
}

/**
 * A fragment of a tool-call item (its arguments, code or input) as a `ToolCallDelta` of the step's
 * only call (`index` 0), in the same shape {@link toolCallOf} gives the call.
 */
export function toolCallDeltaOf(item: Json, delta: string): ToolCallDelta {
  const id = str(item.id)
  switch (item.type) {
    case 'function_call':
      return { index: 0, type: 'function', id: str(item.call_id) || id, function: { arguments: delta } }
    case 'code_interpreter_call':
      return { index: 0, type: 'code_interpreter', id, code_interpreter: { input: delta } }
    case 'mcp_call':
      return { index: 0, type: 'mcp', id, arguments: delta } as unknown as ToolCallDelta
    default:
      return { index: 0, type: item.type, id, delta } as unknown as ToolCallDelta
  }
}

/** A fragment of a message item's part at `index` as a `MessageDelta` (text or refusal), else null. */
export function messageDeltaOf(item: Json, index: number, delta: string): MessageDelta | null {
  const part: unknown = Array.isArray(item.content) ? item.content[index] : undefined
  if (!isRecord(part)) return null
  if (part.type === 'output_text') return { content: [{ index, type: 'text', text: { value: delta } }] }
  if (part.type === 'refusal') return { content: [{ index, type: 'refusal', refusal: delta }] }
  return null
}

/**
 * A message or tool-call item as the `RunStep` that holds it: `message_creation` naming the message,
 * or `tool_calls` with the one call. `done` (its `response.output_item.done`, or its response ended):
 * `completed`, or `failed` for a failed or incomplete item; before that `in_progress`.
 */
export function stepOf(item: Json, place: ItemPlace, done: boolean): RunStep {
  const failed = item.status === 'failed' || item.status === 'incomplete'
  const message = item.type === 'message'
  return {
    id: str(item.id),
    object: 'thread.run.step',
    created_at: place.createdAt,
    assistant_id: place.model,
    thread_id: place.threadId,
    run_id: place.runId,
    type: message ? 'message_creation' : 'tool_calls',
    status: done ? (failed ? 'failed' : 'completed') : 'in_progress',
    step_details: message
      ? { type: 'message_creation', message_creation: { message_id: str(item.id) } }
      : { type: 'tool_calls', tool_calls: [toolCallOf(item)] },
    last_error: null,
    expired_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    metadata: null,
    usage: null,
  }
}
