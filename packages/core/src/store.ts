import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AssistantsParts } from './assistants-parts.js'
import { createRunFolder, initialRunState, type RunFolds } from './reduce.js'
import { TERMINAL_RESPONSE_EVENTS } from './responses/parse.js'
import type { ResponsesParts } from './responses-parts.js'
import { TERMINAL_RUN_EVENTS } from './status.js'
import type { RunState, RunStreamEvent } from './types.js'

/**
 * Decides when pending events are committed. It receives the flush and returns a cancel function.
 * `'sync'` commits every event at once; `'frame'` once per animation frame.
 */
export type CommitScheduler = 'sync' | 'frame' | ((flush: () => void) => () => void)

/** Options for {@link createRunStore}. */
export interface RunStoreOptions {
  /** Start from this state instead of {@link initialRunState} (e.g. a replayed recording). */
  initialState?: RunState
  /**
   * When to commit while streaming. Default: `'frame'` where `requestAnimationFrame` exists, else
   * `'sync'` (servers, tests). Terminal events always commit at once.
   */
  scheduler?: CommitScheduler
  /**
   * Called with every event after it was reduced (before the commit): the one place to hang
   * callbacks and bookkeeping off a run's events (e.g. `createRunCallbacks`, an inspector).
   */
  onEvent?: (event: RunStreamEvent, state: RunState) => void
  /**
   * Whether `onEvent` gets an immutable snapshot (default `true`). A snapshot per event ends the
   * batch's in-place appends, so each text delta then copies its path. With `false`, `state` is the
   * pending state, which later events of the same batch may update in place: read it during the
   * call, keep only what events never change in place (ids, run objects, error objects).
   * A function is asked at each event.
   */
  onEventSnapshots?: boolean | (() => boolean)
  /**
   * The Assistants wire's parts the store folds that wire's events with (`assistantsParts`).
   * `createRunStore` and `createAssistantsRunStore` always have them; `createRunStoreWithParts` only
   * when given them here or by {@link RunStore.addAssistants}.
   */
  assistants?: AssistantsParts | null
  /**
   * The Responses wire's parts the store folds that wire's events with (`responsesParts`).
   * `createRunStore` always has them; the others only when given them here or by
   * {@link RunStore.addResponses}.
   */
  responses?: ResponsesParts | null
}

/** A vanilla zustand store of one run's state, fed by `dispatch`. */
export interface RunStore extends StoreApi<RunState> {
  /** Reduces an event into the pending state and schedules a commit. */
  dispatch(event: RunStreamEvent): void
  /** Commits pending events now. */
  flush(): void
  /** The newest state, including events not yet committed to subscribers. */
  getPendingState(): RunState
  /** Back to the initial state, committed at once. */
  reset(): void
  /** The Assistants wire's parts this store folds with; `null` while it has none (that wire's events are refused). */
  readonly assistants: AssistantsParts | null
  /**
   * Gives the store the Assistants wire's parts: from the next event on it folds that wire's events
   * too (before, they were refused as input errors). The hooks' Assistants wire calls it once loaded.
   */
  addAssistants(parts: AssistantsParts): void
  /** The Responses wire's parts this store folds with; `null` while it has none (that wire's events are refused). */
  readonly responses: ResponsesParts | null
  /**
   * Gives the store the Responses wire's parts: from the next event on it folds that wire's events
   * too (before, they were refused as input errors). The hooks' Responses wire calls it once loaded.
   */
  addResponses(parts: ResponsesParts): void
}

// Events after which a person is waiting for the UI: commit them without waiting for a frame.
const COMMIT_AT_ONCE = new Set<string>([
  'thread.run.requires_action',
  ...TERMINAL_RUN_EVENTS,
  // A response's end: the turn ended, or waits for the client's outputs or approvals.
  ...TERMINAL_RESPONSE_EVENTS,
  'error',
  'done',
  'runline.connecting',
  'runline.disconnected',
  'runline.error',
  'runline.snapshot',
  'runline.items',
  'runline.reset',
  'runline.tool_output',
  'runline.cancelling',
  'runline.retrying',
  'runline.tool_approval',
])

function frameScheduler(flush: () => void): () => void {
  const raf = globalThis.requestAnimationFrame
  // Hidden tabs stop animation frames; a timeout makes sure the commit still happens.
  let timer: ReturnType<typeof setTimeout> | undefined
  const id = raf(() => {
    clearTimeout(timer)
    flush()
  })
  timer = setTimeout(() => {
    globalThis.cancelAnimationFrame?.(id)
    flush()
  }, 250)
  return () => {
    globalThis.cancelAnimationFrame?.(id)
    clearTimeout(timer)
  }
}

function resolveScheduler(
  scheduler: CommitScheduler | undefined,
): ((flush: () => void) => () => void) | null {
  if (typeof scheduler === 'function') return scheduler
  // 'frame' where there are no frames (servers, tests) commits at once, like 'sync'.
  if (scheduler === 'sync' || typeof globalThis.requestAnimationFrame !== 'function') return null
  return frameScheduler
}

