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
const INDEX = /^(?:0|[1-9]\d{0,8})$/

/**
 * What one stream's reader remembers from one text delta to the next: the last message id it read.
 * Each decoder has its own (see `createRunEventDecoder`), so no two streams ever share one.
 */
export interface TextDeltaMemo {
  lastId: string
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
  if (!data.startsWith(HEAD)) return undefined
  const idEnd = data.indexOf('"', HEAD.length)
  // indexOf rather than startsWith: V8 compares a match of this length several times faster with it
  // (the data is often a two-byte string, for which startsWith goes character by character).
  if (idEnd === -1 || data.indexOf(AFTER_ID, idEnd) !== idEnd) return undefined
  const indexStart = idEnd + AFTER_ID.length
  const at = data.indexOf(',', indexStart)
  const digits = data.slice(indexStart, at)
  // A JSON integer (no leading zero); past 9 digits, let JSON.parse (and the reducer) judge.
  if (!INDEX.test(digits) || !data.startsWith(AFTER_INDEX, at)) return undefined
  const valueStart = at + AFTER_INDEX.length
  const annotated = data.endsWith(TAIL_ANNOTATED)
  const valueEnd = data.length - (annotated ? TAIL_ANNOTATED.length : TAIL.length)
  if (valueEnd < valueStart || (!annotated && !data.endsWith(TAIL))) return undefined
  // Consecutive deltas name the same message: reuse its id rather than read a new copy of it.
  const lastId = memo?.lastId
  const id =
    lastId !== undefined && lastId.length === idEnd - HEAD.length && data.startsWith(lastId, HEAD.length)
      ? lastId
      : readJsonString(data, HEAD.length, idEnd)
  const value =
    valueEnd - valueStart < 13
      ? readPlainString(data, valueStart, valueEnd)
      : readJsonString(data, valueStart, valueEnd)
  if (id === undefined || value === undefined) return undefined
  const index = Number(digits)
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
