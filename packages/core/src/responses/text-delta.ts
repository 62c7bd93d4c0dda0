// Most of a Responses stream is `response.output_text.delta` events, and on them parsing the whole
// object is most of the parse cost. OpenAI sends exactly these bytes (`obfuscation` optional):
//   {"type":"response.output_text.delta","sequence_number":N,"item_id":"…","output_index":N,
//    "content_index":N,"delta":"…","logprobs":[],"obfuscation":"…"}
// A delta in that template is read without parsing the whole object (only a `delta` with escapes goes
// through JSON.parse, alone); anything else (another key order, an escaped id, logprobs) gives
// `undefined` and the caller parses it whole.
import { startsAt, type TextDeltaMemo } from '../text-delta.js'

const HEAD = '{"type":"response.output_text.delta","sequence_number":'
const ITEM = ',"item_id":"'
const OUTPUT = '","output_index":'
const CONTENT = ',"content_index":'
const DELTA = ',"delta":"'
const LOGPROBS = '","logprobs":[]'
const OBFUSCATION = ',"obfuscation":"'

/** A V8 slice shorter than this is a copy; a longer one would keep the network chunk alive. */
const SHORT = 13

/** A JSON non-negative integer at `at` up to `end`, or -1. */
export function integer(data: string, at: number, end: number): number {
  if (end <= at || end - at > 15) return -1
  if (data.charCodeAt(at) === 48 /* 0 */ && end - at > 1) return -1
  let n = 0
  for (let i = at; i < end; i++) {
    const c = data.charCodeAt(i) - 48
    if (c < 0 || c > 9) return -1
    n = n * 10 + c
  }
  return n
}

/**
 * The string from `at` to `end` (between two quotes of `data`) when it has no escape, no quote and no
 * raw control character (which JSON.parse refuses), else `undefined`. A short one is a slice (its own
 * characters); a long one goes through JSON.parse, quotes and all, straight from `data` (one copy, not
 * a slice that would keep the network chunk alive, nor a new quoted string to parse).
 */
export function plain(data: string, at: number, end: number): string | undefined {
  if (end - at < SHORT) {
    for (let i = at; i < end; i++) {
      const code = data.charCodeAt(i)
      // A raw quote too: only `delta`'s end is found by what follows it, so one may lie within.
      if (code < 0x20 || code === 0x22 /* " */ || code === 0x5c /* \ */) return undefined
    }
    return data.slice(at, end)
  }
  const slash = data.indexOf('\\', at)
  if (slash !== -1 && slash < end) return undefined
  return quoted(data, at, end)
}

/**
 * The JSON string whose quotes are at `at - 1` and `end`, escapes and all, or `undefined` when those
 * characters are not exactly one JSON string: the quote at `end` is escaped, an unescaped quote ends it
 * sooner, a raw control character. JSON.parse of the slice judges all of that, so a delta with a `\n`
 * or a `\"` (a fifth of a long text's deltas) is read here too instead of parsing its whole event.
 */
export function quoted(data: string, at: number, end: number): string | undefined {
  try {
    return JSON.parse(data.slice(at - 1, end + 1)) as string
  } catch {
    return undefined
  }
}

/**
 * The object JSON.parse gives for a text delta in the template above (same keys, same order), or
 * `undefined` when `data` is not exactly that template. With a `memo`, an `item_id` with the same
 * bytes as the previous delta's is reused instead of read again.
 */
export function readResponsesTextDelta(
  data: string,
  memo?: TextDeltaMemo,
): Record<string, unknown> | undefined {
  if (!startsAt(data, HEAD, 0)) return undefined
  const seqEnd = data.indexOf(',', HEAD.length)
  const sequence = integer(data, HEAD.length, seqEnd)
  if (sequence < 0 || data.indexOf(ITEM, seqEnd) !== seqEnd) return undefined
  const itemAt = seqEnd + ITEM.length
  const itemEnd = data.indexOf('"', itemAt)
  if (itemEnd === -1 || data.indexOf(OUTPUT, itemEnd) !== itemEnd) return undefined
  const outputAt = itemEnd + OUTPUT.length
  const outputEnd = data.indexOf(',', outputAt)
  const output = integer(data, outputAt, outputEnd)
  if (output < 0 || data.indexOf(CONTENT, outputEnd) !== outputEnd) return undefined
  const contentAt = outputEnd + CONTENT.length
  const contentEnd = data.indexOf(',', contentAt)
  const content = integer(data, contentAt, contentEnd)
  if (content < 0 || data.indexOf(DELTA, contentEnd) !== contentEnd) return undefined
  const deltaAt = contentEnd + DELTA.length
  const deltaEnd = data.indexOf(LOGPROBS, deltaAt)
  if (deltaEnd === -1) return undefined
  // Consecutive deltas name the same item: reuse its id (an id is long enough that reading it is a
  // JSON.parse of its own, and a new copy of it per event is garbage for the GC). Only an id read
  // without escapes is remembered, so equal bytes (it has no quote) mean an equal id.
  const lastId = memo?.lastId
  const itemId =
    lastId !== undefined && lastId.length === itemEnd - itemAt && data.indexOf(lastId, itemAt) === itemAt
      ? lastId
      : plain(data, itemAt, itemEnd)
  // The delta may hold escapes: the first `","logprobs":[]` after it ends it when it is one JSON string
  // (`quoted` checks); an id may not (the memo compares its bytes).
  const delta = plain(data, deltaAt, deltaEnd) ?? quoted(data, deltaAt, deltaEnd)
  if (itemId === undefined || delta === undefined) return undefined
  let at = deltaEnd + LOGPROBS.length
  let obfuscation: string | undefined
  if (data.indexOf(OBFUSCATION, at) === at) {
    const from = at + OBFUSCATION.length
    const to = data.indexOf('"', from)
    if (to === -1) return undefined
    obfuscation = plain(data, from, to)
    if (obfuscation === undefined) return undefined
    at = to + 1
  }
  if (at !== data.length - 1 || data.charCodeAt(at) !== 125 /* } */) return undefined
  if (memo !== undefined) memo.lastId = itemId
  const event: Record<string, unknown> = {
    type: 'response.output_text.delta',
    sequence_number: sequence,
    item_id: itemId,
    output_index: output,
    content_index: content,
    delta,
    logprobs: [],
  }
  if (obfuscation !== undefined) event.obfuscation = obfuscation
  return event
}
