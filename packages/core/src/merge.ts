/**
 * Delta accumulation with structural sharing.
 *
 * The merge rules are those of the API's streaming deltas (and of openai-node's accumulator, so the
 * snapshots agree): strings and numbers add up, objects merge key by key, arrays of objects merge
 * entry by entry at each entry's `index`, `index` / `type` are overwritten, and a key that is absent
 * or null takes the delta's value whole. Unlike openai-node, nothing is mutated: every object on the
 * delta's path is copied once and everything else is shared with the previous snapshot.
 */

/** Thrown by {@link mergeDelta} for input it refuses; the reducer turns it into an error in state. */
export class DeltaError extends Error {
  constructor(
    message: string,
    readonly code = 'invalid_delta',
  ) {
    super(message)
    this.name = 'DeltaError'
  }
}

/** How far one delta may grow an array beyond its current length (openai-node refuses the same). */
export const MAX_ARRAY_GROWTH = 1024

type Json = Record<string, unknown>

/** Refuses keys that would reach an object's prototype if merged. Compared inline: this runs per key per delta. */
function checkKey(key: string): void {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype')
    throw new DeltaError(`Delta contains an unsafe key: ${key}`, 'unsafe_key')
}

/** True for plain objects (not arrays, not null). */
export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** True for an object with a non-empty string `id`: what the reducer stores (and the callbacks report). */
export function hasId<T>(value: T): value is T & { id: string } & Record<string, any> {
  return isRecord(value) && typeof value.id === 'string' && value.id !== ''
}

/**
 * Objects created during the current batch, which may still be written in place. Nothing outside the
 * batch has seen them yet, so mutating them is invisible; everything else is copied on write.
 * `null` means "copy everything" (the pure reducer).
 */
export type Owned = OwnedObjects | null

/**
 * The set of objects one batch created. A batch writes along one or two paths (state → record →
 * message → content → part → text), so a short list compared by identity beats a `Set`, which must
 * give every fresh object an identity hash; past 16 entries it becomes a `Set`.
 */
export class OwnedObjects {
  private list: object[] = []
  private set: Set<object> | null = null

  has(value: object): boolean {
    if (this.set !== null) return this.set.has(value)
    const list = this.list
    for (let i = 0; i < list.length; i++) if (list[i] === value) return true
    return false
  }

  add(value: object): void {
    if (this.set !== null) {
      this.set.add(value)
      return
    }
    this.list.push(value)
    if (this.list.length > 16) this.set = new Set(this.list)
  }

  get size(): number {
    return this.set !== null ? this.set.size : this.list.length
  }
}

/**
 * Returns `target` with `delta` merged in, copying only what changes (objects in `owned` are written
 * in place instead). Throws {@link DeltaError} on unsafe keys, bad or absurd indexes and type clashes
 * before anything is written, so a refused delta never leaves a half-merged object behind.
 */
export function mergeDelta<T extends object>(target: T, delta: object, owned: Owned = null): T {
  validateRecord(target as Json, delta as Json)
  return applyRecord(target as Json, delta as Json, owned) as T
}

// Validation: walks the delta beside the snapshot and throws on anything the merge would refuse.

function validateRecord(target: Json, delta: Json): void {
  // Deltas come from JSON.parse: plain objects whose keys are all own, so `for…in` needs no hasOwn.
  for (const key in delta) {
    checkKey(key)
    validateValue(key, target[key], delta[key])
  }
}

function validateValue(key: string, current: unknown, incoming: unknown): void {
  if (current === null || current === undefined) {
    sanitize(incoming)
    return
  }
  if (key === 'index' || key === 'type' || incoming === null || incoming === undefined) return
  const kind = typeof current
  if ((kind === 'string' || kind === 'number') && typeof incoming === kind) return
  if (isRecord(current) && isRecord(incoming)) validateRecord(current, incoming)
  else if (Array.isArray(current) && Array.isArray(incoming)) validateArray(current, incoming)
  else
    throw new DeltaError(
      `Delta for "${key}" is a ${kindOf(incoming)} where the snapshot has a ${kindOf(current)}`,
    )
}

function validateArray(current: unknown[], incoming: unknown[]): void {
  if (incoming.every(isPrimitive) && current.every(isPrimitive)) return
  const limit = current.length + MAX_ARRAY_GROWTH
  for (const entry of incoming) {
    if (!isRecord(entry)) throw new DeltaError('Array delta entry is not an object')
    const index = entry.index
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0 || index >= limit) {
      throw new DeltaError(`Array delta entry has an invalid index: ${String(index)}`, 'invalid_index')
    }
    validateValue('', Object.hasOwn(current, index) ? current[index] : undefined, entry)
  }
}

// Application: never throws (validation ran first); copies on write unless the object is owned.

function applyRecord(target: Json, delta: Json, owned: Owned): Json {
  let out: Json | undefined = owned?.has(target) ? target : undefined
  for (const key in delta) {
    const current = target[key]
    const next = applyValue(key, current, delta[key], owned)
    if (next === current && current !== undefined) continue
    if (out === undefined) {
      out = { ...target }
      owned?.add(out)
    }
    out[key] = next
  }
  return out ?? target
}

function applyValue(key: string, current: unknown, incoming: unknown, owned: Owned): unknown {
  if (current === null || current === undefined) return incoming
  if (key === 'index' || key === 'type') return incoming
  if (typeof current === 'string' && typeof incoming === 'string') {
    // V8 builds a rope for `+`, so appending stays O(fragment), not O(text so far).
    return incoming === '' ? current : current + incoming
  }
  if (typeof current === 'number' && typeof incoming === 'number') {
    return incoming === 0 ? current : current + incoming
  }
  if (isRecord(current) && isRecord(incoming)) return applyRecord(current, incoming, owned)
  if (Array.isArray(current) && Array.isArray(incoming)) return applyArray(current, incoming, owned)
  // null, or a clash between two entries of one delta that validation could not see: keep the snapshot.
  return current
}

function applyArray(current: unknown[], incoming: unknown[], owned: Owned): unknown[] {
  if (incoming.length === 0) return current
  let out: unknown[] | undefined = owned?.has(current) ? current : undefined
  if (incoming.every(isPrimitive) && current.every(isPrimitive)) {
    if (out) {
      out.push(...incoming)
      return out
    }
    out = [...current, ...incoming]
    owned?.add(out)
    return out
  }
  for (const entry of incoming as Json[]) {
    const index = entry.index as number
    const base = out ?? current
    const existing = Object.hasOwn(base, index) ? base[index] : undefined
    const merged =
      existing === null || existing === undefined ? entry : applyValue('', existing, entry, owned)
    if (merged === existing) continue
    if (out === undefined) {
      out = current.slice()
      owned?.add(out)
    }
    out[index] = merged
  }
  return out ?? current
}

/** A value taken whole from the wire must not smuggle prototype keys into later merges. */
function sanitize(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) sanitize(item)
    return
  }
  if (isRecord(value)) {
    for (const key in value) {
      checkKey(key)
      sanitize(value[key])
    }
  }
}

function isPrimitive(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number'
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value
}
