import { DeltaError, isRecord, mergeDelta } from './merge.js'
import type {
  Message,
  Run,
  RunlineStateError,
  RunState,
  RunStep,
  RunStreamEvent,
  StreamPhase,
} from './types.js'

/** The state before any event: no run, no steps, no messages, stream idle. */
export const initialRunState: RunState = Object.freeze({
  threadId: null,
  run: null,
  steps: Object.freeze({}),
  stepIds: Object.freeze([]),
  messages: Object.freeze({}),
  messageIds: Object.freeze([]),
  phase: 'idle',
  error: null,
  eventCount: 0,
}) as RunState

/**
 * Folds one event into the run state. Pure and total: it never throws, whatever it is given.
 * Unknown event names are ignored (the same state object comes back); input it cannot use becomes
 * `state.error` with `source: 'input'` and the previous snapshot is kept.
 *
 * Structural sharing: only the objects on the event's path are replaced, so selectors and React can
 * compare by reference. Each delta costs O(size of the delta), not O(what was streamed so far).
 */
export function reduceRun(state: RunState, event: RunStreamEvent): RunState {
  if (!isRecord(event) || typeof event.event !== 'string') {
    return withError(state, 'invalid_event', `Ignored an event that is not an {event, data} object`)
  }
  try {
    const next = reduceKnown(state, event)
    return next === state ? state : { ...next, eventCount: state.eventCount + 1 }
  } catch (error) {
    // Refused input keeps the previous snapshot; the stream goes on.
    if (error instanceof DeltaError) return withError(state, error.code, `${event.event}: ${error.message}`)
    return withError(state, 'invalid_event', `${event.event}: ${(error as Error)?.message ?? String(error)}`)
  }
}

function reduceKnown(state: RunState, event: RunStreamEvent): RunState {
  switch (event.event) {
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
      return reduceRunObject(state, event.data)
    case 'thread.run.step.created':
    case 'thread.run.step.in_progress':
    case 'thread.run.step.completed':
    case 'thread.run.step.failed':
    case 'thread.run.step.cancelled':
    case 'thread.run.step.expired': {
      const step = event.data
      if (!hasId(step)) return invalid(state, event.event)
      return putStep(opened(state), step)
    }
    case 'thread.run.step.delta': {
      const data = event.data
      if (!hasId(data) || !isRecord(data.delta)) return invalid(state, event.event)
      const current = state.steps[data.id]
      if (!current)
        return withError(state, 'unknown_step', `Delta for run step ${data.id}, which was never created`)
      return putStep(opened(state), mergeDelta(current, data.delta))
    }
    case 'thread.message.created': {
      const message = event.data
      if (!hasId(message)) return invalid(state, event.event)
      return putMessage(opened(state), message)
    }
    case 'thread.message.in_progress': {
      // Like openai-node: an existing snapshot (which may already hold deltas) is kept.
      const message = event.data
      if (!hasId(message)) return invalid(state, event.event)
      return state.messages[message.id] ? opened(state) : putMessage(opened(state), message)
    }
    case 'thread.message.completed':
    case 'thread.message.incomplete': {
      const message = event.data
      if (!hasId(message)) return invalid(state, event.event)
      return putMessage(opened(state), message)
    }
    case 'thread.message.delta': {
      const data = event.data
      if (!hasId(data) || !isRecord(data.delta)) return invalid(state, event.event)
      const current = state.messages[data.id]
      if (!current)
        return withError(state, 'unknown_message', `Delta for message ${data.id}, which was never created`)
      return putMessage(opened(state), mergeDelta(current, data.delta))
    }
    case 'error': {
      const data: Record<string, unknown> = isRecord(event.data) ? event.data : {}
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
      return { ...state, error, phase: error.source === 'input' ? state.phase : 'errored' }
    }
    case 'done':
      return state.phase === 'done' ? state : { ...state, phase: 'done' }
    case 'runline.connecting': {
      const threadId = event.data?.threadId
      return {
        ...state,
        phase: 'connecting',
        error: null,
        threadId: typeof threadId === 'string' ? threadId : state.threadId,
      }
    }
    case 'runline.disconnected':
      return state.phase === 'open' || state.phase === 'connecting' ? { ...state, phase: 'dropped' } : state
    case 'runline.error': {
      const data: Record<string, unknown> = isRecord(event.data) ? event.data : {}
      return {
        ...state,
        phase: 'errored',
        error: {
          code: typeof data.code === 'string' ? data.code : 'client_error',
          message: typeof data.message === 'string' ? data.message : 'Request failed.',
          source: 'client',
        },
      }
    }
    case 'runline.snapshot':
      return reduceSnapshot(state, event.data)
    case 'runline.reset':
      return state === initialRunState ? state : { ...initialRunState, eventCount: state.eventCount }
    default: {
      // Exhaustive over the known union; unknown names from newer servers are ignored.
      const unknown: never = event
      void unknown
      return state
    }
  }
}

function reduceRunObject(state: RunState, run: unknown): RunState {
  if (!hasId(run)) return invalid(state, 'run event')
  const next = opened(state)
  const threadId = typeof run.thread_id === 'string' ? run.thread_id : next.threadId
  return { ...next, run: run as Run, threadId }
}

function reduceSnapshot(state: RunState, data: unknown): RunState {
  if (!isRecord(data)) return invalid(state, 'runline.snapshot')
  let next = state
  if (hasId(data.run))
    next = { ...next, run: data.run as Run, threadId: (data.run as Run).thread_id ?? next.threadId }
  if (typeof data.threadId === 'string') next = { ...next, threadId: data.threadId }
  if (Array.isArray(data.steps))
    for (const step of data.steps) if (hasId(step)) next = putStep(next, step as RunStep)
  if (Array.isArray(data.messages)) {
    for (const message of data.messages) if (hasId(message)) next = putMessage(next, message as Message)
  }
  return next
}

/** The first stream event moves `connecting`/`idle` to `open`; later ones return the same state. */
function opened(state: RunState): RunState {
  const phase: StreamPhase = state.phase
  return phase === 'open' || phase === 'errored' ? state : { ...state, phase: 'open' }
}

function putStep(state: RunState, step: RunStep): RunState {
  const known = Object.hasOwn(state.steps, step.id)
  if (known && state.steps[step.id] === step) return state
  return {
    ...state,
    steps: { ...state.steps, [step.id]: step },
    stepIds: known ? state.stepIds : [...state.stepIds, step.id],
  }
}

function putMessage(state: RunState, message: Message): RunState {
  const known = Object.hasOwn(state.messages, message.id)
  if (known && state.messages[message.id] === message) return state
  return {
    ...state,
    messages: { ...state.messages, [message.id]: message },
    messageIds: known ? state.messageIds : [...state.messageIds, message.id],
  }
}

function hasId<T>(value: T): value is T & { id: string } & Record<string, any> {
  return isRecord(value) && typeof value.id === 'string' && value.id !== '' && !UNSAFE_IDS.has(value.id)
}

// Ids become keys of the state's records; these would reach the prototype.
const UNSAFE_IDS = new Set(['__proto__', 'constructor', 'prototype'])

function invalid(state: RunState, name: string): RunState {
  return withError(state, 'invalid_event', `${name}: data is missing an id or a delta`)
}

function withError(state: RunState, code: string, message: string): RunState {
  return { ...state, error: { code, message, source: 'input' }, eventCount: state.eventCount + 1 }
}
