// The fast path for most of a Responses stream: a fragment delta (`response.output_text.delta`, a
// function call's argument delta, a reasoning summary delta, ...) that appends to one string of one
// item. Gives what the general fold (reduce.ts, items.ts) gives, without its generic walk; `undefined`
// for anything else (a sequence gap, logprobs, an index or part that is not there...), which then
// takes the general fold and its errors.
import {
  appendPending,
  type Batch,
  copyState,
  hasKeys,
  keepTail,
  owned,
  STATE_KEYS,
  settle,
  type TextPath,
  type Writable,
} from '../batch.js'
import { isRecord } from '../merge.js'
import { builderFor, LITERAL, TextBuilder } from '../text-builder.js'
import type { RunState } from '../types.js'
import {
  copyItem,
  copyList,
  copyPart,
  copyResponseState,
  isLiteralItem,
  isLiteralPart,
  RESPONSE_STATE_KEYS,
} from './copies.js'
import type { ResponseState } from './types.js'

type Json = Record<string, any>

/** Where a fragment event's text lives in its item: in a part of `list` (at the event's `index`), or in the item. */
interface Target {
  readonly itemType: string
  readonly list: 'content' | 'summary' | null
  readonly index: 'content_index' | 'summary_index' | null
  /** The part type the general fold requires (it refuses another), or null for any. */
  readonly partType: string | null
  readonly key: string
}

const part = (
  itemType: string,
  list: 'content' | 'summary',
  partType: string | null,
  key: string,
): Target => ({
  itemType,
  list,
  index: list === 'content' ? 'content_index' : 'summary_index',
  partType,
  key,
})
const field = (itemType: string, key: string): Target => ({
  itemType,
  list: null,
  index: null,
  partType: null,
  key,
})

const OUTPUT_TEXT = part('message', 'content', 'output_text', 'text')

// The fragment deltas whose fold is `text += delta` (items.ts folds the same, one by one).
const TARGETS: ReadonlyMap<string, Target> = new Map([
  ['response.output_text.delta', OUTPUT_TEXT],
  ['response.refusal.delta', part('message', 'content', 'refusal', 'refusal')],
  ['response.reasoning_text.delta', part('reasoning', 'content', 'reasoning_text', 'text')],
  ['response.reasoning_summary_text.delta', part('reasoning', 'summary', null, 'text')],
  ['response.function_call_arguments.delta', field('function_call', 'arguments')],
  ['response.custom_tool_call_input.delta', field('custom_tool_call', 'input')],
  ['response.mcp_call_arguments.delta', field('mcp_call', 'arguments')],
  ['response.code_interpreter_call_code.delta', field('code_interpreter_call', 'code')],
])

/** A valid index below `length` (what the general fold's `checkIndex` accepts), else -1. */
function below(index: unknown, length: number): number {
  return typeof index === 'number' && index >>> 0 === index && index < length ? index : -1
}

/**
 * The state after the fragment event `name` (`data` its event), or `undefined` when it is not the
 * simple case: then the caller settles the batch and takes the general fold. In a batch, consecutive
 * fragments of one text wait as the batch's text path (see `TextPath`): each costs an array push and
 * the response's sequence number, where a copy of the path and a rope node per delta made long
 * streams spend a fifth of their time in the GC. Without a batch (the pure `reduceRun`), every object
 * on the path is copied once, by copies that know its shape.
 */
