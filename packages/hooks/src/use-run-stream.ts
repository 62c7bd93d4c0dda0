'use client'
import {
  asRunlineError,
  type RunlineClient,
  type RunlineError,
  type RunState,
  type RunStore,
  type RunUiStatus,
  selectError,
  selectHandledApprovals,
  selectHandledToolCalls,
  selectStatus,
  selectThreadId,
  type ToolApproval,
} from '@runline/core'
import { QueryClientContext } from '@tanstack/react-query'
import { useContext, useEffect, useMemo, useState } from 'react'
import type { RunControllerOptions, StartParams } from './controller/options.js'
import { createRunController, type RunController } from './controller/run-controller.js'
import { runOf } from './controller/run-of.js'
import { invalidateRunQueries } from './invalidate.js'
import { useOptionalRunlineClient } from './provider.js'
import type { RunPointer } from './resume-storage.js'
import type { ToolOutput } from './tool-calls.js'
import { useStoreSelector } from './use-store-selector.js'

/** Options of {@link useRunStream}: the controller's, with the client taken from the provider. */
export interface UseRunStreamOptions extends Omit<RunControllerOptions, 'client'> {
  /** Overrides the provider's client. */
  client?: RunlineClient
}

/**
 * What `useRunStream` returns. Components take it as `run={handle}`: they subscribe to slices of
 * `handle.store` with their own selectors and call its commands. Commands never reject; failures
 * arrive in `error` (a `RunlineError`), aborts (cancel, disconnect, unmount) are not errors.
 */
export interface RunHandle {
  /** The run store (vanilla zustand): subscribe to slices with `useRunSelector(handle, selector)`. */
  readonly store: RunStore
  /** The framework-agnostic controller behind the handle. */
  readonly controller: RunController
  /** The run state (in the selector form: read at render, not subscribed). */
  readonly state: RunState
  /** The run's status, in the one vocabulary of `selectStatus` (`statusWords` gives its words). */
  readonly status: RunUiStatus
  /** The last failure: a request, the stream's `error` event, or the run's `last_error`. */
  readonly error: RunlineError | null
  /** The thread runs go to (learned from `createAndRun` when no `threadId` was given). */
  readonly threadId: string | null
  /** The current run's id, once known. */
  readonly runId: string | null
  /** Outputs client tool handlers produced for pending calls, by tool call id. */
  readonly handledToolCalls: Readonly<Record<string, string>>
  /** Decisions the `approve` rule made for calls awaiting approval, by tool call id. */
  readonly handledApprovals: Readonly<Record<string, boolean>>
  /** Starts a streaming run; resolves when it ends or requires action (see `RunController.start`). */
  start(params?: StartParams): Promise<RunState>
  /** Submits tool outputs (merged with handled ones) and streams the continuation. */
  submitToolOutputs(outputs: readonly ToolOutput[]): Promise<RunState>
  /** Submits tool approvals (merged with the rule's) and streams the continuation (Foundry). */
  submitToolApprovals(approvals: readonly ToolApproval[]): Promise<RunState>
  /** Cancels the run for real and follows it to `cancelled`. */
  cancel(): Promise<RunState>
  /** Stops listening; the run goes on server-side. */
  disconnect(): void
  /** Aborts and clears. */
  reset(): void
  /** Re-attaches to the current (or the given) run: reconcile, then poll until it stops. */
  resume(target?: RunPointer): Promise<RunState>
}

/** The selector form's handle: the selected slice besides the handle. */
export interface SelectedRunHandle<T> extends RunHandle {
  /** What the selector picked; the component re-renders when it (or status, error, ids) changes. */
  readonly selected: T
}

const identity = <T>(value: T) => value
const selectRunId = (state: RunState) => runOf(state)?.id ?? null

/**
 * A live run: creates a controller once, feeds a run store from the stream, and reads it through
 * selectors (`useSyncExternalStore`), so React renders at most once per animation frame while text
 * streams. Pass a selector to subscribe to one slice only.
 *
 * ```tsx
 * const run = useRunStream({ assistantId: 'asst_runline_demo', tools: { get_weather } })
 * <button onClick={() => run.start({ message: text })}>Send</button>
 * ```
 */
export function useRunStream(options?: UseRunStreamOptions): RunHandle
export function useRunStream<T>(
  options: UseRunStreamOptions,
  selector: (state: RunState) => T,
  isEqual?: (a: T, b: T) => boolean,
): SelectedRunHandle<T>
export function useRunStream<T>(
  options: UseRunStreamOptions = {},
  selector?: (state: RunState) => T,
  isEqual?: (a: T, b: T) => boolean,
): RunHandle | SelectedRunHandle<T> {
  const providerClient = useOptionalRunlineClient()
  const queryClient = useContext(QueryClientContext)
  const client = options.client ?? providerClient
  if (!client) throw new Error('useRunStream: pass `client` or wrap your components in <RunlineProvider>')
  const userOnRunEnd = options.onRunEnd
  const controllerOptions: RunControllerOptions = {
    ...options,
    client,
    onRunEnd: (run) => {
      if (queryClient) invalidateRunQueries(queryClient, run)
      userOnRunEnd?.(run)
    },
  }
  const [controller] = useState(() => createRunController(controllerOptions))
  // Latest callbacks and params for the next event; no data flows through here.
  useEffect(() => controller.setOptions(controllerOptions))
  useEffect(() => controller.mount(), [controller])

  const store = controller.store
  const selected = useStoreSelector(store, (selector ?? identity) as (state: RunState) => T, isEqual)
  const status = useStoreSelector(store, selectStatus)
  const runId = useStoreSelector(store, selectRunId)
  const stateThreadId = useStoreSelector(store, selectThreadId)
  const stateError = useStoreSelector(store, selectError)
  const handledToolCalls = useStoreSelector(store, selectHandledToolCalls)
  const handledApprovals = useStoreSelector(store, selectHandledApprovals)

  const commands = useMemo(
    () => ({
      store,
      controller,
      start: (params?: StartParams) => controller.start(params),
      submitToolOutputs: (outputs: readonly ToolOutput[]) => controller.submitToolOutputs(outputs),
      submitToolApprovals: (approvals: readonly ToolApproval[]) => controller.submitToolApprovals(approvals),
      cancel: () => controller.cancel(),
      disconnect: () => controller.disconnect(),
      reset: () => controller.reset(),
      resume: (target?: RunPointer) => controller.resume(target),
    }),
    [controller, store],
  )
  const error = stateError ? asRunlineError(stateError) : null
  const threadId = stateThreadId ?? options.conversationId ?? options.threadId ?? null
  const hasSelector = selector !== undefined
  return useMemo(() => {
    const view = { ...commands, status, error, threadId, runId, handledToolCalls, handledApprovals }
    if (!hasSelector) return { ...view, state: selected as RunState }
    return Object.defineProperties(view, {
      state: { get: () => store.getState(), enumerable: true },
      selected: { value: selected, enumerable: true },
    }) as SelectedRunHandle<T>
  }, [
    commands,
    store,
    status,
    error,
    threadId,
    runId,
    handledToolCalls,
    handledApprovals,
    selected,
    hasSelector,
  ])
}
