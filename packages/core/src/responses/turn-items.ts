// A past Responses turn from what its conversation kept: the items after the user's message. A
// conversation stores each response's input items, then its output items, in order; the input items
// of a turn's later responses (function outputs, approval decisions) mark where each one began.
import { isRecord } from '../merge.js'
import { TextBuilder } from '../text-builder.js'
import type { RunlineStateError, RunState } from '../types.js'
import type { Response, ResponseOutputItem, ResponseState } from './types.js'

const NONE: readonly never[] = Object.freeze([])
const NO_IMAGES: Readonly<Record<number, never>> = Object.freeze({})

/**
 * Item types a client sends as a response's input (OpenAI's `ResponseInputItem`), besides messages
 * that are not the assistant's. Everything else is output, unknown types included (kept, shown
 * generically), since a conversation holds only these two kinds.
 */
const INPUT_TYPES: ReadonlySet<string> = new Set([
  'function_call_output',
  'custom_tool_call_output',
  'computer_call_output',
  'local_shell_call_output',
  'shell_call_output',
  'apply_patch_call_output',
  'mcp_approval_response',
  'item_reference',
])

/** True for a conversation item the client sent (an input item), false for one a response wrote. */
export function isInputItem(item: Readonly<Record<string, unknown>>): boolean {
  if (item.type === 'message' || (item.type === undefined && 'role' in item)) return item.role !== 'assistant'
  return typeof item.type === 'string' && INPUT_TYPES.has(item.type)
}

/**
 * Folds `runline.items` (`{ items, threadId? }`): a turn's conversation items, oldest first, become
 * the state's responses, one per run of output items, each with the input items before it (a
 * response's `input`). Such a response has no id (`''`), nor usage, and is `completed`, or
 * `incomplete` when its last item is. The stream's phase is `done`. Entries that are not objects are
 * left out and reported in `state.error`; everything else is kept as sent.
 */
export function reduceTurnItems(state: RunState, data: unknown): RunState {
  if (!isRecord(data) || !Array.isArray(data.items)) {
    return refused(state, 'runline.items: data needs an items array')
  }
  const threadId = typeof data.threadId === 'string' ? data.threadId : state.threadId
  const responses: ResponseState[] = []
  let input: Record<string, unknown>[] = []
  let output: Record<string, unknown>[] = []
  const close = () => {
    if (input.length === 0 && output.length === 0) return
    responses.push(responseOf(input, output, threadId))
    input = []
    output = []
  }
  let skipped = 0
  for (const item of data.items as unknown[]) {
    if (!isRecord(item)) {
      skipped++
      continue
    }
    if (!isInputItem(item)) {
      output.push(item)
      continue
    }
    // An input item after output begins the turn's next response.
    if (output.length > 0) close()
    input.push(item)
  }
  close()
  const next: RunState = { ...state, threadId, responses, phase: 'done' }
  if (skipped === 0) return next
  const error: RunlineStateError = {
    code: 'invalid_event',
    message: `runline.items: left out ${skipped} ${skipped === 1 ? 'entry' : 'entries'} that are not objects`,
    source: 'input',
  }
  return { ...next, error }
}

function responseOf(
  input: readonly Record<string, unknown>[],
  output: readonly Record<string, unknown>[],
  threadId: string | null,
): ResponseState {
  const last = output[output.length - 1]
  const response = {
    id: '',
    object: 'response',
    status: last?.status === 'incomplete' ? 'incomplete' : 'completed',
    output: NONE,
    ...(threadId ? { conversation: { id: threadId } } : {}),
  } as unknown as Response
  return {
    response,
    output: output as unknown as ResponseOutputItem[],
    outputText: null,
    sequence: -1,
    partialImages: NO_IMAGES,
    errors: NONE,
    textBuilder: new TextBuilder(),
    input,
  }
}

function refused(state: RunState, message: string): RunState {
  return { ...state, error: { code: 'invalid_event', message, source: 'input' } }
}
