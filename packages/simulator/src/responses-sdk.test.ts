/**
 * The official `openai` SDK runs every Responses and Conversations flow against the simulator in-process
 * (its `fetch` pointed at the simulator): what it accumulates from a stream equals what the simulator's
 * `retrieve` answers for the same id, deep-equal.
 */
import OpenAI from 'openai'
import type { ResponseStreamEvent } from 'openai/resources/responses/responses'
import { describe, expect, it } from 'vitest'
import { createSimulator } from './index.js'
import { unparsed } from './test-utils/responses.js'

function client(delayMs = 0) {
  const sim = createSimulator({ delayMs, now: () => 1_761_861_531_000 })
  return new OpenAI({ apiKey: 'x', baseURL: 'http://sim.test/v1', fetch: sim.fetchLike, maxRetries: 0 })
}

describe('the openai SDK against the Responses face', () => {
  it('responses.stream: events in order, finalResponse() equals retrieve', async () => {
    const openai = client()
    for (const input of [
      'search the docs',
      'search the web',
      'plot 1 2 3',
      'reasoning',
      'draw 1 2',
      'hello',
    ]) {
      const stream = openai.responses.stream({
        model: 'runline-sim',
        input,
        include: ['file_search_call.results'],
      })
      const types: string[] = []
      for await (const event of stream) types.push(event.type)
      const final = await stream.finalResponse()
      expect(types[0]).toBe('response.created')
      expect(types.at(-1)).toBe('response.completed')
      expect(final.status).toBe('completed')
      expect(final.output_text.length).toBeGreaterThan(0)
      expect(await openai.responses.retrieve(final.id)).toEqual(unparsed(final))
    }
  })

  it('responses.create: the weather loop over previous_response_id, non-stream and stream', async () => {
    const openai = client()
    const first = await openai.responses.create({
      model: 'runline-sim',
      input: 'weather in Paris and in Tokyo',
    })
    expect(first.status).toBe('completed')
    const calls = first.output.filter((item) => item.type === 'function_call')
    expect(calls.map((call) => JSON.parse(call.arguments).location)).toEqual(['Paris', 'Tokyo'])
    expect(await openai.responses.retrieve(first.id)).toEqual(first)

    const events = await openai.responses.create({
      model: 'runline-sim',
      previous_response_id: first.id,
      input: calls.map((call) => ({
        type: 'function_call_output' as const,
        call_id: call.call_id,
        output: 'sunny',
      })),
      stream: true,
    })
    const seen: ResponseStreamEvent[] = []
    for await (const event of events) seen.push(event)
    const last = seen.at(-1)
    if (last?.type !== 'response.completed') throw new Error(`ended with ${last?.type}`)
    expect(seen.map((event) => event.sequence_number)).toEqual(seen.map((_, index) => index))
    const answer = await openai.responses.retrieve(last.response.id)
    expect({ ...last.response, output_text: answer.output_text }).toEqual(answer)
    expect(answer.output_text).toContain('**Paris**: sunny')
    expect(answer.previous_response_id).toBe(first.id)
    const inputs = await openai.responses.inputItems.list(answer.id, { order: 'asc' })
    expect(inputs.data.map((item) => item.type)).toEqual(['function_call_output', 'function_call_output'])
  })

  it('MCP approval: the request, then the call runs once approved', async () => {
    const openai = client()
    const asked = await openai.responses.create({
      model: 'runline-sim',
      input: 'approve a runline_docs mcp call',
    })
    const request = asked.output.find((item) => item.type === 'mcp_approval_request')
    if (!request) throw new Error('no approval request')
    const stream = openai.responses.stream({
      model: 'runline-sim',
      previous_response_id: asked.id,
      input: [{ type: 'mcp_approval_response', approval_request_id: request.id, approve: true }],
    })
    const final = await stream.finalResponse()
    const mcpCall = final.output.find((item) => item.type === 'mcp_call')
    expect(mcpCall).toMatchObject({
      status: 'completed',
      approval_request_id: request.id,
      name: 'search_docs',
    })
    expect(await openai.responses.retrieve(final.id)).toEqual(unparsed(final))
  })

  it('background: retrieve with stream and starting_after re-attaches; cancel ends it', async () => {
    const openai = client(1)
    const queued = await openai.responses.create({ model: 'runline-sim', input: 'hello', background: true })
    expect(queued.status).toBe('queued')
    const resumed = await openai.responses.retrieve(queued.id, { stream: true, starting_after: 2 })
    const seen: ResponseStreamEvent[] = []
    for await (const event of resumed) seen.push(event)
    expect(seen[0]?.sequence_number).toBe(3)
    expect(seen.at(-1)?.type).toBe('response.completed')

    const again = openai.responses.stream({ response_id: queued.id, starting_after: 4 })
    const final = await again.finalResponse()
    expect(await openai.responses.retrieve(queued.id)).toEqual(unparsed(final))

    const slow = await openai.responses.create({ model: 'runline-sim', input: 'slow', background: true })
    const live = await openai.responses.retrieve(slow.id, { stream: true })
    let deltas = 0
    for await (const event of live)
      if (event.type === 'response.output_text.delta' && ++deltas === 3) {
        const cancelled = await openai.responses.cancel(slow.id)
        expect(cancelled.status).toBe('cancelled')
      }
    expect(deltas).toBe(3)
    expect((await openai.responses.retrieve(slow.id)).status).toBe('cancelled')
    await expect(openai.responses.cancel(final.id)).rejects.toMatchObject({ status: 400 })
  })

  it('conversations: create with items, a response in it appends, items list and create', async () => {
    const openai = client()
    const conversation = await openai.conversations.create({
      items: [{ type: 'message', role: 'user', content: 'weather in Lima' }],
      metadata: { topic: 'weather' },
    })
    expect(await openai.conversations.retrieve(conversation.id)).toEqual(conversation)
    const first = await openai.responses.create({
      model: 'runline-sim',
      conversation: conversation.id,
      input: [],
    })
    const call = first.output.find((item) => item.type === 'function_call')
    if (!call) throw new Error('no function call')
    const answer = await openai.responses
      .stream({
        model: 'runline-sim',
        conversation: conversation.id,
        input: [{ type: 'function_call_output', call_id: call.call_id, output: '19 °C' }],
      })
      .finalResponse()
    expect(answer.output_text).toContain('**Lima**: 19 °C')
    expect(await openai.responses.retrieve(answer.id)).toEqual(unparsed(answer))

    const items = await openai.conversations.items.list(conversation.id, { order: 'asc' })
    expect(items.data.map((item) => item.type)).toEqual([
      'message',
      'function_call',
      'function_call_output',
      'message',
    ])
    const page = await openai.conversations.items.list(conversation.id, { order: 'asc', limit: 2 })
    expect(page.has_more).toBe(true)
    const next = await openai.conversations.items.list(conversation.id, {
      order: 'asc',
      after: page.data[1]?.id,
    })
    expect(next.data.map((item) => item.id)).toEqual(items.data.slice(2).map((item) => item.id))
    const added = await openai.conversations.items.create(conversation.id, {
      items: [{ type: 'message', role: 'user', content: 'thanks' }],
    })
    expect(added.data).toHaveLength(1)
    const newest = await openai.conversations.items.list(conversation.id)
    expect(newest.data[0]?.id).toBe(added.data[0]?.id)
  })
})
