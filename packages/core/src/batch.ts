import { OwnedObjects } from './merge.js'
import type { Message, RunState, Text } from './types.js'

/**
 * What one batch of a `RunFolder` may write in place, handed down every call of a reduce; `null` is
 * the pure `reduceRun`, which copies every object on a write path. A folder starts a new batch at
 * each snapshot. Nothing about a batch lives at module level, so two folders (two runs on a page),
 * a push from inside another push, or a pure reduce in between never see each other's.
 */
export interface Batch {
  /** The objects this batch created since its folder's last snapshot: nobody else has seen them. */
  readonly owned: OwnedObjects
  /** Where this batch's last text append went, so the next one to the same text costs an array push. */
  hot: TextPath | null
  /** The folder's memory of the last text its batches wrote (shared by them, see {@link TextTail}). */
  readonly tail: TextTail
}

/**
 * A text this batch owns the whole path to, from `root` (as the state holds it) down to `holder`,
 * the object whose `key` is the text: on the Assistants wire a message → its content array → the part
 * at `index` → its text object (`value`); on the Responses wire a response state → its output → the
 * item at `index` → (a content or summary part) → `text`, `arguments`, `code`... Its value is
 * `holder[key]` (a string) followed by the `pending` fragments, until {@link settle} writes them in.
 * Only events named `event` may leave fragments pending (the reducer settles before any other), and
 * an append reaches the same path only while the state still holds these very objects (a `root` is
 * replaced, never written, by anything that puts a new one; within a batch owned objects are written
 * in place, so while the state holds this very `root`, what it holds at `index` is unchanged unless an
 * event put something new there, which each wire's append checks).
 */
export interface TextPath {
  readonly event: string
  readonly root: object
  readonly index: number
  /** Responses: the content or summary part's index in the item (-1: the text is the item's own). */
  readonly sub: number
  readonly holder: Record<string, unknown>
  readonly key: string
  readonly pending: string[]
}

/**
 * Pending fragments a batch holds at most before it writes them into its text (see {@link settle}):
 * bounds what a long batch holds.
 */
export const MAX_PENDING = 256

/**
 * What a folder's batches remember of the last text they wrote, from one snapshot to the next: they
 * wrote `holder[key]` as `text`, which is `base + tail`, `tail` the fragments written since the base
 * was last extended (`parts`, in order), at most {@link MAX_TAIL} characters. In a store that commits
 * after every network chunk, each batch holds a fragment or a few; written onto the text as they are,
 * each would leave a rope node and a string that live as long as the text does (what the GC then
 * copies and promotes, a cost per chunk). Here they go onto the tail, whose nodes are garbage once it is full: a full
 * tail goes onto the base as one flat string (`parts` joined), so a long text keeps one node per
 * {@link MAX_TAIL} characters or so. `holder` follows the text from batch to batch (each append's copy
 * of it, see `keepTail`).
 */
export interface TextTail {
  holder: object | null
  key: string
  text: string
  base: string
  tail: string
  parts: string[]
}

/**
 * The longest tail (see {@link TextTail}): a long text keeps a rope node per this many characters, or
 * a little more (a write that fills the tail goes onto the base whole).
 */
export const MAX_TAIL = 128

/**
 * Writes the pending fragments of the batch's text path into its text, through the folder's tail (see
 * {@link TextTail}), where appending each fragment to the text would add a rope node and a string per
 * delta, all of them kept as long as the text is (what made long runs cost the GC more per event).
 * Called before anything may read that text: a snapshot, and every reduce that is not an append to
 * that path.
 */
export function settle(batch: Batch): void {
  const hot = batch.hot
  if (hot === null) return
  // The path ends here: the next append walks to its text again (through objects the batch owns
  // already, so without copies) and starts a new one. Cheaper than emptying `pending` in place.
  batch.hot = null
  if (hot.pending.length > 0) writeIn(batch.tail, hot)
}

function writeIn(memo: TextTail, hot: TextPath): void {
  const { pending, holder, key } = hot
  const text = holder[key] as string
  // The text the last write made. Same holder, so normally the same string object too, which `===`
  // settles at once; one written in place since (another event) compares by its length, and by its
  // characters only when that is the same. Anything else starts a tail of its own.
  if (memo.holder !== holder || memo.key !== key || memo.text !== text) {
    memo.holder = holder
    memo.key = key
    memo.base = text
    memo.tail = ''
    memo.parts = []
  }
  // Each fragment a rope node on the tail, not a join per write: a store committing after every
  // chunk writes a fragment or two per batch, and joining them (with or without the tail) was most of
  // what its commits cost.
  let tail = memo.tail
  const parts = memo.parts
  for (let i = 0; i < pending.length; i++) {
    tail = tail + pending[i]!
    parts.push(pending[i]!)
  }
  if (tail.length > MAX_TAIL) {
    // The tail is full: onto the base as one flat string; the nodes it was made of are garbage now.
    memo.base = memo.base + parts.join('')
    memo.parts = []
    tail = ''
  }
  memo.tail = tail
  memo.text = tail === '' ? memo.base : memo.base + tail
  holder[key] = memo.text
}

/**
 * A text path's holder was copied (`from` → `to`) to start a new path in a later batch: the tail
 * memory follows it, so the new batch's write still extends the last one's tail.
 */
export function keepTail(batch: Batch, from: object, to: object): void {
  if (batch.tail.holder === from) batch.tail.holder = to
}

