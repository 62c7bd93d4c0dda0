// Item-scoped Responses events: each one rewrites the item at its `output_index` (copy on write, so
// a text or argument fragment costs a string append and a few shallow copies, never the prefix).
import { type Batch, writable } from '../batch.js'
import { DeltaError, isRecord, MAX_ARRAY_GROWTH } from '../merge.js'
import { copyItem, copyPart } from './copies.js'

type Json = Record<string, any>

/** The run folder's batch: objects it owns are written in place, anything else is copied first (null: always). */
export type Copy = Batch | null

/** What {@link foldItemEvent} gives for an event that does not apply to the item's type (openai-node ignores it). */
export const SKIP: unique symbol = Symbol('skip')

/**
 * `value` (an item, or an object in one) with `key` set: written into a copy (or into `value` itself
 * when the batch owns it). Copied by `copyItem`: a spread for anything but the items it knows.
 */
function set(copy: Copy, value: Json, key: string, to: unknown): Json {
  const next = writable(copy, value, copyItem)
  next[key] = to
  return next
}

/**
 * Thrown for input the reducer refuses; becomes an error in state (`source: 'input'`). A `DeltaError`,
 * so the reducer catches it without importing the Responses fold (see responses-parts.ts).
 */
export class ResponseInputError extends DeltaError {}

/** A safe array index: an integer from 0 up to `length + MAX_ARRAY_GROWTH` (`grow`) or below `length`. */
export function checkIndex(index: unknown, length: number, what: string, grow: boolean): number {
  if (
    typeof index !== 'number' ||
    !Number.isSafeInteger(index) ||
    index < 0 ||
    index >= (grow ? length + MAX_ARRAY_GROWTH : length)
  ) {
    throw new ResponseInputError(`${what} index ${String(index)} is out of range`, 'invalid_index')
  }
  return index
}

/** `list` with `value` at `index` (bounded growth; gaps stay holes), copied unless the batch owns it. */
export function placed<T>(
  list: readonly T[] | undefined,
  index: unknown,
  value: T,
  what: string,
  copy: Copy = null,
): T[] {
  const source = Array.isArray(list) ? list : []
  const at = checkIndex(index, source.length, what, true)
  const next = writable(copy, source as T[])
  next[at] = value
  return next
}

/** The entry at `index` of `list` when it is an object, with a writer for its replacement. */
function entryAt(list: unknown, index: unknown, what: string): Json {
  if (!Array.isArray(list)) throw new ResponseInputError(`no ${what} list`, 'unknown_content')
  const at = checkIndex(index, list.length, what, false)
  const entry = list[at]
  if (!isRecord(entry)) throw new ResponseInputError(`no ${what} at index ${at}`, 'unknown_content')
  return entry
}

