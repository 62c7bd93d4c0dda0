// The reducer: one switch over the event union (the contract's "one switch"), so it stays one file at
// ~350 lines; per-family folds live beside it (reduce-runline.ts, and the Responses family, which it is
// given: responses-parts.ts). It imports none of the Responses fold, so a store built on it for the
// Assistants wire ships none; `reduceRun` (all-wires.ts) is this reducer given `responsesParts`.
import { type Batch, copyState, createBatch, owned, settle, writable } from './batch.js'
import { initialRunState } from './initial-state.js'
import { DeltaError, hasId, isRecord, mergeDelta } from './merge.js'
import { reduceClientError, reduceToolApproval } from './reduce-runline.js'
import {
  isResponsesEvent,
  RESPONSES_NOT_LOADED,
  type ResponsesFold,
  type ResponsesParts,
  unwrapResponseError,
} from './responses-parts.js'
import { appendText } from './text-append.js'
import type {
  Message,
  Run,
  RunlineStateError,
  RunState,
  RunStep,
  RunStreamEvent,
  StreamPhase,
} from './types.js'

export { initialRunState }

/**
 * `reduceRun` without the Responses fold in its module graph: folds the Assistants and Foundry wires,
 * and the Responses wire's events with `responses` (core's `responsesParts`, loaded when needed);
 * without them those are refused (`state.error`, code `responses_not_loaded`). Pure and total: it
 * never throws, whatever it is given. Unknown event names are ignored (the same state object comes
 * back); input it cannot use becomes `state.error` with `source: 'input'`, the previous snapshot kept.
 *
 * Structural sharing: only the objects on the event's path are replaced, so selectors and React can
 * compare by reference. Each delta costs O(size of the delta), not O(what was streamed so far).
 */
export function reduceAssistantsRun(
  state: RunState,
  event: RunStreamEvent,
  responses: ResponsesParts | null = null,
): RunState {
  return reduceChecked(state, event, null, responses?.fold ?? null)
}

/**
 * A batch reducer for hot paths (the run store, benchmarks): `push` events, then `snapshot()` for
 * the state. Between snapshots it writes in place into objects it created itself since the last
 * snapshot, which no one else has seen, so each text delta costs an append (its fragment waits in a
 * list, joined into the text at the next snapshot) instead of a copy of every object on its path.
 * Every snapshot equals what `reduceAssistantsRun` gives for the same events and is never written again.
 */
export interface RunFolder {
  push(event: RunStreamEvent): void
  /** The state after every pushed event; later pushes leave it untouched. */
  snapshot(): RunState
  /** The state after every pushed event, without ending the batch: later pushes may change it in place. */
  peek(): RunState
}

