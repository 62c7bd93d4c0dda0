// `runline.items`: a past Responses turn folded from the items the real simulator's conversation kept.
import { createSimulator } from '@runline/simulator'
import { describe, expect, it } from 'vitest'
import { createRunStore, reduceRun } from '../all-wires.js'
import { createRunlineClient } from '../client/client.js'
import { initialRunState } from '../reduce.js'
import { selectRequiredToolCalls, selectStatus, selectTimeline } from '../selectors.js'
import type { RunState } from '../types.js'
import { selectResponses, selectResponsesApprovals } from './select.js'

const BASE_URL = 'http://simulator.test/v1'
type Item = Record<string, unknown> & { id: string; type: string }

/** A conversation on a fresh simulator and a way to play one user turn in it, answering as told. */
async function conversation() {
  const sim = createSimulator({ delayMs: 0 })
  const client = createRunlineClient({ baseUrl: BASE_URL, fetch: sim.fetchLike })
  const { id } = await client.conversations.create()
  const respond = (input: unknown) =>
    client.responses.create({ model: 'runline-sim', conversation: id, input } as never)
  /** Every item of the conversation, oldest first. */
  const items = async () => {
    const all: Item[] = []
    for await (const item of client.conversations.items.list(id, { order: 'asc' })) all.push(item as Item)
    return all
  }
  return { id, respond, items }
}

/** The turn's items: everything after its user message. */
const afterUser = (items: readonly Item[]) => items.slice(items.findIndex((i) => i.role === 'user') + 1)

const fold = (items: readonly unknown[], threadId = 'conv_1'): RunState =>
  reduceRun(initialRunState, { event: 'runline.items', data: { items, threadId } })

const rowTypes = (state: RunState) => selectTimeline(state).map((row) => (row.item as unknown as Item).type)

describe('runline.items', () => {
  it('the weather loop: one response per run of output, the function output as the next one’s input', async () => {
    const conv = await conversation()
    const first = await conv.respond('What is the weather in Paris?')
    const calls = first.output.filter((item) => item.type === 'function_call')
    expect(calls.length).toBeGreaterThan(0)
    await conv.respond(
      calls.map((call) => ({ type: 'function_call_output', call_id: call.call_id, output: '21 C, sunny' })),
    )
    const turn = afterUser(await conv.items())
    const state = fold(turn, conv.id)

    expect(selectStatus(state)).toBe('completed')
    expect(state.phase).toBe('done')
    expect(state.threadId).toBe(conv.id)
    expect(selectRequiredToolCalls(state)).toEqual([])
    // The rows are the output items, as a live turn shows them; the outputs are the second's input.
    expect(rowTypes(state)).toEqual([...calls.map(() => 'function_call'), 'message'])
    const [one, two] = state.responses!
    expect(state.responses).toHaveLength(2)
    expect(one!.input).toEqual([])
    expect(two!.input!.map((item) => item.call_id)).toEqual(calls.map((call) => call.call_id))
    expect(selectResponses(state)[1]!.output_text).toBe(
      (turn.at(-1)!.content as { text: string }[]).map((part) => part.text).join(''),
    )
    expect(selectResponses(state)[0]).toMatchObject({ status: 'completed', conversation: { id: conv.id } })
  })

  it('an MCP approval answered in the turn waits no more; one still unanswered does', async () => {
    const conv = await conversation()
    const asked = await conv.respond('Use the mcp docs tool, with approval')
    const request = asked.output.find((item) => item.type === 'mcp_approval_request')!
    const waiting = fold(afterUser(await conv.items()))
    expect(selectStatus(waiting)).toBe('requires_action')
    expect(selectResponsesApprovals(waiting).map((call) => call.id)).toEqual([request.id])

    await conv.respond([{ type: 'mcp_approval_response', approval_request_id: request.id, approve: true }])
    const answered = fold(afterUser(await conv.items()))
    expect(selectStatus(answered)).toBe('completed')
    expect(selectResponsesApprovals(answered)).toEqual([])
    expect(rowTypes(answered)).toContain('mcp_call')
    expect(rowTypes(answered)).not.toContain('mcp_approval_response')
  })

  it('a turn that ended waiting for a function output reads requires_action', async () => {
    const conv = await conversation()
    await conv.respond('weather in Tokyo')
    const state = fold(afterUser(await conv.items()))
    expect(selectStatus(state)).toBe('requires_action')
    expect(selectRequiredToolCalls(state).map((call) => call.function.name)).toContain('get_weather')
  })

  it('a turn whose last item was cut short is incomplete', () => {
    const state = fold([
      { id: 'msg_1', type: 'message', role: 'assistant', status: 'incomplete', content: [] },
    ])
    expect(selectStatus(state)).toBe('incomplete')
  })

  it('refuses data without items and keeps the state; leaves out entries that are not objects', () => {
    const before = fold([{ id: 'msg_1', type: 'message', role: 'assistant', content: [] }])
    const refused = reduceRun(before, { event: 'runline.items', data: { items: 'no' } } as never)
    expect(refused.responses).toBe(before.responses)
    expect(refused.error).toMatchObject({ code: 'invalid_event', source: 'input' })

    const partly = fold([null, { id: 'rs_1', type: 'reasoning', summary: [] }, 7])
    expect(rowTypes(partly)).toEqual(['reasoning'])
    expect(partly.error?.message).toMatch(/left out 2 entries/)
  })

  it('commits at once in a store (a snapshot, not a stream delta)', () => {
    const store = createRunStore({ scheduler: () => () => {} })
    store.dispatch({
      event: 'runline.items',
      data: { items: [{ id: 'm', type: 'message', role: 'assistant' }] },
    })
    expect(selectResponses(store.getState())).toHaveLength(1)
  })
})
