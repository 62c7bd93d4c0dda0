// Folds the Responses wire's events (`response.*`, and `error` during a response) into RunState.
// One run is one user turn: each `response.created` begins the next response of the turn, and its
// `sequence_number` starts over. Items are placed by `output_index`, never by item id.
import { type Batch, copyState, settle, type Writable, writable } from '../batch.js'
import { isRecord } from '../merge.js'
import { SEQUENCE_GAP } from '../responses-parts.js'
import { TextBuilder } from '../text-builder.js'
import type { RunlineStateError, RunState } from '../types.js'
import { appendFragment } from './append.js'
import { copyResponseState } from './copies.js'
import { withPendingInput } from './input-items.js'
import {
  type Copy,
  checkIndex,
  foldItemEvent,
  placed,
  ResponseInputError,
  SKIP,
  TEXT_EVENTS,
} from './items.js'
import type { Response, ResponseOutputItem, ResponseState } from './types.js'

type Json = Record<string, any>

const NONE: readonly never[] = Object.freeze([])
const NO_IMAGES: Readonly<Record<number, never>> = Object.freeze({})

/**
 * Folds one `response.*` event (the reducer's Responses family, see responses/parts.ts). Throws only
 * {@link ResponseInputError} (the caller makes it an error in state). With a `batch` (a run folder's), objects the batch created are written in place (see `Batch`).
 */
export function reduceResponseEvent(
  state: RunState,
  name: string,
  data: unknown,
  batch: Batch | null,
): RunState {
  const copy: Copy = batch
  if (!isRecord(data)) throw new ResponseInputError(`${name}: data is not an object`, 'invalid_event')
  // Fragment deltas first: most of a stream (see append.ts).
  const appended = appendFragment(state, name, data, batch)
  if (appended !== undefined) return appended
  // What follows may read any text: the batch's pending fragments go in first.
  if (batch !== null) settle(batch)
  const responses = state.responses ?? NONE
  const last = responses.length > 0 ? responses[responses.length - 1]! : undefined
  const seq = typeof data.sequence_number === 'number' ? data.sequence_number : null
  const payload =
    isRecord(data.response) && typeof data.response.id === 'string' ? (data.response as Json) : null
  // `response.created` of another response begins the next one (the current one replayed is folded
  // like any event: ignored when old); so does any event carrying a whole response before the first.
  if (
    payload !== null &&
    (last === undefined || (name === 'response.created' && last.response.id !== payload.id))
  ) {
    // It takes the input items the client sent to begin it (`runline.input_items`).
    const [rest, begun] = withPendingInput(state, begin(payload, seq))
    // Copied, not spread: every state the fold makes has one shape (see `opened`).
    const next = copyState(rest) as Writable<RunState>
    next.responses = [...responses, begun]
    if (next.phase !== 'open' && next.phase !== 'errored') next.phase = 'open'
    return next
  }
  if (last === undefined) {
    throw new ResponseInputError(`${name} before any response.created`, 'unknown_response')
  }
  // Sequence: an old or repeated event (a re-attached stream) changes nothing; a gap is reported.
  if (seq !== null && seq <= last.sequence) return state
  let error: RunlineStateError | null = null
  if (seq !== null && last.sequence >= 0 && seq > last.sequence + 1) {
    error = {
      code: SEQUENCE_GAP,
      message: `${name}: sequence_number ${seq} follows ${last.sequence} (events ${last.sequence + 1}…${seq - 1} are missing)`,
      source: 'input',
    }
  }
  const sequence = seq ?? last.sequence
  let next: ResponseState
  try {
    next = foldInto(last, name, data, payload, sequence, copy)
  } catch (e) {
    // Refused input: the sequence still moves on, so the next event is not reported as a gap.
    const refused = put(state, responses, withSequence(last, sequence), null)
    if (e instanceof ResponseInputError) {
      return { ...refused, error: { code: e.code, message: `${name}: ${e.message}`, source: 'input' } }
    }
    throw e
  }
  const out = opened(put(state, responses, next, batch))
  return error ? { ...out, error } : out
}

/**
 * The turn's responses with the last one replaced. The list is never written in place, even in a
 * batch: selectors memoize on it, and the callback adapter reads a batch's pending state, so a list
 * that changed in place would hand them what they derived before (a turn waiting for its calls read
 * `completed`). A response the batch owns is written in place and keeps its place in the list.
 */
function put(
  state: RunState,
  responses: readonly ResponseState[],
  last: ResponseState,
  batch: Batch | null,
): RunState {
  if (responses[responses.length - 1] === last && state.responses === responses) return state
  const list = responses.slice()
  list[list.length - 1] = last
  const next = writable(batch, state, copyState)
  next.responses = list
  return next
}