/** Creates a {@link RunFolder} starting from `state`, folding the Responses wire with `responses`. */
export function createRunFolder(state: RunState, responses: ResponsesFold | null): RunFolder {
  let current = state
  // This folder's own batch, handed to every reduce it makes (see `Batch`).
  let batch = createBatch()
  return {
    push(event) {
      current = reduceChecked(current, event, batch, responses)
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
  responses: ResponsesFold | null,
): RunState {
  if (!isRecord(event) || typeof event.event !== 'string') {
    return withError(state, 'invalid_event', `Ignored an event that is not an {event, data} object`)
  }
  try {
    return reduceKnown(state, event, batch, responses)
  } catch (error) {
    // Refused input keeps the previous snapshot; the stream goes on (the Responses fold's too).
    if (error instanceof DeltaError) return withError(state, error.code, `${event.event}: ${error.message}`)
    return withError(state, 'invalid_event', `${event.event}: ${(error as Error)?.message ?? String(error)}`)
  }
}

function reduceKnown(
  state: RunState,
  event: RunStreamEvent,
  batch: Batch | null,
  responses: ResponsesFold | null,
): RunState {
  // Only an append to the batch's text path leaves fragments pending, and only events of its name
  // append. One of those that is not an append to that path settles them before it reads the text
  // (thread.message.delta below, the Responses deltas in responses/append.ts); settling before every
  // other event keeps any of them from ever seeing a text without its last fragments.
  if (batch?.hot != null && event.event !== batch.hot.event) settle(batch)
  // The Responses wire first (see responses/reduce.ts): a switch over strings compares case by case,
  // and its events, text deltas above all, would be compared to every Assistants case below.
  if (isResponsesEvent(event))
    return responses
      ? responses.reduceEvent(state, event.event, event.data, batch)
      : notLoaded(state, event.event)
  // Deltas first, for the same reason: they are most of a stream.
  switch (event.event) {
    case 'thread.message.delta': {
      const data = event.data
      if (!hasId(data) || !isRecord(data.delta)) return invalid(state, event.event)
      const current = entry(state.messages, data.id)
      if (!current) return neverCreated(state, 'unknown_message', 'message', data.id)
      let next = appendText(current, data.delta, batch)
      if (next === undefined) {
        if (batch !== null) settle(batch)
        next = mergeDelta(current, data.delta, batch?.owned)
      }
      // Written in place (the usual case within a batch): the state already holds it.
      return next === current && state.phase === 'open'
        ? state
        : putMessage(opened(state, batch), next, batch)
    }
    case 'thread.run.step.delta': {
      const data = event.data
      if (!hasId(data) || !isRecord(data.delta)) return invalid(state, event.event)
      const current = entry(state.steps, data.id)
      if (!current) return neverCreated(state, 'unknown_step', 'run step', data.id)
      return putStep(opened(state, batch), mergeDelta(current, data.delta, batch?.owned), batch)
    }
    case 'thread.created': {
      const thread = event.data
      if (!hasId(thread)) return invalid(state, event.event)
      return state.threadId === thread.id ? state : { ...state, threadId: thread.id }
    }
    case 'thread.run.created':
    case 'thread.run.queued':
    case 'thread.run.in_progress':
    case 'thread.run.requires_action':
    case 'thread.run.completed':
    case 'thread.run.incomplete':
    case 'thread.run.failed':
    case 'thread.run.cancelling':
    case 'thread.run.cancelled':
    case 'thread.run.expired':
      return reduceRunObject(state, event.data, batch)
    case 'thread.run.step.created':
    case 'thread.run.step.in_progress':
    case 'thread.run.step.completed':
    case 'thread.run.step.failed':
    case 'thread.run.step.cancelled':
    case 'thread.run.step.expired': {
      const step = event.data
      if (!hasId(step)) return invalid(state, event.event)
      return putStep(opened(state, batch), step, batch)
    }
    case 'thread.message.created':
    case 'thread.message.completed':
    case 'thread.message.incomplete': {
      const message = event.data
      if (!hasId(message)) return invalid(state, event.event)
      return putMessage(opened(state, batch), message, batch)
    }
    case 'thread.message.in_progress': {
      // Like openai-node: an existing snapshot (which may already hold deltas) is kept.
      const message = event.data
      if (!hasId(message)) return invalid(state, event.event)
      const open = opened(state, batch)
      return entry(state.messages, message.id) ? open : putMessage(open, message, batch)
    }
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
      return error.source === 'input' || !responses ? next : responses.noteError(next, data)
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
        return invalid(state, event.event)
      const id = data.tool_call_id
      if (id in Object.prototype) return withError(state, 'invalid_event', UNSAFE_ID)
      if (state.handledToolCalls[id] === data.output) return state
      return { ...state, handledToolCalls: { ...state.handledToolCalls, [id]: data.output } }
    }
    case 'runline.tool_approval':
      return reduceToolApproval(state, event.data)
    case 'runline.retrying': {
      const data: unknown = event.data
      if (!isRecord(data) || typeof data.delayMs !== 'number' || typeof data.attempt !== 'number')
        return invalid(state, event.event)
      return { ...state, retry: event.data }
    }
    case 'runline.cancelling': {
      // Recorded: a Responses turn waiting for the client ends by it (responses/run.ts).
      const error = state.error?.source === 'client' ? null : state.error
      return error === state.error && state.cancelRequested === true
        ? state
        : { ...state, error, cancelRequested: true }
    }
    case 'runline.snapshot':
      return reduceSnapshot(state, event.data, batch)
    case 'runline.items':
      return responses ? responses.reduceTurnItems(state, event.data) : notLoaded(state, event.event)
    case 'runline.input_items':
      return responses ? responses.reduceInputItems(state, event.data) : notLoaded(state, event.event)
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

function reduceRunObject(state: RunState, run: unknown, batch: Batch | null): RunState {
  if (!hasId(run)) return invalid(state, 'run event')
  if (run.id in Object.prototype) return withError(state, 'invalid_event', UNSAFE_ID)
  const next = writable(batch, opened(state, batch), copyState)
  next.run = run as Run
  if (typeof run.thread_id === 'string') next.threadId = run.thread_id
  return next
}

function reduceSnapshot(state: RunState, data: unknown, batch: Batch | null): RunState {
  if (!isRecord(data)) return invalid(state, 'runline.snapshot')
  let next = state
  if (hasId(data.run)) next = reduceRunObject(next, data.run, batch)
  if (typeof data.threadId === 'string') next = { ...next, threadId: data.threadId }
  if (Array.isArray(data.steps)) {
    for (const step of data.steps) if (hasId(step)) next = putStep(next, step as RunStep, batch)
  }
  if (Array.isArray(data.messages)) {
    for (const message of data.messages) {
      if (hasId(message)) next = putMessage(next, message as Message, batch)
    }
  }
  return next
}

/** The first stream event moves `connecting`/`idle` to `open`; later ones return the same state. */
function opened(state: RunState, batch: Batch | null): RunState {
  const phase: StreamPhase = state.phase
  if (phase === 'open' || phase === 'errored') return state
  const next = writable(batch, state, copyState)
  next.phase = 'open'
  return next
}

function putStep(state: RunState, step: RunStep, batch: Batch | null): RunState {
  return putEntry(state, 'steps', 'stepIds', step, batch)
}

function putMessage(state: RunState, message: Message, batch: Batch | null): RunState {
  return putEntry(state, 'messages', 'messageIds', message, batch)
}

/** Stores `value` under its id in one of the state's records, appending the id when it is new. */
function putEntry(
  state: RunState,
  key: 'steps' | 'messages',
  idsKey: 'stepIds' | 'messageIds',
  value: RunStep | Message,
  batch: Batch | null,
): RunState {
  const records: Readonly<Record<string, { id: string }>> = state[key]
  const current = entry(records, value.id)
  if (current === value) return state
  if (current === undefined && value.id in Object.prototype)
    return withError(state, 'invalid_event', UNSAFE_ID)
  // Each copy called directly in the pure path (see `owned`).
  const copied = batch === null ? copyState(state) : owned(batch, state, copyState)
  const next = copied as unknown as Record<string, unknown>
  // Copy, then store: V8 clones a same-shaped object fast, where `{ ...record, [id]: value }`
  // takes a slower generic path.
  const record = (batch === null ? { ...records } : owned(batch, records)) as Record<string, unknown>
  record[value.id] = value
  next[key] = record
  if (current === undefined) {
    const ids = writable(batch, state[idsKey]) as string[]
    ids.push(value.id)
    next[idsKey] = ids
  }
  return next as unknown as RunState
}

/**
 * The entry stored under `id`. Ids are record keys: a name `Object.prototype` has ("__proto__",
 * "toString") reads through to it, so an entry counts only when it carries that id itself. Cheaper
 * than a prototype check on every delta; new keys get that check once, when they are added.
 */
function entry<T extends { id: string }>(record: Readonly<Record<string, T>>, id: string): T | undefined {
  const value = record[id]
  return value !== undefined && value.id === id ? value : undefined
}

const UNSAFE_ID = 'Ignored an object whose id would reach Object.prototype'

function invalid(state: RunState, name: string): RunState {
  return withError(state, 'invalid_event', `${name}: data is missing an id or a delta`)
}

/** A Responses-wire event given to a reducer without the Responses fold: refused, the state kept. */
function notLoaded(state: RunState, name: string): RunState {
  return withError(
    state,
    RESPONSES_NOT_LOADED,
    `${name}: this run store folds the Assistants wire only; give it the Responses wire's parts (responsesParts) to fold Responses events`,
  )
}

function neverCreated(state: RunState, code: string, kind: string, id: string): RunState {
  return withError(state, code, `Delta for ${kind} ${id}, which was never created`)
}

function withError(state: RunState, code: string, message: string): RunState {
  return { ...state, error: { code, message, source: 'input' } }
}
