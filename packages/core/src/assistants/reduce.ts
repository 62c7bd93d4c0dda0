// The Assistants family of the reducer's one switch (see reduce.ts and assistants-parts.ts): the
// Assistants and Foundry wires' `thread.*` events and the reconciling `runline.snapshot`. It comes
// with that wire's parts (assistants/parts.ts), so a page that loads the wire on first use has none of
// it at start.
import { type Batch, copyState, owned, settle, writable } from '../batch.js'
import { invalidEvent, UNSAFE_ID, withInputError } from '../input-error.js'
import { hasId, isRecord, mergeDelta } from '../merge.js'
import { appendText } from '../text-append.js'
import type { Message, Run, RunState, RunStep, StreamPhase } from '../types.js'

/**
 * Folds one event of the Assistants family (`thread.*`, `runline.snapshot`) into the state; other
 * names come back unchanged. With a `batch` (a run folder's), objects it owns are written in place.
 * Throws a `DeltaError` for a delta it refuses (the reducer turns it into an input error).
 */
export function reduceAssistantsEvent(
  state: RunState,
  name: string,
  data: unknown,
  batch: Batch | null,
): RunState {
  // Deltas first: they are most of a stream, and a switch over strings compares case by case.
  switch (name) {
    case 'thread.message.delta': {
      if (!hasId(data) || !isRecord(data.delta)) return invalidEvent(state, name)
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
      if (!hasId(data) || !isRecord(data.delta)) return invalidEvent(state, name)
      const current = entry(state.steps, data.id)
      if (!current) return neverCreated(state, 'unknown_step', 'run step', data.id)
      return putStep(opened(state, batch), mergeDelta(current, data.delta, batch?.owned), batch)
    }
    case 'thread.created': {
      if (!hasId(data)) return invalidEvent(state, name)
      return state.threadId === data.id ? state : { ...state, threadId: data.id }
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
      return reduceRunObject(state, data, batch)
    case 'thread.run.step.created':
    case 'thread.run.step.in_progress':
    case 'thread.run.step.completed':
    case 'thread.run.step.failed':
    case 'thread.run.step.cancelled':
    case 'thread.run.step.expired':
      if (!hasId(data)) return invalidEvent(state, name)
      return putStep(opened(state, batch), data as unknown as RunStep, batch)
    case 'thread.message.created':
    case 'thread.message.completed':
    case 'thread.message.incomplete':
      if (!hasId(data)) return invalidEvent(state, name)
      return putMessage(opened(state, batch), data as unknown as Message, batch)
    case 'thread.message.in_progress': {
      // Like openai-node: an existing snapshot (which may already hold deltas) is kept.
      if (!hasId(data)) return invalidEvent(state, name)
      const open = opened(state, batch)
      return entry(state.messages, data.id) ? open : putMessage(open, data as unknown as Message, batch)
    }
    case 'runline.snapshot':
      return reduceSnapshot(state, data, batch)
    default:
      // Unknown names from newer servers are ignored.
      return state
  }
}

function reduceRunObject(state: RunState, run: unknown, batch: Batch | null): RunState {
  if (!hasId(run)) return invalidEvent(state, 'run event')
  if (run.id in Object.prototype) return withInputError(state, 'invalid_event', UNSAFE_ID)
  const next = writable(batch, opened(state, batch), copyState)
  next.run = run as Run
  if (typeof run.thread_id === 'string') next.threadId = run.thread_id
  return next
}

function reduceSnapshot(state: RunState, data: unknown, batch: Batch | null): RunState {
  if (!isRecord(data)) return invalidEvent(state, 'runline.snapshot')
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
    return withInputError(state, 'invalid_event', UNSAFE_ID)
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

function neverCreated(state: RunState, code: string, kind: string, id: string): RunState {
  return withInputError(state, code, `Delta for ${kind} ${id}, which was never created`)
}
