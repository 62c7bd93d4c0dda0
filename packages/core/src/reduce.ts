// The reducer: one switch over the event union (the contract's "one switch"). It folds Runline's own
// events itself (reduce-runline.ts holds two of them) and hands each wire's family to that wire's fold,
// which it is given: the Assistants family (`thread.*`, `runline.snapshot`: assistants-parts.ts) and
// the Responses family (`response.*`, `runline.items`, `runline.input_items`: responses-parts.ts). It
// imports neither fold, so a store built on it ships only the folds it is given; `reduceRun`
// (all-wires.ts) is this reducer given both, `reduceAssistantsRun` (assistants-wire.ts) the first.
import { ASSISTANTS_NOT_LOADED, type AssistantsFold, isAssistantsEvent } from './assistants-parts.js'
import { type Batch, createBatch, settle } from './batch.js'
import { initialRunState } from './initial-state.js'
import { invalidEvent, UNSAFE_ID, withInputError } from './input-error.js'
import { DeltaError, isRecord } from './merge.js'
import { reduceClientError, reduceToolApproval } from './reduce-runline.js'
import {
  isResponsesEvent,
  RESPONSES_NOT_LOADED,
  type ResponsesFold,
  unwrapResponseError,
} from './responses-parts.js'
import type { RunlineStateError, RunState, RunStreamEvent } from './types.js'

export { initialRunState }

/** The wires' folds a reducer hands their families to; without one, that wire's events are refused. */
export interface RunFolds {
  /** The Assistants family (`assistantsParts.fold`), or null. */
  readonly assistants: AssistantsFold | null
  /** The Responses family (`responsesParts.fold`), or null. */
  readonly responses: ResponsesFold | null
}

/**
 * `reduceRun` with the folds it is given: Runline's own events always, each wire's family with its
 * fold; without it, that wire's events are refused (`state.error`, code `assistants_not_loaded` or
 * `responses_not_loaded`). Pure and total: it never throws, whatever it is given. Unknown event names
 * are ignored (the same state object comes back); input it cannot use becomes `state.error` with
 * `source: 'input'`, the previous snapshot kept.
 *
 * Structural sharing: only the objects on the event's path are replaced, so selectors and React can
 * compare by reference. Each delta costs O(size of the delta), not O(what was streamed so far).
 */
export function reduceRunWith(state: RunState, event: RunStreamEvent, folds: RunFolds): RunState {
  return reduceChecked(state, event, null, folds)
}

/**
 * A batch reducer for hot paths (the run store, benchmarks): `push` events, then `snapshot()` for
 * the state. Between snapshots it writes in place into objects it created itself since the last
 * snapshot, which no one else has seen, so each text delta costs an append (its fragment waits in a
 * list, joined into the text at the next snapshot) instead of a copy of every object on its path.
 * Every snapshot equals what `reduceRunWith` gives for the same events and is never written again.
 */
export interface RunFolder {
  push(event: RunStreamEvent): void
  /** The state after every pushed event; later pushes leave it untouched. */
  snapshot(): RunState
  /** The state after every pushed event, without ending the batch: later pushes may change it in place. */
  peek(): RunState
}

/** Creates a {@link RunFolder} starting from `state`, folding each wire's family with its fold in `folds`. */
export function createRunFolder(state: RunState, folds: RunFolds): RunFolder {
  let current = state
  // This folder's own batch, handed to every reduce it makes (see `Batch`).
  let batch = createBatch()
  return {
    push(event) {
      current = reduceChecked(current, event, batch, folds)
    },
    snapshot() {
      // The text a snapshot holds is whole: pending fragments go in first.
      settle(batch)
      // From here on everything is shared: start a new batch (a batch that owns nothing has no path either).
      if (batch.owned.size > 0) batch = createBatch(batch.tail)
      return current
    },
    peek: () => current,
  }
}

function reduceChecked(
  state: RunState,
  event: RunStreamEvent,
  batch: Batch | null,
  folds: RunFolds,
): RunState {
  if (!isRecord(event) || typeof event.event !== 'string') {
    return withInputError(state, 'invalid_event', `Ignored an event that is not an {event, data} object`)
  }
  try {
    return reduceKnown(state, event, batch, folds)
  } catch (error) {
    // Refused input keeps the previous snapshot; the stream goes on (the wires' folds' too).
    if (error instanceof DeltaError)
      return withInputError(state, error.code, `${event.event}: ${error.message}`)
    return withInputError(
      state,
      'invalid_event',
      `${event.event}: ${(error as Error)?.message ?? String(error)}`,
    )
  }
}

