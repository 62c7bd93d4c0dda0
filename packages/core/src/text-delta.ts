import type { MessageDeltaEvent } from 'openai/resources/beta/threads/messages'

// Most of a run's stream is `thread.message.delta` events that append a few characters to one text part,
// and on that input JSON.parse is most of the parse cost. These are the exact bytes servers send for them:
//   {"id":"msg_…","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"…"}}]}}
// (the first delta of a part also carries "annotations":[]). Anything else, including any escape in the
// value, takes JSON.parse.
const HEAD = '{"id":"'
const AFTER_ID = '","object":"thread.message.delta","delta":{"content":[{"index":'
const AFTER_INDEX = ',"type":"text","text":{"value":"'
const TAIL = '"}}]}}'
const TAIL_ANNOTATED = '","annotations":[]}}]}}'
// A quote or backslash would need JSON's unescaping (or end the string early), and JSON refuses raw
// control characters: leave all of those to JSON.parse.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const NEEDS_JSON = /["\\\u0000-\u001f]/

/**
 * Reads the data of a plain text delta without JSON.parse: the same object JSON.parse would give (same
 * keys, same order), or `undefined` when `data` is not exactly that template, so the caller parses it.
 */
export function readTextDelta(data: string): MessageDeltaEvent | undefined {
  if (!data.startsWith(HEAD)) return undefined
  const idEnd = data.indexOf('"', HEAD.length)
  if (idEnd === -1 || !data.startsWith(AFTER_ID, idEnd)) return undefined
  const indexStart = idEnd + AFTER_ID.length
  let at = indexStart
  while (at < data.length && isDigit(data.charCodeAt(at))) at++
  // JSON numbers have no leading zero; past 9 digits, let JSON.parse (and the reducer) judge.
  const digits = at - indexStart
  if (digits === 0 || digits > 9 || (digits > 1 && data.charCodeAt(indexStart) === 48)) return undefined
  if (!data.startsWith(AFTER_INDEX, at)) return undefined
  const valueStart = at + AFTER_INDEX.length
  const annotated = data.endsWith(TAIL_ANNOTATED)
  const valueEnd = data.length - (annotated ? TAIL_ANNOTATED.length : TAIL.length)
  if (valueEnd < valueStart || (!annotated && !data.endsWith(TAIL))) return undefined
  const id = ownCopy(data.slice(HEAD.length, idEnd))
  const value = ownCopy(data.slice(valueStart, valueEnd))
  if (NEEDS_JSON.test(value) || NEEDS_JSON.test(id)) return undefined
  const index = Number(data.slice(indexStart, at))
  return {
    id,
    object: 'thread.message.delta',
    delta: {
      content: [{ index, type: 'text', text: annotated ? { value, annotations: [] } : { value } }],
    },
  }
}

/**
 * The string's characters in a string of its own. Why: V8 makes a slice of 13 or more characters a view
 * into the string it was cut from, and `data` is itself a view into the whole network chunk, so one kept
 * text fragment would keep its chunk (and the snapshot, every chunk of the run) alive. Prepending a
 * character makes V8 copy the characters once; the slice after it shares only that copy.
 */
function ownCopy(slice: string): string {
  return slice.length < 13 ? slice : ` ${slice}`.slice(1)
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}