/** Appends `fragment` to the batch's text path (it waits; a long batch writes in every {@link MAX_PENDING}). */
export function appendPending(batch: Batch, hot: TextPath, fragment: string): void {
  if (fragment !== '' && hot.pending.push(fragment) > MAX_PENDING) {
    writeIn(batch.tail, hot)
    hot.pending.length = 0
  }
}

/** A fresh batch of a folder whose batches remember `tail` (a new folder: nothing yet). */
export function createBatch(
  tail: TextTail = { holder: null, key: '', text: '', base: '', tail: '', parts: [] },
): Batch {
  return { owned: new OwnedObjects(), hot: null, tail }
}

/** `T` with its `readonly` taken off, for objects a batch owns. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * `value` itself when `batch` created it, else a copy (by `copy`, a shallow copy unless told) that
 * `batch` (if any) now owns. The pure path (`batch === null`) always copies.
 */
export function writable<T extends object>(
  batch: Batch | null,
  value: T,
  copy: (value: T) => T = shallowCopy,
): Writable<T> {
  if (batch === null) return copy(value)
  return owned(batch, value, copy)
}

/**
 * {@link writable} in a batch. The pure path's hot callers call their copy directly instead of through
 * `writable`, whose one call site would see every kind of copy (more targets than V8 inlines at one
 * site: measured, the pure reduce of a text delta took a quarter longer).
 */
export function owned<T extends object>(
  batch: Batch,
  value: T,
  copy: (value: T) => T = shallowCopy,
): Writable<T> {
  if (batch.owned.has(value)) return value
  const copied = copy(value)
  batch.owned.add(copied)
  return copied
}

function shallowCopy<T extends object>(value: T): T {
  return (Array.isArray(value) ? value.slice() : { ...value }) as T
}

// Copies for the objects on a text delta's path, which the pure reducer makes for every delta.
// In V8 (Node 20) a spread `{ ...value }` of a JSON-shaped object whose copy is kept costs about 25 ns a
// key (some 350 ns for a message's 14), where an object literal with the keys written out is one
// allocation, several times cheaper. So each copy below writes the keys out, but only for an object that
// has exactly those keys in that order (what the API sends, and what these copies make), checked by
// walking its keys; anything else is spread. Either way the copy equals the spread (string keys: JSON
// has no symbol keys, and these objects come from JSON or from these copies).

/** True when `value`'s own enumerable keys (and inherited ones, which plain objects lack) are `keys`, in order. */
export function hasKeys(value: object, keys: readonly string[]): boolean {
  let i = 0
  for (const key in value) if (key !== keys[i++]) return false
  return i === keys.length
}

export const STATE_KEYS = [
  'threadId',
  'run',
  'steps',
  'stepIds',
  'messages',
  'messageIds',
  'phase',
  'error',
  'handledToolCalls',
  'retry',
  'responses',
  'cancelRequested',
  'pendingInput',
] as const

/**
 * A shallow copy of the run state. {@link STATE_KEYS} must follow `RunState` (and `initialRunState`'s
 * order); a state with other keys is still copied exactly, only slower (a test says when they part).
 * `literal` says whether `s` has exactly those keys, for a caller that knows it already.
 */
export function copyState(s: RunState, literal = hasKeys(s, STATE_KEYS)): RunState {
  if (!literal) return { ...s }
  return {
    threadId: s.threadId,
    run: s.run,
    steps: s.steps,
    stepIds: s.stepIds,
    messages: s.messages,
    messageIds: s.messageIds,
    phase: s.phase,
    error: s.error,
    handledToolCalls: s.handledToolCalls,
    retry: s.retry,
    responses: s.responses,
    cancelRequested: s.cancelRequested,
    pendingInput: s.pendingInput,
  }
}

/** A message's keys as the Assistants v2 API sends them. */
export const MESSAGE_KEYS = [
  'id',
  'object',
  'created_at',
  'assistant_id',
  'thread_id',
  'run_id',
  'status',
  'incomplete_details',
  'incomplete_at',
  'completed_at',
  'role',
  'content',
  'attachments',
  'metadata',
] as const

/** A shallow copy of a message. */
export function copyMessage(m: Message): Message {
  if (!hasKeys(m, MESSAGE_KEYS)) return { ...m }
  return {
    id: m.id,
    object: m.object,
    created_at: m.created_at,
    assistant_id: m.assistant_id,
    thread_id: m.thread_id,
    run_id: m.run_id,
    status: m.status,
    incomplete_details: m.incomplete_details,
    incomplete_at: m.incomplete_at,
    completed_at: m.completed_at,
    role: m.role,
    content: m.content,
    attachments: m.attachments,
    metadata: m.metadata,
  }
}

/** A text part as the first delta of a part sends it (`{index, type, text}`), and its text (`{value, annotations}`). */
type TextPart = { index?: number; type: 'text'; text: Text }

const PART_KEYS = ['index', 'type', 'text'] as const
const TEXT_KEYS = ['value', 'annotations'] as const

/** A shallow copy of a text part. */
export function copyTextPart<T extends TextPart>(part: T): T {
  if (!hasKeys(part, PART_KEYS)) return { ...part }
  return { index: part.index, type: part.type, text: part.text } as T
}

/** A shallow copy of a text part's text. */
export function copyText(text: Text): Text {
  if (!hasKeys(text, TEXT_KEYS)) return { ...text }
  return { value: text.value, annotations: text.annotations }
}
