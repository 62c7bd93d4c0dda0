// The Responses wire's other fragment deltas (a function call's arguments, code interpreter code, a
// reasoning summary, an MCP call's arguments, a patch's diff, ...) are, after the text deltas, most of
// a stream with tools: a few hundred bytes each, which JSON.parse would read whole. OpenAI sends them
// flat, with the same few keys in one of a few orders:
//   {"type":"response.function_call_arguments.delta","sequence_number":N,"item_id":"…","output_index":N,
//    "delta":"…","obfuscation":"…"}
//   {"type":"response.code_interpreter_call_code.delta","sequence_number":N,"output_index":N,"item_id":"…",
//    "delta":"…","obfuscation":"…"}
//   {"type":"response.reasoning_summary_text.delta","sequence_number":N,"item_id":"…","output_index":N,
//    "summary_index":N,"delta":"…","obfuscation":"…"}
// After `type`, this reads the keys below in whatever order they come (each once, building the object
// in that order, as JSON.parse does); anything else (another key, a value of
// another kind, an escaped id) gives `undefined` and the caller parses the event whole.
import { startsAt, type TextDeltaMemo } from '../text-delta.js'
import { integer, plain, quoted } from './text-delta.js'

const TYPE = '{"type":"'

// The keys this reads after `type`, each with what its value is.
const STRING = 0
const INTEGER = 1
const EMPTY_LIST = 2
const KEYS: readonly (readonly [token: string, key: string, kind: number])[] = [
  [',"item_id":', 'item_id', STRING],
  [',"output_index":', 'output_index', INTEGER],
  [',"content_index":', 'content_index', INTEGER],
  [',"summary_index":', 'summary_index', INTEGER],
  [',"delta":', 'delta', STRING],
  [',"logprobs":', 'logprobs', EMPTY_LIST],
  [',"obfuscation":', 'obfuscation', STRING],
  [',"sequence_number":', 'sequence_number', INTEGER],
]
const DELTA = 4

/** Which of {@link KEYS} begins at `at` (a comma), by its first letters; -1 for none. */
function keyAt(data: string, at: number): number {
  let k: number
  switch (data.charCodeAt(at + 2)) {
    case 105 /* i */:
      k = 0
      break
    case 111 /* o */:
      k = data.charCodeAt(at + 3) === 117 /* u */ ? 1 : 6
      break
    case 99 /* c */:
      k = 2
      break
    case 115 /* s */:
      k = data.charCodeAt(at + 3) === 117 /* u */ ? 3 : 7
      break
    case 100 /* d */:
      k = 4
      break
    case 108 /* l */:
      k = 5
      break
    default:
      return -1
  }
  // Searched from where the key must start, indexOf can only match there (see readTextDelta).
  return data.indexOf(KEYS[k]![0], at) === at ? k : -1
}

/**
 * True for the name of a Responses fragment delta (`response.….delta`) other than the text delta,
 * written in the letters event names are (so that as a JSON string it needs no escape).
 */
export function isFragmentDelta(name: string): boolean {
  if (!name.endsWith('.delta') || !name.startsWith('response.')) return false
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i)
    if (!((code >= 97 && code <= 122) || code === 95 /* _ */ || code === 46) /* . */) return false
  }
  return true
}

/**
 * The end (the closing quote's index) of the JSON string whose opening quote is at `at - 1`: the first
 * quote after `at` that no backslash escapes (escapes are checked by JSON.parse later), or -1.
 */
function stringEnd(data: string, at: number): number {
  let end = data.indexOf('"', at)
  for (;;) {
    if (end === -1) return -1
    let slashes = 0
    while (data.charCodeAt(end - 1 - slashes) === 92 /* \ */) slashes++
    if (slashes % 2 === 0) return end
    end = data.indexOf('"', end + 1)
  }
}

/**
 * The object JSON.parse gives for the fragment delta `name` (same keys, same order), or `undefined`
 * when `data` is not one this reads. With a `memo`, an `item_id` with the same bytes as the previous
 * delta's is reused instead of read again.
 */
export function readFragmentDelta(
  data: string,
  name: string,
  memo?: TextDeltaMemo,
): Record<string, unknown> | undefined {
  // indexOf at a known place rather than startsWith: see readTextDelta (text-delta.ts) and `startsAt`.
  if (!startsAt(data, TYPE, 0) || !startsAt(data, name, TYPE.length)) return undefined
  let at = TYPE.length + name.length
  if (data.charCodeAt(at++) !== 34 /* " */) return undefined
  const event: Record<string, unknown> = { type: name }
  let seen = 0
  while (data.charCodeAt(at) === 44 /* , */) {
    const k = keyAt(data, at)
    // An unknown key, or one seen before (JSON.parse keeps its first place and its last value).
    if (k < 0 || (seen & (1 << k)) !== 0) return undefined
    seen |= 1 << k
    const [token, key, kind] = KEYS[k]!
    const from = at + token.length
    if (kind === INTEGER) {
      at = from
      while (data.charCodeAt(at) >= 48 && data.charCodeAt(at) <= 57) at++
      const n = integer(data, from, at)
      if (n < 0) return undefined
      event[key] = n
    } else if (kind === EMPTY_LIST) {
      // An empty list only (what OpenAI sends); logprobs in it take JSON.parse.
      if (data.charCodeAt(from) !== 91 /* [ */ || data.charCodeAt(from + 1) !== 93 /* ] */) return undefined
      event[key] = []
      at = from + 2
    } else {
      if (data.charCodeAt(from) !== 34 /* " */) return undefined
      const end = stringEnd(data, from + 1)
      if (end === -1) return undefined
      let value: string | undefined
      if (key === 'item_id') {
        // Consecutive deltas name the same item: reuse its id (see readResponsesTextDelta). Only an id
        // read without escapes is remembered, so equal bytes mean an equal id.
        const lastId = memo?.lastId
        value =
          lastId !== undefined &&
          lastId.length === end - from - 1 &&
          data.indexOf(lastId, from + 1) === from + 1
            ? lastId
            : plain(data, from + 1, end)
        if (value !== undefined && memo !== undefined) memo.lastId = value
      } else {
        // `plain` refuses escapes; a delta with some (a newline, a quote) is read by JSON.parse alone.
        value = plain(data, from + 1, end) ?? (key === 'delta' ? quoted(data, from + 1, end) : undefined)
      }
      if (value === undefined) return undefined
      event[key] = value
      at = end + 1
    }
  }
  // The delta is what the fold needs; the object ends right here.
  return (seen & (1 << DELTA)) !== 0 && at === data.length - 1 && data.charCodeAt(at) === 125 /* } */
    ? event
    : undefined
}
