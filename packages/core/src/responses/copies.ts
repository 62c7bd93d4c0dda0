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

/**
 * A shallow copy of a response state (one of `state.responses`). `literal`: whether `rs` has exactly
 * {@link RESPONSE_STATE_KEYS}, for a caller that knows it already (as for every copy here).
 */
export function copyResponseState(
  rs: ResponseState,
  literal = hasKeys(rs, RESPONSE_STATE_KEYS),
): ResponseState {
  if (!literal) return { ...rs }
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

/** True when {@link copyItem} copies `item` key by key: a message or function call with exactly its keys. */
export function isLiteralItem(item: Json): boolean {
  return item.type === 'message'
    ? hasKeys(item, MESSAGE_ITEM_KEYS)
    : item.type === 'function_call' && hasKeys(item, FUNCTION_CALL_KEYS)
}

/** A shallow copy of an output item. */
export function copyItem(item: Json, literal = isLiteralItem(item)): Json {
  if (!literal) return { ...item }
  if (item.type === 'message') {
    return { id: item.id, type: item.type, status: item.status, content: item.content, role: item.role }
  }
  return {
    id: item.id,
    type: item.type,
    status: item.status,
    arguments: item.arguments,
    call_id: item.call_id,
    name: item.name,
  }
}

/** True when {@link copyPart} copies `part` key by key: an `output_text` part with exactly its keys. */
export function isLiteralPart(part: Json): boolean {
  return part.type === 'output_text' && hasKeys(part, OUTPUT_TEXT_KEYS)
}

/** A shallow copy of a content or summary part. */
export function copyPart(part: Json, literal = isLiteralPart(part)): Json {
  if (!literal) return { ...part }
  return { type: part.type, annotations: part.annotations, logprobs: part.logprobs, text: part.text }
}

/**
 * A copy of a list on a fragment's path: a message's parts or a turn's responses (one long, nearly
 * always), or a response's output. `slice()` is a builtin call that cost some 30 ns a copy even for one
 * element (Node 20), a literal a few. Only for one element, which is the fragment's own (so never a
 * hole: a longer output may have holes, which `slice` keeps).
 */
export function copyList<T>(list: readonly T[]): T[] {
  return list.length === 1 ? [list[0]!] : list.slice()
}
