/** A minimal external store (subscribe + getState), enough for `useSyncExternalStore`. */
export interface SmallStore<T> {
  getState(): T
  /** Replaces fields; listeners run only when something changed. */
  set(patch: Partial<T>): void
  subscribe(listener: () => void): () => void
}

/** Creates a {@link SmallStore}; each `set` makes a new state object so React sees the change. */
export function createSmallStore<T extends object>(initial: T): SmallStore<T> {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    getState: () => state,
    set(patch) {
      let changed = false
      for (const key in patch) if (!Object.is(patch[key], state[key])) changed = true
      if (!changed) return
      state = { ...state, ...patch }
      for (const listener of listeners) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
