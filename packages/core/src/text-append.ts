import {
  appendPending,
  type Batch,
  copyMessage,
  copyText,
  copyTextPart,
  keepTail,
  owned,
  settle,
} from './batch.js'
import { isRecord } from './merge.js'
import type { Message } from './types.js'

const DELTA = 'thread.message.delta'

/**
 * The fast path for most of a stream: a delta that only appends to one text part's value
 * (`{content: [{index, type: 'text', text: {value}}]}`). Gives what `mergeDelta` gives, without its
 * generic walk; `undefined` for any other shape, which then takes the general merge.
 */
export function appendText(
  message: Message,
  delta: Record<string, unknown>,
  batch: Batch | null,
): Message | undefined {
  const content = delta.content
  if (!Array.isArray(content) || content.length !== 1 || !onlyKeys(delta, 'content')) return undefined
  const entry = content[0]
  if (!isRecord(entry) || entry.type !== 'text' || !onlyKeys(entry, 'index', 'type', 'text')) return undefined
  const text = entry.text
  const index = entry.index
  if (!isRecord(text)) return undefined
  const value = text.value
  if (typeof value !== 'string' || !onlyKeys(text, 'value')) return undefined
  if (typeof index !== 'number' || !Array.isArray(message.content)) return undefined
  // The same part as the last append of this batch: everything on its path is already ours, and the
  // fragment waits with the others (see `settle`), which a long batch writes in every so often.
  const hot = batch?.hot
  if (hot != null && hot.root === message && hot.index === index) {
    appendPending(batch!, hot, value)
    return message
  }
  if (batch !== null) settle(batch)
  const part = message.content[index] as (Message['content'][number] & { index?: number }) | undefined
  if (part?.type !== 'text' || part.index !== index) return undefined
  if (!isRecord(part.text) || typeof part.text.value !== 'string') return undefined
  if (value === '') return message
  // The copies that know these objects' keys: in the pure path this is every delta's cost. Each
  // called directly (see `owned`) where nothing on the path can be the batch's: in the pure path, and
  // in a batch that owns nothing yet (the first event after a commit); else `owned` asks.
  const direct = batch === null || batch.owned.size === 0
  const nextText = direct ? copyText(part.text) : owned(batch, part.text, copyText)
  if (batch === null) nextText.value = part.text.value + value
  const nextPart = direct ? copyTextPart(part) : owned(batch, part, copyTextPart)
  nextPart.text = nextText
  const nextContent = direct ? message.content.slice() : owned(batch, message.content)
  nextContent[index] = nextPart
  const next = direct ? copyMessage(message) : owned(batch, message, copyMessage)
  next.content = nextContent
  // In a batch even the first fragment waits: the text gets one rope node per batch, not two.
  if (batch !== null) {
    if (direct) {
      // The copies are the batch's from now on (`owned` would have said so for each).
      batch.owned.add(next)
      batch.owned.add(nextContent)
      batch.owned.add(nextPart)
      batch.owned.add(nextText)
    }
    keepTail(batch, part.text, nextText)
    const holder = nextText as unknown as Record<string, unknown>
    batch.hot = { event: DELTA, root: next, index, sub: -1, holder, key: 'value', pending: [value] }
  }
  return next
}

function onlyKeys(value: Record<string, unknown>, a: string, b?: string, c?: string): boolean {
  for (const key in value) if (key !== a && key !== b && key !== c) return false
  return true
}