/**
 * Creates the store that holds one run's state: it folds Runline's own events, and each wire's once it
 * has that wire's parts (`options.assistants` / `options.responses`, or {@link RunStore.addAssistants} /
 * {@link RunStore.addResponses}). Its module graph holds no wire's fold, so a page ships only the folds
 * it loads: the hooks give a run's store its wire's parts when the wire loads. `createRunStore` is this
 * store given both wires' parts, `createAssistantsRunStore` the Assistants wire's. Events are reduced
 * as they arrive, but subscribers see at most one commit per animation frame while text streams
 * (thousands of deltas become ~60 commits a second), and terminal events commit at once.
 */
export function createRunStoreWithParts(options: RunStoreOptions = {}): RunStore {
  return createRunStoreOf(options, options.assistants ?? null, options.responses ?? null)
}

/**
 * {@link createRunStoreWithParts} with the parts it starts with given apart from `options`, so
 * `createRunStore` and `createAssistantsRunStore` need no copy of their options to add them.
 */
export function createRunStoreOf(
  options: RunStoreOptions,
  assistantsAtFirst: AssistantsParts | null,
  responsesAtFirst: ResponsesParts | null,
): RunStore {
  const store = createStore<RunState>(() => options.initialState ?? initialRunState)
  const schedule = resolveScheduler(options.scheduler)
  const parts: StoreParts = { assistants: assistantsAtFirst, responses: responsesAtFirst }
  const folds = (): RunFolds => ({
    assistants: parts.assistants?.fold ?? null,
    responses: parts.responses?.fold ?? null,
  })
  // Events between two commits fold in place (see createRunFolder); each commit is a snapshot.
  let folder = createRunFolder(store.getState(), folds())
  let cancelScheduled: (() => void) | null = null

  const flush = () => {
    cancelScheduled?.()
    cancelScheduled = null
    const next = folder.snapshot()
    if (next !== store.getState()) store.setState(next, true)
  }

  const dispatch = (event: RunStreamEvent) => {
    folder.push(event)
    const onEvent = options.onEvent
    if (onEvent) {
      // A listener may keep the state it is given, so it gets a snapshot unless it said otherwise.
      const snapshots = options.onEventSnapshots ?? true
      const snapshot = typeof snapshots === 'function' ? snapshots() : snapshots
      onEvent(event, snapshot ? folder.snapshot() : folder.peek())
    }
    // `?.`: like the reducer, dispatch takes junk (it becomes an error in state) without throwing.
    if (!schedule || COMMIT_AT_ONCE.has(event?.event)) {
      flush()
      return
    }
    if (!cancelScheduled) cancelScheduled = schedule(flush)
  }

  // The pending state carries over (uncommitted: a scheduled commit still comes); what follows folds with the parts.
  const refold = () => {
    folder = createRunFolder(folder.snapshot(), folds())
  }

  return new RunStoreObject(parts, {
    // zustand's own API written out, not spread in (see RunStoreObject).
    getState: store.getState,
    getInitialState: store.getInitialState,
    subscribe: store.subscribe,
    // zustand's setState must keep `pending` in step, or the next dispatch would undo it.
    setState: (partial, replace) => {
      flush()
      store.setState(partial as RunState, replace as true)
      folder = createRunFolder(store.getState(), folds())
    },
    dispatch,
    flush,
    getPendingState: () => folder.snapshot(),
    reset: () => dispatch({ event: 'runline.reset' }),
    addAssistants: (added) => {
      if (parts.assistants === added) return
      parts.assistants = added
      refold()
    },
    addResponses: (added) => {
      if (parts.responses === added) return
      parts.responses = added
      refold()
    },
  })
}

/** The wires' parts one store folds with (its own record: `addAssistants` / `addResponses` change it). */
interface StoreParts {
  assistants: AssistantsParts | null
  responses: ResponsesParts | null
}

/** A {@link RunStore}'s functions: all of it but its two getters. */
type RunStoreFunctions = Omit<RunStore, 'assistants' | 'responses'>

/**
 * The object a run store is. A class, for the two getters: V8 keeps an object literal that defines
 * getters as a dictionary ("slow") object, and one that also spreads zustand's API in cost some 5 µs
 * per store; then every `store.dispatch` or `store.getState` was a hash lookup. On the prototype the
 * getters cost nothing per store, and the store keeps one fast shape.
 */
class RunStoreObject implements RunStore {
  readonly getState: RunStoreFunctions['getState']
  readonly getInitialState: RunStoreFunctions['getInitialState']
  readonly subscribe: RunStoreFunctions['subscribe']
  readonly setState: RunStoreFunctions['setState']
  readonly dispatch: RunStoreFunctions['dispatch']
  readonly flush: RunStoreFunctions['flush']
  readonly getPendingState: RunStoreFunctions['getPendingState']
  readonly reset: RunStoreFunctions['reset']
  readonly addAssistants: RunStoreFunctions['addAssistants']
  readonly addResponses: RunStoreFunctions['addResponses']
  readonly #parts: StoreParts

  constructor(parts: StoreParts, functions: RunStoreFunctions) {
    this.#parts = parts
    this.getState = functions.getState
    this.getInitialState = functions.getInitialState
    this.subscribe = functions.subscribe
    this.setState = functions.setState
    this.dispatch = functions.dispatch
    this.flush = functions.flush
    this.getPendingState = functions.getPendingState
    this.reset = functions.reset
    this.addAssistants = functions.addAssistants
    this.addResponses = functions.addResponses
  }

  get assistants(): AssistantsParts | null {
    return this.#parts.assistants
  }

  get responses(): ResponsesParts | null {
    return this.#parts.responses
  }
}
