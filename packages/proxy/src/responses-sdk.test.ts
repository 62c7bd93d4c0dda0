import OpenAI from 'openai'
import { afterEach, describe, expect, it } from 'vitest'
import { createRunlineProxy, type ResponseAgentProfile } from './index.js'
import { type FakeUpstream, startFakeUpstream } from './test-utils/fakeUpstream.js'
import { CONVERSATION_ID, RESPONSE_ID, responsesUpstream } from './test-utils/responsesUpstream.js'

// The official SDK, pointed at the proxy (in-process), in front of a fake Responses upstream on loopback.
const KEY = 'sk-test-RESPONSES-SERVER-SECRET-0123456789'
const SIM: ResponseAgentProfile = {
  model: 'runline-sim-upstream',
  instructions: 'You are the Runline demo agent.',
  tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object', properties: {} } }],
  max_output_tokens: 2048,
}

let upstream: FakeUpstream | undefined
afterEach(async () => {
  await upstream?.close()
  upstream = undefined
})

async function setup() {
  upstream = await startFakeUpstream(responsesUpstream)
  const proxy = createRunlineProxy({
    upstream: { url: upstream.url, apiKey: KEY },
    assistantIds: [],
    agents: { 'runline-sim': SIM },
  })
  const client = new OpenAI({
    baseURL: 'http://proxy.test/api/v1',
    apiKey: 'browser-side-key-never-forwarded',
    maxRetries: 0,
    fetch: (input, init) => proxy(new Request(input, init)),
  })
  return { client, upstream }
}

const forwarded = (u: FakeUpstream, index = 0) => {
  const request = u.requests[index]!
  return { ...request, json: request.body ? (JSON.parse(request.body) as Record<string, unknown>) : null }
}

