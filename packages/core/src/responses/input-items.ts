// The input items the client sends to begin a turn's next response (function outputs, approval
// decisions). The API never echoes them in the stream, so the wire tells the store what it sent
// (`runline.input_items`) and the next `response.created` keeps them as that response's `input`:
// a live turn then knows its answers as a past turn read from its conversation does.
import { copyState, type Writable } from '../batch.js'
import { isRecord } from '../merge.js'
import type { RunState } from '../types.js'
import { copyResponseState } from './copies.js'
import type { ResponseState } from './types.js'

type Item = Readonly<Record<string, unknown>>

/**
 * Folds `runline.input_items` (`{ items }`): the items wait in `state.pendingInput` for the response
 * the next `response.created` begins (sending again replaces them). Entries that are not objects
 * are left out and reported in `state.error`; a payload without an items array is refused whole.
 */
export function reduceInputItems(state: RunState, data: unknown): RunState {
  if (!isRecord(data) || !Array.isArray(data.items)) {
    return refused(state, 'runline.input_items: data needs an items array')
  }
  const items = (data.items as unknown[]).filter((item): item is Item => isRecord(item))
  const next: RunState = { ...state, pendingInput: Object.freeze(items) }
  const skipped = data.items.length - items.length
  if (skipped === 0) return next
  return refused(
    next,
    `runline.input_items: left out ${skipped} ${skipped === 1 ? 'entry' : 'entries'} that are not objects`,
  )
}

/**
 * A response `response.created` just began, with the pending input items as its `input`, and the
 * state without them; the same when none wait.
 */
export function withPendingInput(state: RunState, begun: ResponseState): [RunState, ResponseState] {
  const input = state.pendingInput
  if (!input) return [state, begun]
  // Copies, not spreads: the fold's states keep one shape (see `opened` in reduce.ts).
  const rest = copyState(state) as Writable<RunState>
  rest.pendingInput = null
  const withInput = copyResponseState(begun) as Writable<ResponseState>
  withInput.input = input
  return [rest, withInput]
}

function refused(state: RunState, message: string): RunState {
  return { ...state, error: { code: 'invalid_event', message, source: 'input' } }
}
