// A run store commits once per frame and hands its callback adapter the pending state, which its
// batch may still write in place: the Responses selectors must not remember what they derived from
// it. Streams from the real simulator's Responses face, cut into one batch per commit.
import { createSimulator } from '@runline/simulator'
import { describe, expect, it } from 'vitest'
import { createRunStore, reduceRun } from '../all-wires.js'
import { createRunlineClient } from '../client/client.js'
import { initialRunState } from '../reduce.js'
import { selectStatus, selectUsage } from '../selectors.js'
import type { RunStreamEvent } from '../types.js'
import { selectResponsesRun } from './run.js'
import { selectResponsesApprovals, selectResponsesToolCalls } from './select.js'

async function eventsOf(input: string): Promise<RunStreamEvent[]> {
  const sim = createSimulator({ delayMs: 0 })
  const client = createRunlineClient({ baseUrl: 'http://simulator.test/v1', fetch: sim.fetchLike })
  const events: RunStreamEvent[] = []
  const stream = await client.responses.stream({ model: 'runline-sim', input } as never)
  await stream.forEach((event) => {
    events.push(event)
  })
  return events
}

/** A store that commits only when told, whose `onEvent` reads the turn as a run from the pending state. */
function frameStore() {
  return createRunStore({
    scheduler: () => () => {},
    onEventSnapshots: false,
    onEvent: (_event, state) => void selectResponsesRun(state),
  })
}

describe('the Responses selectors on a store’s pending state', () => {
  it.each([
    ['a function call', 'What is the weather in Paris?'],
    ['an MCP approval request', 'Search the docs over mcp'],
  ])('a response that completed waiting for %s reads requires_action in one batch', async (_, input) => {
    const events = await eventsOf(input)
    const pure = events.reduce(reduceRun, initialRunState)
    const store = frameStore()
    for (const event of events) store.dispatch(event)
    store.flush()
    const state = store.getState()
    expect(selectStatus(pure)).toBe('requires_action')
    expect(selectStatus(state)).toBe('requires_action')
    expect(selectResponsesToolCalls(state)).toEqual(selectResponsesToolCalls(pure))
    expect(selectResponsesApprovals(state)).toEqual(selectResponsesApprovals(pure))
    expect(selectUsage(state)).toEqual(selectUsage(pure))
    expect(selectUsage(state)).not.toBeNull()
  })

  it('usage is the same object while no response changed', async () => {
    const events = await eventsOf('Hello')
    const state = events.reduce(reduceRun, initialRunState)
    expect(selectUsage(state)).toBe(selectUsage({ ...state }))
  })
})