function reduceKnown(state: RunState, event: RunStreamEvent, batch: Batch | null, folds: RunFolds): RunState {
  // Only an append to the batch's text path leaves fragments pending, and only events of its name
  // append. One of those that is not an append to that path settles them before it reads the text
  // (the wires' appends: text-append.ts, responses/append.ts); settling before every other event
  // keeps any of them from ever seeing a text without its last fragments.
  if (batch?.hot != null && event.event !== batch.hot.event) settle(batch)
  // Each wire's family to its fold, before the switch over strings, which compares case by case:
  // Responses first, then Assistants (their text deltas are most of a stream).
  if (isResponsesEvent(event)) {
    const fold = folds.responses
    return fold
      ? fold.reduceEvent(state, event.event, event.data, batch)
      : notLoaded(state, event.event, 'Responses')
  }
  if (isAssistantsEvent(event)) {
    const fold = folds.assistants
    return fold
      ? fold.reduceEvent(state, event.event, event.data, batch)
      : notLoaded(state, event.event, 'Assistants')
  }
  switch (event.event) {
    case 'error': {
      // Also a Responses error event as sent (`{type, sequence_number, error: {...}}`).
      const data: Record<string, unknown> = unwrapResponseError(isRecord(event.data) ? event.data : {})
      const error: RunlineStateError = {
        code:
          typeof data.code === 'string'
            ? data.code
            : typeof data.type === 'string'
              ? data.type
              : 'stream_error',
        message: typeof data.message === 'string' ? data.message : 'The stream reported an error.',
        source: data.type === 'runline_parse_error' ? 'input' : 'stream',
      }
      // A malformed line is not the end of the stream; the server's error event is.
      const next = { ...state, error, phase: error.source === 'input' ? state.phase : 'errored' }
      return error.source === 'input' || !folds.responses ? next : folds.responses.noteError(next, data)
    }
    case 'done':
      return state.phase === 'done' ? state : { ...state, phase: 'done' }
    case 'runline.connecting': {
      const threadId = event.data?.threadId
      return {
        ...state,
        phase: 'connecting',
        error: null,
        retry: null,
        threadId: typeof threadId === 'string' ? threadId : state.threadId,
      }
    }
    case 'runline.disconnected':
      return state.phase === 'open' || state.phase === 'connecting' ? { ...state, phase: 'dropped' } : state
    case 'runline.error':
      return reduceClientError(state, event.data)
    case 'runline.tool_output': {
      const data: unknown = event.data
      if (!isRecord(data) || typeof data.tool_call_id !== 'string' || typeof data.output !== 'string')
        return invalidEvent(state, event.event)
      const id = data.tool_call_id
      if (id in Object.prototype) return withInputError(state, 'invalid_event', UNSAFE_ID)
      if (state.handledToolCalls[id] === data.output) return state
      return { ...state, handledToolCalls: { ...state.handledToolCalls, [id]: data.output } }
    }
    case 'runline.tool_approval':
      return reduceToolApproval(state, event.data)
    case 'runline.retrying': {
      const data: unknown = event.data
      if (!isRecord(data) || typeof data.delayMs !== 'number' || typeof data.attempt !== 'number')
        return invalidEvent(state, event.event)
      return { ...state, retry: event.data }
    }
    case 'runline.cancelling': {
      // Recorded: a Responses turn waiting for the client ends by it (responses/run.ts).
      const error = state.error?.source === 'client' ? null : state.error
      return error === state.error && state.cancelRequested === true
        ? state
        : { ...state, error, cancelRequested: true }
    }
    case 'runline.items':
      return folds.responses
        ? folds.responses.reduceTurnItems(state, event.data)
        : notLoaded(state, event.event, 'Responses')
    case 'runline.input_items':
      return folds.responses
        ? folds.responses.reduceInputItems(state, event.data)
        : notLoaded(state, event.event, 'Responses')
    case 'runline.reset':
      return initialRunState
    default: {
      // Exhaustive over the known union; unknown names from newer servers are ignored.
      const unknown: never = event
      void unknown
      return state
    }
  }
}

/** A wire's event given to a reducer without that wire's fold: refused, the state kept. */
function notLoaded(state: RunState, name: string, wire: 'Assistants' | 'Responses'): RunState {
  const parts = wire === 'Assistants' ? 'assistantsParts' : 'responsesParts'
  return withInputError(
    state,
    wire === 'Assistants' ? ASSISTANTS_NOT_LOADED : RESPONSES_NOT_LOADED,
    `${name}: this run store has no ${wire} wire's parts; give it ${parts} to fold that wire's events`,
  )
}
