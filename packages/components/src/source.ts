import type { RunState, RunStore } from '@runline/core'
import { useCallback, useSyncExternalStore } from 'react'

/** One tool output as `submit_tool_outputs` takes it. */
export interface ToolOutput {
  tool_call_id: string
  output: string
}

/**
 * Something that owns a run: `useRunStream()`'s handle (or anything shaped like it), a bare
 * `RunStore`, or a plain `RunState` snapshot (Storybook, server rendering, tests).
 */
export interface RunHandleLike {
  store: RunStore
  /** Cancels the run; the "Cancel run" button calls it. */
  cancel?(): unknown
  /** Sends all outputs in one request; the "Submit tool outputs" button calls it. */
  submitToolOutputs?(outputs: ToolOutput[]): unknown
  /** Calls a client-side handler already answered: tool call id → output. */
  handledToolCalls?: Readonly<Record<string, string>>
}

/** What components accept as `run`: a handle, a store, or a snapshot. */
export type RunSource = RunState | RunStore | RunHandleLike

/** The subscribable store behind a source, or null for a plain snapshot. */
export function storeOf(source: RunSource): RunStore | null {
  if ('store' in source && source.store && typeof source.store.getState === 'function') return source.store
  if ('getState' in source && typeof source.getState === 'function') return source
  return null
}

/** The handle behind a source (for cancel / submit / handled calls), or null. */
export function handleOf(source: RunSource): RunHandleLike | null {
  return 'store' in source && source.store ? (source as RunHandleLike) : null
}

const noSubscription = () => () => {}

/**
 * Reads a value from a run source. With a store it subscribes (useSyncExternalStore), so the
 * component re-renders only when the selected value changes identity; with a plain `RunState` it
 * just applies the selector. The selector must return stable references (core's selectors do).
 */
export function useRunSelector<T>(source: RunSource, selector: (state: RunState) => T): T {
  const store = storeOf(source)
  const subscribe = useCallback(
    (onChange: () => void) => (store ? store.subscribe(onChange) : noSubscription()),
    [store],
  )
  const read = () => selector(store ? store.getState() : (source as RunState))
  return useSyncExternalStore(subscribe, read, read)
}
