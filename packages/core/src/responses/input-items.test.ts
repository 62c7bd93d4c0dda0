// `runline.input_items`: the answers a live turn sent become its next response's `input`, as a past
// turn read from its conversation has them; streamed from the real simulator's Responses face.
import { createSimulator } from '@runline/simulator'
import { describe, expect, it } from 'vitest'
import { createRunStore, reduceRun } from '../all-wires.js'
import { copyState } from '../batch.js'
import { createRunlineClient } from '../client/client.js'
import { initialRunState } from '../reduce.js'
import { selectRequiredToolCalls, selectStatus } from '../selectors.js'
import type { RunState, RunStreamEvent } from '../types.js'
import { selectResponses } from './select.js'

const BASE_URL = 'http://simulator.test/v1'
const WEATHER = "What's the weather in Paris and in Tokyo?"

/** The weather turn's two streams on a fresh simulator: the calls, then (given the answers) the rest. */
async function weatherTurn() {
  const sim = createSimulator({ delayMs: 0 })
  const client = createRunlineClient({ baseUrl: BASE_URL, fetch: sim.fetchLike })
  const drain = async (body: Record<string, unknown>) => {
    const events: RunStreamEvent[] = []
    for await (const event of await client.responses.stream({ model: 'runline-sim', ...body } as never))
      events.push(event)
    return events
  }
  const first = await drain({ input: [{ role: 'user', content: WEATHER }] })
  const waiting = first.reduce(reduceRun, initialRunState)
  const items = selectRequiredToolCalls(waiting).map((call) => ({
    type: 'function_call_output',
    call_id: call.id,
    output: `Sunny (${call.function.arguments})`,
  }))
  const id = selectResponses(waiting)[0]!.id
  const second = await drain({ previous_response_id: id, input: items })
  return { first, second, items, waiting }
}

describe('runline.input_items', () => {
  it('the next response takes the items sent to begin it as its input; Response stays the accumulator’s', async () => {
    const { first, second, items, waiting } = await weatherTurn()
    expect(selectStatus(waiting)).toBe('requires_action')
    const sent: RunStreamEvent = { event: 'runline.input_items', data: { items } }
    const pending = reduceRun(waiting, sent)
    expect(pending.pendingInput).toEqual(items)
    // Not answered until the response they begin exists.
    expect(pending.responses).toBe(waiting.responses)

    const answered = second.reduce(reduceRun, pending)
    expect(answered.pendingInput).toBeNull()
    expect(answered.responses!.map((rs) => rs.input)).toEqual([undefined, items])
    expect(selectStatus(answered)).toBe('completed')
    // The same events without the input items: the same responses, the input aside.
    const unaware = [...first, ...second].reduce(reduceRun, initialRunState)
    expect(selectResponses(answered)).toEqual(selectResponses(unaware))
    expect(selectResponses(answered).every((response) => !('input' in response))).toBe(true)

    // The run store's batch folds it the same.
    const store = createRunStore({ scheduler: () => () => {} })
    for (const event of [...first, sent, ...second]) store.dispatch(event)
    store.flush()
    expect(store.getState().responses!.map((rs) => rs.input)).toEqual([undefined, items])
  })

  it('a replayed response.created (a re-attached stream) takes nothing; sending again replaces; reset forgets', async () => {
    const { first, items } = await weatherTurn()
    const waiting = first.reduce(reduceRun, initialRunState)
    const again = reduceRun(
      reduceRun(waiting, { event: 'runline.input_items', data: { items: [{ type: 'x' }] } }),
      { event: 'runline.input_items', data: { items } },
    )
    expect(again.pendingInput).toEqual(items)
    // The first response's own `response.created` again: not a new response, nothing taken.
    const replayed = reduceRun(again, first[0]!)
    expect(replayed.pendingInput).toEqual(items)
    expect(replayed.responses![0]!.input).toBeUndefined()
    expect(reduceRun(again, { event: 'runline.reset' }).pendingInput).toBeNull()
    // A new state field has its place in the fast copy.
    expect(Object.keys(copyState(again))).toEqual(Object.keys(again))
  })

  it('bad input: no items array is refused whole; entries that are not objects are left out and reported', () => {
    const state: RunState = initialRunState
    const refused = reduceRun(state, { event: 'runline.input_items', data: { items: 'no' } } as never)
    expect(refused.pendingInput).toBeNull()
    expect(refused.error).toMatchObject({ code: 'invalid_event', source: 'input' })
    const item = { type: 'mcp_approval_response', approval_request_id: 'mcpr_1', approve: true }
    const partial = reduceRun(state, {
      event: 'runline.input_items',
      data: { items: [item, 7, null] },
    })
    expect(partial.pendingInput).toEqual([item])
    expect(partial.error?.message).toMatch(/left out 2 entries/)
  })
})
