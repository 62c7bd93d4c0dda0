// Copies for the objects on a Responses fragment's path, which the pure reducer makes for every delta
// and a run folder once per batch. As in batch.ts: in V8 (Node 20) a spread `{ ...value }` of a kept
// copy costs several times an object literal with the keys written out (measured: 90–170 ns against
// 12–25 ns for a 4-key part), so each copy writes the keys out for an object that has exactly those
// keys in that order (the order OpenAI sends them in, and what these copies make), checked by walking
// its keys; anything else is spread. Either way the copy equals the spread.
import { hasKeys } from '../batch.js'
import type { ResponseState } from './types.js'

type Json = Record<string, any>

/** A response state's keys, as the Responses fold makes every one (reduce.ts). */
export const RESPONSE_STATE_KEYS = [
  'response',
  'output',
  'outputText',
  'sequence',
  'partialImages',
  'errors',
  'textBuilder',
] as const

/** A shallow copy of a response state (one of `state.responses`). */
export function copyResponseState(rs: ResponseState): ResponseState {
  if (!hasKeys(rs, RESPONSE_STATE_KEYS)) return { ...rs }
  return {
    response: rs.response,
    output: rs.output,
    outputText: rs.outputText,
    sequence: rs.sequence,
    partialImages: rs.partialImages,
    errors: rs.errors,
    textBuilder: rs.textBuilder,
  }
}

/** A message item's keys as OpenAI sends them (`response.output_item.added`). */
export const MESSAGE_ITEM_KEYS = ['id', 'type', 'status', 'content', 'role'] as const
/** A function call item's keys as OpenAI sends them. */
export const FUNCTION_CALL_KEYS = ['id', 'type', 'status', 'arguments', 'call_id', 'name'] as const
/** An `output_text` part's keys as OpenAI sends them (`response.content_part.added`). */
export const OUTPUT_TEXT_KEYS = ['type', 'annotations', 'logprobs', 'text'] as const

/** A shallow copy of an output item. */
export function copyItem(item: Json): Json {
  if (item.type === 'message' && hasKeys(item, MESSAGE_ITEM_KEYS)) {
    return { id: item.id, type: item.type, status: item.status, content: item.content, role: item.role }
  }
  if (item.type === 'function_call' && hasKeys(item, FUNCTION_CALL_KEYS)) {
    return {
      id: item.id,
      type: item.type,
      status: item.status,
      arguments: item.arguments,
      call_id: item.call_id,
      name: item.name,
    }
  }
  return { ...item }
}

/** A shallow copy of a content or summary part. */
export function copyPart(part: Json): Json {
  if (part.type === 'output_text' && hasKeys(part, OUTPUT_TEXT_KEYS)) {
    return { type: part.type, annotations: part.annotations, logprobs: part.logprobs, text: part.text }
  }
  return { ...part }
}
