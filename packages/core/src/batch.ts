import { OwnedObjects } from './merge.js'
import type { Message } from './types.js'

/**
 * What one batch of a `RunFolder` may write in place, handed down every call of a reduce; `null` is
 * the pure `reduceRun`, which copies every object on a write path. A folder starts a new batch at
 * each snapshot. Nothing about a batch lives at module level, so two folders (two runs on a page),
 * a push from inside another push, or a pure reduce in between never see each other's.
 */
export interface Batch {
  /** The objects this batch created since its folder's last snapshot: nobody else has seen them. */
  readonly owned: OwnedObjects
  /** Where this batch's last text append went, so the next one to the same part is a string append. */
  hot: TextPath | null
}

/**
 * A text part this batch owns the whole path to: `message` (as the state holds it) → its content
 * array → the part at `index` → `text`. A message is replaced (never written) by anything that puts a
 * new one, and within a batch the merge writes owned objects in place, so while the state still holds
 * this very `message` object, its part at `index` still holds this very `text` object.
 */
export interface TextPath {
  readonly message: Message
  readonly index: number
  readonly text: { value: string }
}

/** A fresh batch: owns nothing yet. */
export function createBatch(): Batch {
  return { owned: new OwnedObjects(), hot: null }
}

/** `T` with its `readonly` taken off, for objects a batch owns. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * `value` itself when `batch` created it, else a shallow copy that `batch` (if any) now owns. The pure
 * path (`batch === null`) always copies.
 */
export function writable<T extends object>(batch: Batch | null, value: T): Writable<T> {
  if (batch === null) return (Array.isArray(value) ? value.slice() : { ...value }) as Writable<T>
  if (batch.owned.has(value)) return value as Writable<T>
  const copy = (Array.isArray(value) ? value.slice() : { ...value }) as Writable<T>
  batch.owned.add(copy)
  return copy
}