export function appendFragment(
  state: RunState,
  name: string,
  data: Json,
  batch: Batch | null,
): RunState | undefined {
  // Every response event comes here first. Only a name ending in `.delta` is looked up: the Map hashes
  // the name, a fresh slice of the network chunk for all but the text delta (see `knownName`), which
  // cost each lifecycle event some 50-100 ns for nothing.
  const target =
    name === 'response.output_text.delta'
      ? OUTPUT_TEXT
      : name.charCodeAt(name.length - 1) === 97 /* a */ && name.charCodeAt(name.length - 6) === 46 /* . */
        ? TARGETS.get(name)
        : undefined
  if (target === undefined || data.response !== undefined) return undefined
  const responses = state.responses
  const last = responses !== undefined && responses.length > 0 ? responses[responses.length - 1]! : undefined
  const seq = data.sequence_number
  // Only the next event in sequence (an old one changes nothing, a gap is an error: the general fold's).
  if (last === undefined || seq !== last.sequence + 1 || typeof seq !== 'number') return undefined
  if (state.phase !== 'open' && state.phase !== 'errored') return undefined
  // Logprobs take the general fold (it keeps them on the part); an empty list (what OpenAI sends) adds none.
  if (target === OUTPUT_TEXT) {
    const logprobs: unknown = data.logprobs
    if (logprobs !== undefined && !(Array.isArray(logprobs) && logprobs.length === 0)) return undefined
  }
  const delta = typeof data.delta === 'string' ? data.delta : ''
  const hot = batch?.hot
  // The same text as the batch's last append: an array push and the sequence number. While a path is
  // live no other event has run since it began (any other settles it, which ends it), so what it
  // leads to is as it left it: the same response state, indexes and event name mean the same text.
  if (
    hot != null &&
    hot.root === last &&
    hot.event === name &&
    hot.index === data.output_index &&
    (target.index === null || hot.sub === data[target.index])
  ) {
    ;(last as { sequence: number }).sequence = seq
    appendPending(batch!, hot, delta)
    return state
  }
  const at = below(data.output_index, last.output.length)
  if (at < 0) return undefined
  const item = last.output[at] as Json | undefined
  if (!isRecord(item) || item.type !== target.itemType) return undefined
  let list: unknown[] | null = null
  let index = -1
  let holder: Json = item
  if (target.list !== null) {
    const parts: unknown = item[target.list]
    if (!Array.isArray(parts)) return undefined
    index = below(data[target.index!], parts.length)
    const found: unknown = index < 0 ? undefined : parts[index]
    if (!isRecord(found) || (target.partType !== null && found.type !== target.partType)) return undefined
    list = parts
    holder = found
  }
  if (batch !== null) settle(batch)
  const text = holder[target.key]
  const prefix = typeof text === 'string' ? text : ''
  // Each copy called directly (see `owned` in batch.ts) where nothing on the path can be the batch's:
  // in the pure path, and in a batch that owns nothing yet (a store committing after every network
  // chunk begins a batch per chunk, and its first event is most often this one); else `owned` asks.
  const direct = batch === null || batch.owned.size === 0
  // Which objects are copied key by key (see copies.ts). The pure path's next fragment of the text it
  // appended to last, from the state that append returned, finds the objects as that append made them
  // (see `AppendMemo`), and copies them the same way without walking their keys again (those walks
  // measured some 4% of parsing and folding the real recordings). Reducing from an older state, or a
  // second time from the same one, finds another state in the memo, and asks.
  const memo = batch === null ? sameAppend(last, state, name, at, index) : null
  const literal =
    memo !== null ? memo.literal : direct ? literalBits(state, last, item, list === null ? null : holder) : 0
  const copyHolder = list === null ? copyItem : copyPart
  const nextHolder = direct
    ? copyHolder(holder, (literal & LITERAL.holder) !== 0)
    : owned(batch, holder, copyHolder)
  let nextItem = nextHolder
  let nextList: unknown[] | null = null
  if (list !== null) {
    nextList = direct ? copyList(list) : owned(batch!, list)
    nextList[index] = nextHolder
    nextItem = direct ? copyItem(item, (literal & LITERAL.item) !== 0) : owned(batch!, item, copyItem)
    nextItem[target.list!] = nextList
  }
  const output = direct ? copyList(last.output as unknown[]) : owned(batch!, last.output as unknown[])
  output[at] = nextItem
  const rs: Writable<ResponseState> = direct
    ? copyResponseState(last, (literal & LITERAL.response) !== 0)
    : owned(batch!, last, copyResponseState)
  rs.output = output as ResponseState['output']
  rs.sequence = seq
  // `output_text` is the message parts' text again (a lifecycle event's own copy of it is old now).
  if (target === OUTPUT_TEXT) rs.outputText = null
  const nextResponses = direct ? copyList(responses!) : owned(batch!, responses as ResponseState[])
  nextResponses[nextResponses.length - 1] = rs
  const next = direct ? copyState(state, (literal & LITERAL.state) !== 0) : owned(batch!, state, copyState)
  next.responses = nextResponses
  if (batch === null) {
    // `prefix + delta`, by a builder that joins the fragments every so often (see text-builder.ts).
    const builder = builderFor(last.textBuilder, prefix)
    nextHolder[target.key] = builder.append(delta)
    rs.textBuilder = builder
    if (memo !== null) memo.state = next
    else builder.lastAppend = { state: next, name, at, sub: index, literal }
    return next
  }
  if (direct) {
    // The copies are the batch's from now on (`owned` would have said so for each).
    const mine = batch.owned
    mine.add(next)
    mine.add(nextResponses)
    mine.add(rs)
    mine.add(output)
    if (nextList !== null) {
      mine.add(nextItem)
      mine.add(nextList)
    }
    mine.add(nextHolder)
  }
  // In a batch even the first fragment waits: the text gets one rope node per batch, not two.
  nextHolder[target.key] = prefix
  keepTail(batch, holder, nextHolder)
  const path: TextPath = {
    event: name,
    root: rs,
    index: at,
    sub: index,
    holder: nextHolder,
    key: target.key,
    pending: delta === '' ? [] : [delta],
  }
  batch.hot = path
  return next
}

/** The {@link LITERAL} bits of the objects on a fragment's path (`part` null when the item holds the text). */
function literalBits(state: RunState, rs: ResponseState, item: Json, part: Json | null): number {
  const itemBit = isLiteralItem(item) ? LITERAL.item : 0
  const holderBit =
    part === null ? (itemBit === 0 ? 0 : LITERAL.holder) : isLiteralPart(part) ? LITERAL.holder : 0
  return (
    (hasKeys(state, STATE_KEYS) ? LITERAL.state : 0) |
    (hasKeys(rs, RESPONSE_STATE_KEYS) ? LITERAL.response : 0) |
    itemBit |
    holderBit
  )
}

/** The memo of the pure append that returned `state`, when it appended to the same text (`name`, `at`, `sub`). */
function sameAppend(last: ResponseState, state: RunState, name: string, at: number, sub: number) {
  const builder = last.textBuilder
  const memo = builder instanceof TextBuilder ? builder.lastAppend : null
  return memo !== null && memo.state === state && memo.name === name && memo.at === at && memo.sub === sub
    ? memo
    : null
}
