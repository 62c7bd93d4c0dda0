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

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** True for plain objects (not arrays, not null). */
export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Returns `target` with `delta` merged in, copying only what changes.
 * Throws {@link DeltaError} on unsafe keys, bad or absurd indexes, and type clashes; the caller keeps
 * the previous snapshot in that case, so a refused delta never leaves a half-merged object behind.
 */
export function mergeDelta<T extends object>(target: T, delta: object): T {
  return mergeRecord(target as Json, delta as Json) as T
}

function mergeRecord(target: Json, delta: Json): Json {
  let out: Json | undefined
  for (const key in delta) {
    if (!Object.hasOwn(delta, key)) continue
    if (UNSAFE_KEYS.has(key)) throw new DeltaError(`Delta contains an unsafe key: ${key}`, 'unsafe_key')
    const next = mergeValue(key, Object.hasOwn(target, key) ? target[key] : undefined, delta[key])
    if (next === target[key] && Object.hasOwn(target, key)) continue
    out ??= { ...target }
    out[key] = next
  }
  return out ?? target
}

function mergeValue(key: string, current: unknown, incoming: unknown): unknown {
  if (current === null || current === undefined) return sanitize(incoming)
  if (key === 'index' || key === 'type') return incoming
  if (typeof current === 'string' && typeof incoming === 'string') {
    // V8 builds a rope for `+`, so appending stays O(fragment), not O(text so far).
    return incoming === '' ? current : current + incoming
  }
  if (typeof current === 'number' && typeof incoming === 'number') {
    return incoming === 0 ? current : current + incoming
  }
  if (isRecord(current) && isRecord(incoming)) return mergeRecord(current, incoming)
  if (Array.isArray(current) && Array.isArray(incoming)) return mergeArray(current, incoming)
  if (incoming === null || incoming === undefined) return current
  throw new DeltaError(
    `Delta for "${key}" is a ${kindOf(incoming)} where the snapshot has a ${kindOf(current)}`,
  )
}

function mergeArray(current: unknown[], incoming: unknown[]): unknown[] {
  if (incoming.length === 0) return current
  if (incoming.every(isPrimitive) && current.every(isPrimitive)) return [...current, ...incoming]
  let out: unknown[] | undefined
  const limit = current.length + MAX_ARRAY_GROWTH
  for (const entry of incoming) {
    if (!isRecord(entry)) throw new DeltaError('Array delta entry is not an object')
    const index = entry.index
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0 || index >= limit) {
      throw new DeltaError(`Array delta entry has an invalid index: ${String(index)}`, 'invalid_index')
    }
    const base = out ?? current
    const existing = Object.hasOwn(base, index) ? base[index] : undefined
    const merged =
      existing === null || existing === undefined ? sanitize(entry) : mergeValue('', existing, entry)
    if (merged === existing) continue
    out ??= current.slice()
    out[index] = merged
  }
  return out ?? current
}

/** A value taken whole from the wire must not smuggle prototype keys into later merges. */
function sanitize(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (const item of value) sanitize(item)
    return value
  }
  if (isRecord(value)) {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue
      if (UNSAFE_KEYS.has(key)) throw new DeltaError(`Delta contains an unsafe key: ${key}`, 'unsafe_key')
      sanitize(value[key])
    }
  }
  return value
}

function isPrimitive(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number'
}

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value
}
