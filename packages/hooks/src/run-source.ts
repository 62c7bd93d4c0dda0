'use client'
// The one read side of a run for every component: a `useRunStream` handle, a bare run store, or a
// plain snapshot all read through `useRunSelector`.
import type { RunState, RunStore, ToolApproval } from '@runline/core'
import type { ToolOutput } from './tool-calls.js'
import { type ReadableStore, useStoreSelector } from './use-store-selector.js'

/**
 * What components call on a run besides reading it: `useRunStream()`'s handle satisfies it, and so
 * does anything shaped like it (a story's stub, a test's spy).
 */
export interface RunHandleLike {
  store: RunStore
  /** Cancels the run; the "Cancel run" button calls it. */
  cancel?(): unknown
  /** Sends all outputs in one request; the "Submit tool outputs" button calls it. */
  submitToolOutputs?(outputs: readonly ToolOutput[]): unknown
  /** Calls a client-side handler already answered: tool call id → output. */
  handledToolCalls?: Readonly<Record<string, string>>
  /** Sends every approval in one request; the approval form's buttons call it (Foundry). */
  submitToolApprovals?(approvals: readonly ToolApproval[]): unknown
}

/** What reads a run: a handle, a bare `RunStore`, or a plain `RunState` (Storybook, SSR, tests). */
export type RunSource = RunState | RunStore | RunHandleLike

/** The subscribable store behind a source, or null for a plain snapshot. */
export function storeOf(source: RunSource): RunStore | null {
  if ('store' in source && source.store && typeof source.store.getState === 'function') return source.store
  if ('getState' in source && typeof source.getState === 'function') return source
  return null
}

/** The handle behind a source (for cancel, submit, handled calls), or null. */
export function handleOf(source: RunSource): RunHandleLike | null {
  return 'store' in source && source.store ? source : null
}

// A snapshot reads as a store that never changes; one per snapshot, so subscriptions stay put.
const staticStores = new WeakMap<RunState, ReadableStore<RunState>>()
const noSubscription = () => () => {}

function readableOf(source: RunSource): ReadableStore<RunState> {
  const store = storeOf(source)
  if (store) return store
  const state = source as RunState
  let fixed = staticStores.get(state)
  if (!fixed) {
    fixed = { getState: () => state, subscribe: noSubscription }
    staticStores.set(state, fixed)
  }
  return fixed
}

/**
 * Subscribes a component to one slice of a run: it re-renders only when that slice changes
 * (`Object.is`, or `isEqual`). Use core's selectors or your own that return stable references.
 * The source is a handle, a store, or a plain snapshot (read once, never subscribed).
 */
export function useRunSelector<T>(
  source: RunSource,
  selector: (state: RunState) => T,
  isEqual?: (a: T, b: T) => boolean,
): T {
  return useStoreSelector(readableOf(source), selector, isEqual)
}
