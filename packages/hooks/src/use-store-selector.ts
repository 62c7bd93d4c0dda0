'use client'
import { useCallback, useRef, useSyncExternalStore } from 'react'

/** Anything with zustand's read side: the run store, the controller's meta store. */
export interface ReadableStore<S> {
  getState(): S
  subscribe(listener: () => void): () => void
}

/**
 * Subscribes to one slice of an external store: the component re-renders only when `isEqual` says
 * the slice changed. Selectors should return stable references (the core's do); `isEqual` (e.g. a
 * shallow compare) makes a selector that builds a fresh object safe too. SSR reads the same state.
 */
export function useStoreSelector<S, T>(
  store: ReadableStore<S>,
  selector: (state: S) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  // The last (state, selector) → slice, so a commit that leaves the slice equal returns the old reference.
  const memo = useRef<{ state: S; selector: (state: S) => T; slice: T } | null>(null)
  const getSlice = () => {
    const state = store.getState()
    const last = memo.current
    if (last && last.state === state && last.selector === selector) return last.slice
    const next = selector(state)
    const slice = last && isEqual(last.slice, next) ? last.slice : next
    memo.current = { state, selector, slice }
    return slice
  }
  const subscribe = useCallback((listener: () => void) => store.subscribe(listener), [store])
  return useSyncExternalStore(subscribe, getSlice, getSlice)
}