function withEntry(copy: Copy, list: readonly unknown[], index: number, value: unknown): unknown[] {
  const next = writable(copy, list as unknown[])
  next[index] = value
  return next
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/** Streamed logprobs that fit a final output's type (openai-node keeps only those). */
function isOutputLogprobs(value: unknown): value is Json[] {
  const ok = (entry: unknown): boolean =>
    isRecord(entry) &&
    typeof entry.token === 'string' &&
    typeof entry.logprob === 'number' &&
    Array.isArray(entry.bytes) &&
    entry.bytes.every((byte: unknown) => typeof byte === 'number')
  return (
    Array.isArray(value) &&
    value.every((entry) => ok(entry) && Array.isArray(entry.top_logprobs) && entry.top_logprobs.every(ok))
  )
}

/** The logprobs openai-node keeps on the part (`next`, already writable), from a text event's. */
function foldLogprobs(next: Json, logprobs: unknown, done: boolean): void {
  if (logprobs === undefined || (Array.isArray(logprobs) && logprobs.length === 0 && !done)) return
  if (!isOutputLogprobs(logprobs)) return
  const had = Array.isArray(next.logprobs) ? (next.logprobs as Json[]) : null
  if (done) {
    if (logprobs.length > 0 || (had && had.length > 0)) next.logprobs = logprobs
  } else next.logprobs = had ? had.concat(logprobs) : logprobs
}

/** Rewrites a content part of a message or reasoning item (`key` is `content` or `summary`). */
function rewritePart(
  copy: Copy,
  item: Json,
  key: 'content' | 'summary',
  index: unknown,
  partType: string | null,
  write: (part: Json) => void,
): Json {
  const list = item[key]
  const part = entryAt(list, index, key)
  if (partType !== null && part.type !== partType) {
    throw new ResponseInputError(`expected a ${partType} part, got ${String(part.type)}`, 'unknown_content')
  }
  const next = writable(copy, part, copyPart)
  write(next)
  return set(copy, item, key, withEntry(copy, list, index as number, next))
}

// Status events: the item type they apply to and the status they set.
const STATUS_EVENTS: Readonly<Record<string, readonly [string, string]>> = {
  'response.code_interpreter_call.in_progress': ['code_interpreter_call', 'in_progress'],
  'response.code_interpreter_call.interpreting': ['code_interpreter_call', 'interpreting'],
  'response.code_interpreter_call.completed': ['code_interpreter_call', 'completed'],
  'response.file_search_call.in_progress': ['file_search_call', 'in_progress'],
  'response.file_search_call.searching': ['file_search_call', 'searching'],
  'response.file_search_call.completed': ['file_search_call', 'completed'],
  'response.web_search_call.in_progress': ['web_search_call', 'in_progress'],
  'response.web_search_call.searching': ['web_search_call', 'searching'],
  'response.web_search_call.completed': ['web_search_call', 'completed'],
  'response.image_generation_call.in_progress': ['image_generation_call', 'in_progress'],
  'response.image_generation_call.generating': ['image_generation_call', 'generating'],
  'response.image_generation_call.completed': ['image_generation_call', 'completed'],
  'response.mcp_call.in_progress': ['mcp_call', 'in_progress'],
  'response.mcp_call.completed': ['mcp_call', 'completed'],
  'response.mcp_call.failed': ['mcp_call', 'failed'],
}

// Fragment events that append to (delta) or set (done) one string field of one item type.
const FIELD_EVENTS: Readonly<Record<string, readonly [string, string, 'delta' | 'done', string]>> = {
  'response.function_call_arguments.delta': ['function_call', 'arguments', 'delta', 'delta'],
  'response.function_call_arguments.done': ['function_call', 'arguments', 'done', 'arguments'],
  'response.custom_tool_call_input.delta': ['custom_tool_call', 'input', 'delta', 'delta'],
  'response.custom_tool_call_input.done': ['custom_tool_call', 'input', 'done', 'input'],
  'response.mcp_call_arguments.delta': ['mcp_call', 'arguments', 'delta', 'delta'],
  'response.mcp_call_arguments.done': ['mcp_call', 'arguments', 'done', 'arguments'],
  'response.code_interpreter_call_code.delta': ['code_interpreter_call', 'code', 'delta', 'delta'],
  'response.code_interpreter_call_code.done': ['code_interpreter_call', 'code', 'done', 'code'],
}

/** Events that change the text `output_text` is made of. */
export const TEXT_EVENTS: ReadonlySet<string> = new Set([
  'response.content_part.added',
  'response.content_part.done',
  'response.output_text.delta',
  'response.output_text.done',
])

/**
 * The item after an item-scoped event (written into a copy, or into `item` itself when the batch owns
 * it), {@link SKIP} when the event does not apply to the item's type (openai-node ignores it), or
 * `undefined` when the event is not item-scoped. Throws {@link ResponseInputError} for a part or index
 * that is not there.
 */
export function foldItemEvent(item: Json, type: string, e: Json, copy: Copy): Json | typeof SKIP | undefined {
  // Text deltas first: most of a stream.
  if (type === 'response.output_text.delta' || type === 'response.output_text.done') {
    if (item.type !== 'message') return SKIP
    const done = type === 'response.output_text.done'
    return rewritePart(copy, item, 'content', e.content_index, 'output_text', (part) => {
      foldLogprobs(part, e.logprobs, done)
      part.text = done ? e.text : str(part.text) + str(e.delta)
    })
  }
  const field = FIELD_EVENTS[type]
  if (field !== undefined) {
    const [itemType, key, kind, source] = field
    if (item.type !== itemType) return SKIP
    return set(copy, item, key, kind === 'delta' ? str(item[key]) + str(e[source]) : e[source])
  }
  const status = STATUS_EVENTS[type]
  if (status !== undefined) return item.type === status[0] ? set(copy, item, 'status', status[1]) : SKIP
  switch (type) {
    case 'response.output_text.annotation.added': {
      if (item.type !== 'message') return SKIP
      return rewritePart(copy, item, 'content', e.content_index, 'output_text', (part) => {
        part.annotations = placed(part.annotations, e.annotation_index, e.annotation, 'annotation')
      })
    }
    case 'response.refusal.delta':
    case 'response.refusal.done': {
      if (item.type !== 'message') return SKIP
      const done = type === 'response.refusal.done'
      return rewritePart(copy, item, 'content', e.content_index, 'refusal', (part) => {
        part.refusal = done ? e.refusal : str(part.refusal) + str(e.delta)
      })
    }
    case 'response.content_part.added':
    case 'response.content_part.done': {
      const part = e.part
      if (!isRecord(part))
        throw new ResponseInputError('a content part that is not an object', 'invalid_event')
      const reasoning = part.type === 'reasoning_text'
      if (reasoning ? item.type !== 'reasoning' : item.type !== 'message') return SKIP
      if (type === 'response.content_part.done') entryAt(item.content, e.content_index, 'content')
      return set(copy, item, 'content', placed(item.content, e.content_index, part, 'content', copy))
    }
    case 'response.reasoning_text.delta':
    case 'response.reasoning_text.done': {
      if (item.type !== 'reasoning') return SKIP
      const done = type === 'response.reasoning_text.done'
      return rewritePart(copy, item, 'content', e.content_index, 'reasoning_text', (part) => {
        part.text = done ? e.text : str(part.text) + str(e.delta)
      })
    }
    case 'response.reasoning_summary_part.added':
    case 'response.reasoning_summary_part.done': {
      if (item.type !== 'reasoning') return SKIP
      if (!isRecord(e.part))
        throw new ResponseInputError('a summary part that is not an object', 'invalid_event')
      if (type === 'response.reasoning_summary_part.done') entryAt(item.summary, e.summary_index, 'summary')
      return set(copy, item, 'summary', placed(item.summary, e.summary_index, e.part, 'summary', copy))
    }
    case 'response.reasoning_summary_text.delta':
    case 'response.reasoning_summary_text.done': {
      if (item.type !== 'reasoning') return SKIP
      const done = type === 'response.reasoning_summary_text.done'
      return rewritePart(copy, item, 'summary', e.summary_index, null, (part) => {
        part.text = done ? e.text : str(part.text) + str(e.delta)
      })
    }
    case 'response.shell_call_command.added':
    case 'response.shell_call_command.delta':
    case 'response.shell_call_command.done': {
      if (item.type !== 'shell_call' || !isRecord(item.action)) return SKIP
      const commands: unknown[] = Array.isArray(item.action.commands) ? item.action.commands : []
      const value =
        type === 'response.shell_call_command.delta'
          ? str(commands[checkIndex(e.command_index, commands.length, 'command', false)]) + str(e.delta)
          : e.command
      const action = set(
        copy,
        item.action,
        'commands',
        placed(commands, e.command_index, value, 'command', copy),
      )
      return set(copy, item, 'action', action)
    }
    case 'response.shell_call_output_content.delta':
    case 'response.shell_call_output_content.done': {
      if (item.type !== 'shell_call_output') return SKIP
      const list: unknown[] = Array.isArray(item.output) ? item.output : []
      const at = checkIndex(e.command_index, list.length, 'command', true)
      let entry: Json = isRecord(list[at])
        ? (list[at] as Json)
        : { stdout: '', stderr: '', outcome: { type: 'exit', exit_code: 0 } }
      if (type === 'response.shell_call_output_content.done') {
        if (Array.isArray(e.output) && isRecord(e.output[0])) entry = e.output[0]
      } else if (isRecord(e.delta)) {
        entry = {
          ...entry,
          stdout: str(entry.stdout) + str(e.delta.stdout),
          stderr: str(entry.stderr) + str(e.delta.stderr),
        }
      }
      return set(copy, item, 'output', placed(list, at, entry, 'command', copy))
    }
    default:
      return undefined
  }
}