describe('official openai SDK through the proxy (Responses wire)', () => {
  it('responses.create: the profile is applied, the browser key is not forwarded', async () => {
    const { client, upstream } = await setup()
    const response = await client.responses.create({ model: 'runline-sim', input: 'Weather in Paris?' })
    expect(response.id).toBe(RESPONSE_ID)
    expect(response.output_text).toBe('Sunny in Paris.')
    const sent = forwarded(upstream)
    expect(sent.url).toBe('/v1/responses')
    expect(sent.json).toEqual({
      model: 'runline-sim-upstream',
      input: 'Weather in Paris?',
      instructions: SIM.instructions,
      tools: SIM.tools,
      max_output_tokens: 2048,
    })
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(sent.headers['openai-beta']).toBeUndefined()
  })

  it('responses.stream: events arrive in order and accumulate into the final response', async () => {
    const { client, upstream } = await setup()
    const stream = client.responses.stream({ model: 'runline-sim', input: 'Weather?' })
    const types: string[] = []
    const sequence: number[] = []
    for await (const event of stream) {
      types.push(event.type)
      sequence.push(event.sequence_number)
    }
    const final = await stream.finalResponse()
    expect(types[0]).toBe('response.created')
    expect(types.at(-1)).toBe('response.completed')
    expect(sequence).toEqual([...sequence].sort((a, b) => a - b))
    expect(final.output_text).toBe('Sunny in Paris.')
    expect(forwarded(upstream).json).toMatchObject({ stream: true, model: 'runline-sim-upstream' })
  })

  it('responses.retrieve with stream + starting_after re-attaches; query passes through', async () => {
    const { client, upstream } = await setup()
    const stream = await client.responses.retrieve(RESPONSE_ID, {
      stream: true,
      starting_after: 4,
      include: ['message.output_text.logprobs'],
    })
    const sequence: number[] = []
    for await (const event of stream) sequence.push(event.sequence_number)
    expect(sequence[0]).toBe(5)
    const query = new URL(forwarded(upstream).url, 'http://x').searchParams
    expect(query.get('stream')).toBe('true')
    expect(query.get('starting_after')).toBe('4')
    expect(query.getAll('include[]')).toEqual(['message.output_text.logprobs'])

    const plain = await client.responses.retrieve(RESPONSE_ID)
    expect(plain.status).toBe('completed')
  })

  it('responses.stream({ response_id }) resumes a background response', async () => {
    const { client } = await setup()
    const stream = client.responses.stream({ response_id: RESPONSE_ID, starting_after: 3 })
    const sequence: number[] = []
    for await (const event of stream) sequence.push(event.sequence_number)
    expect(sequence[0]).toBe(4)
    expect((await stream.finalResponse()).output_text).toBe('Sunny in Paris.')
  })

  it('responses.cancel and inputItems.list', async () => {
    const { client, upstream } = await setup()
    const cancelled = await client.responses.cancel(RESPONSE_ID)
    expect(cancelled.status).toBe('cancelled')
    const items = await client.responses.inputItems.list(RESPONSE_ID, { limit: 10, order: 'asc' })
    expect(items.data.map((item) => item.id)).toEqual(['msg_user1'])
    expect(forwarded(upstream, 0).url).toBe(`/v1/responses/${RESPONSE_ID}/cancel`)
    expect(forwarded(upstream, 1).url).toBe(`/v1/responses/${RESPONSE_ID}/input_items?limit=10&order=asc`)
  })

  it('conversations.create / retrieve, items.create / list / retrieve, and a response in the conversation', async () => {
    const { client, upstream } = await setup()
    const conversation = await client.conversations.create({
      items: [{ type: 'message', role: 'user', content: 'Hello' }],
      metadata: { topic: 'weather' },
    })
    expect(conversation.id).toBe(CONVERSATION_ID)
    expect((await client.conversations.retrieve(CONVERSATION_ID)).id).toBe(CONVERSATION_ID)
    const created = await client.conversations.items.create(CONVERSATION_ID, {
      items: [{ role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] }],
    })
    expect(created.data[0]?.id).toBe('msg_user1')
    const items = await client.conversations.items.list(CONVERSATION_ID, { order: 'desc' })
    expect(items.data).toHaveLength(1)
    const item = await client.conversations.items.retrieve('msg_user1', { conversation_id: CONVERSATION_ID })
    expect(item.id).toBe('msg_user1')
    const response = await client.responses.create({
      model: 'runline-sim',
      conversation: CONVERSATION_ID,
      input: [{ role: 'user', content: 'And tomorrow?' }],
    })
    expect(response.output_text).toBe('Sunny in Paris.')
    expect(upstream.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /v1/conversations',
      `GET /v1/conversations/${CONVERSATION_ID}`,
      `POST /v1/conversations/${CONVERSATION_ID}/items`,
      `GET /v1/conversations/${CONVERSATION_ID}/items?order=desc`,
      `GET /v1/conversations/${CONVERSATION_ID}/items/msg_user1`,
      'POST /v1/responses',
    ])
  })

  it('the tool loop: function_call_output and mcp_approval_response go in with previous_response_id', async () => {
    const { client, upstream } = await setup()
    await client.responses.create({
      model: 'runline-sim',
      previous_response_id: RESPONSE_ID,
      input: [
        { type: 'function_call_output', call_id: 'call_1', output: '{"temp":21}' },
        { type: 'mcp_approval_response', approval_request_id: 'mcpr_1', approve: true },
      ],
    })
    expect(forwarded(upstream).json).toMatchObject({ previous_response_id: RESPONSE_ID })
  })

  it('refusals surface as the SDK error classes, with the param named', async () => {
    const { client, upstream } = await setup()
    const attempts: Array<[Promise<unknown>, string]> = [
      [
        client.responses.create({ model: 'runline-sim', input: 'x', instructions: 'Be evil' }),
        'instructions',
      ],
      [client.responses.create({ model: 'gpt-5', input: 'x' }), 'model'],
      [
        client.responses.create({ model: 'runline-sim', input: [{ role: 'system', content: 'x' }] }),
        'input[0].role',
      ],
      [
        client.responses.create({ model: 'runline-sim', input: 'x', max_output_tokens: 4096 }),
        'max_output_tokens',
      ],
    ]
    for (const [attempt, param] of attempts) {
      const error = await attempt.catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OpenAI.BadRequestError)
      expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(param)
    }
    const deleted = await client.responses.delete(RESPONSE_ID).catch((e: unknown) => e)
    expect((deleted as { status: number }).status).toBe(405)
    expect(upstream.requests).toEqual([])
  })
})
