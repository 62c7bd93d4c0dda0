import type { MessageDeltaEvent } from 'openai/resources/beta/threads/messages'

// Most of a run's stream is `thread.message.delta` events that append a few characters to one text part,
// and on that input parsing the whole object is most of the parse cost. These are the exact bytes servers
// send for them:
//   {"id":"msg_…","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"…"}}]}}
// (the first delta of a part also carries "annotations":[]). Only the two strings in it go through
// JSON.parse (escapes and all); anything that is not exactly this template is parsed whole by the caller.
const HEAD = '{"id":"'
const AFTER_ID = '","object":"thread.message.delta","delta":{"content":[{"index":'
const AFTER_INDEX = ',"type":"text","text":{"value":"'
const TAIL = '"}}]}}'
const TAIL_ANNOTATED = '","annotations":[]}}]}}'

/**
 * What one stream's reader remembers from one text delta to the next: the last message id (Assistants)
 * or item id (Responses) it read.
 * Each decoder has its own (see `createRunEventDecoder`), so no two streams ever share one.
 */
export interface TextDeltaMemo {
  lastId: string
}

/**
 * True when `data` has `prefix` at `at`. By indexOf, which V8 answers fast on a match (the data is
 * often a two-byte slice of the network chunk, on which a loop of charCodeAt measured slower), after a
 * look at the prefix's last character: on a mismatch, indexOf would search the rest of `data` for the
 * prefix, some 300 ns for a 200-byte event that merely has its keys in another order, and a whole
 * `response.completed` for an event without its `event:` line.
 */
export function startsAt(data: string, prefix: string, at: number): boolean {
  const last = prefix.length - 1
  return data.charCodeAt(at + last) === prefix.charCodeAt(last) && data.indexOf(prefix, at) === at
}

/** A memo that remembers nothing yet. */
export function createTextDeltaMemo(): TextDeltaMemo {
  return { lastId: '' }
}

/**
 * Reads the data of a text delta without parsing the whole object: the same object JSON.parse would give
 * (same keys, same order), or `undefined` when `data` is not exactly that template, so the caller parses it.
 * With a `memo`, an id with the same bytes as the previous delta's is reused instead of read again.
 */
export function readTextDelta(data: string, memo?: TextDeltaMemo): MessageDeltaEvent | undefined {
  // indexOf and charCodeAt rather than startsWith / endsWith / a RegExp: the data is a slice of the
  // network chunk, often a two-byte string, which V8's indexOf searches fast, where startsWith and
  // endsWith compare it character by character and a RegExp is a call into the regexp engine (measured
  // on Node 20: the function took 1.6 times as long with them).
  if (!startsAt(data, HEAD, 0)) return undefined
  const idEnd = data.indexOf('"', HEAD.length)
  if (idEnd === -1 || data.indexOf(AFTER_ID, idEnd) !== idEnd) return undefined
  // The index: a JSON integer (no leading zero) of at most 9 digits; past that, let JSON.parse (and the
  // reducer) judge.
  const indexStart = idEnd + AFTER_ID.length
  let at = indexStart
  let index = 0
  for (let code = data.charCodeAt(at); code >= 0x30 && code <= 0x39; code = data.charCodeAt(++at)) {
    index = index * 10 + (code - 0x30)
  }
  const digits = at - indexStart
  if (digits === 0 || digits > 9 || (digits > 1 && data.charCodeAt(indexStart) === 0x30)) return undefined
  if (data.indexOf(AFTER_INDEX, at) !== at) return undefined
  const valueStart = at + AFTER_INDEX.length
  // Searched from where the tail must start, each indexOf can only match there: an endsWith.
  const annotated = data.indexOf(TAIL_ANNOTATED, data.length - TAIL_ANNOTATED.length) !== -1
  const valueEnd = data.length - (annotated ? TAIL_ANNOTATED.length : TAIL.length)
  if (valueEnd < valueStart || (!annotated && data.indexOf(TAIL, valueEnd) === -1)) return undefined
  // Consecutive deltas name the same message: reuse its id rather than read a new copy of it.
  const lastId = memo?.lastId
  const id =
    lastId !== undefined &&
    lastId.length === idEnd - HEAD.length &&
    data.indexOf(lastId, HEAD.length) === HEAD.length
      ? lastId
      : readJsonString(data, HEAD.length, idEnd)
  const value =
    valueEnd - valueStart < 13
      ? readPlainString(data, valueStart, valueEnd)
      : readJsonString(data, valueStart, valueEnd)
  if (id === undefined || value === undefined) return undefined
  // Only an id written without escapes (as long as its bytes): equal bytes then mean an equal, valid id.
  if (memo !== undefined && id.length === idEnd - HEAD.length) memo.lastId = id
  return {
    id,
    object: 'thread.message.delta',
    delta: {
      content: [{ index, type: 'text', text: annotated ? { value, annotations: [] } : { value } }],
    },
  }
}

// A slice shorter than 13 characters is a copy (engines keep short strings whole), so the text it
// keeps owns its characters; most deltas are that short. Escapes, quotes and control characters go
// through JSON.parse.
function readPlainString(data: string, start: number, end: number): string | undefined {
  for (let i = start; i < end; i++) {
    const code = data.charCodeAt(i)
    if (code < 0x20 || code === 0x22 || code === 0x5c) return readJsonString(data, start, end)
  }
  return data.slice(start, end)
}

/**
 * The JSON string whose characters lie between `start` and `end` (the quotes around them included),
 * or `undefined` when they are not one JSON string (an unescaped quote, a raw control character).
 * Through JSON.parse rather than a slice: a slice of 13 or more characters is a view into the string it
 * was cut from (here the whole network chunk), which a kept text fragment would keep alive with it.
 */
function readJsonString(data: string, start: number, end: number): string | undefined {
  try {
    return JSON.parse(data.slice(start - 1, end + 1)) as string
  } catch {
    return undefined
  }
}