/** The stream is open once an event arrives (a stream that reported an error stays `errored`, as on the Assistants wire). */
function opened(state: RunState): RunState {
  if (state.phase === 'open' || state.phase === 'errored') return state
  // Copied and written, not spread: a spread's object has a hidden class of its own, and every
  // delta's `copyState` reads the state it is given, property by property. Those reads stay fast
  // while the states they meet have a few shapes; past four the site is megamorphic, each read a
  // lookup in V8's global cache, which whatever ran in between may have evicted.
  const next = copyState(state) as Writable<RunState>
  next.phase = 'open'
  return next
}

function begin(response: Json, seq: number | null): ResponseState {
  return fromLifecycle(
    {
      response: response as Response,
      output: NONE,
      outputText: null,
      sequence: -1,
      partialImages: NO_IMAGES,
      errors: NONE,
      // Its own (a builder is written as it builds): a response's texts begin empty.
      textBuilder: new TextBuilder(),
    },
    response,
    seq ?? -1,
  )
}

function fromLifecycle(current: ResponseState, response: Json, sequence: number): ResponseState {
  const output = Array.isArray(response.output) ? (response.output as ResponseOutputItem[]) : NONE
  const text = response.output_text
  // The keys in the order `copyResponseState` writes them, `input` added only where there is one:
  // response states keep the shape of that copy's (see `opened` for why shapes matter).
  const next: Writable<ResponseState> = {
    response: response as Response,
    output,
    outputText: typeof text === 'string' ? text : null,
    sequence,
    partialImages: current.partialImages,
    errors: current.errors,
    textBuilder: current.textBuilder,
  }
  if (current.input) next.input = current.input
  return next
}

function foldInto(
  rs: ResponseState,
  name: string,
  e: Json,
  payload: Json | null,
  sequence: number,
  copy: Copy,
): ResponseState {
  if (payload !== null) return fromLifecycle(rs, payload, sequence)
  switch (name) {
    case 'response.output_item.added':
    case 'response.output_item.done': {
      if (!isRecord(e.item)) throw new ResponseInputError('an item that is not an object', 'invalid_event')
      const output = placed(rs.output, e.output_index, e.item as unknown as ResponseOutputItem, 'output')
      const next = copyResponseState(rs) as Writable<ResponseState>
      next.output = output
      if (touchesText(rs, e.item)) next.outputText = null
      next.sequence = sequence
      return next
    }
    case 'response.image_generation_call.partial_image': {
      const at = checkIndex(e.output_index, rs.output.length, 'output', false)
      const image = {
        output_index: at,
        item_id: e.item_id,
        partial_image_index: e.partial_image_index,
        partial_image_b64: e.partial_image_b64,
      }
      const next = withSequence(rs, sequence)
      next.partialImages = { ...rs.partialImages, [at]: image }
      return next
    }
  }
  if (!('output_index' in e)) {
    const next = copyResponseState(rs) as Writable<ResponseState>
    next.sequence = sequence
    return next
  }
  const at = checkIndex(e.output_index, rs.output.length, 'output', false)
  const item = rs.output[at] as Json | undefined
  if (!isRecord(item)) throw new ResponseInputError(`no output item at index ${at}`, 'unknown_item')
  const folded = foldItemEvent(item, name, e, copy)
  const next = writable(copy, rs, copyResponseState) as Writable<ResponseState>
  next.sequence = sequence
  // An item event this version does not know (or one that does not apply to the item's type).
  if (folded === undefined || folded === SKIP) return next
  if (folded !== item) {
    const output = writable(copy, rs.output as ResponseOutputItem[])
    output[at] = folded as ResponseOutputItem
    next.output = output
  }
  if (rs.outputText !== null && TEXT_EVENTS.has(name)) next.outputText = null
  return next
}

/** A copy of `rs` at `sequence`, for the caller to write (copied, not spread: see `opened`). */
function withSequence(rs: ResponseState, sequence: number): Writable<ResponseState> {
  const next = copyResponseState(rs) as Writable<ResponseState>
  next.sequence = sequence
  return next
}

function touchesText(rs: ResponseState, item: Json): boolean {
  return rs.outputText !== null && item.type === 'message'
}

/**
 * An `error` event during a response: kept with the response (the accumulated `Response` leaves it
 * out) and its `sequence_number` folded, so the events after it are not reported as a gap.
 */
export function noteResponseError(state: RunState, data: unknown): RunState {
  const responses = state.responses
  if (!responses || responses.length === 0 || !isRecord(data)) return state
  const last = responses[responses.length - 1]!
  const seq = data.sequence_number
  if (typeof seq !== 'number' || seq <= last.sequence) return state
  const next = withSequence(last, seq)
  next.errors = [...last.errors, data]
  return put(state, responses, next, null)
}
