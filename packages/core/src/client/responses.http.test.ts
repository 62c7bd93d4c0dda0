// The Responses wire's client resources against a real node:http server on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest'
import { createRunlineClient, initialRunState, reduceRun, selectResponses } from '../index.js'
import { closeServers, sendJson, startServer } from '../test-utils/loopback.js'
import { loadResponsesRecordings } from '../test-utils/responses.js'

afterEach(closeServers)

const recording = loadResponsesRecordings().find((r) => r.name.includes('mcp-tool-approval.1'))!
const response = (status: string) => ({ id: 'resp_1', object: 'response', status, output: [] })

describe('client.responses', () => {
  it('creates (± background) without `stream`, retrieves with include[], cancels', async () => {
    const server = await startServer((req, res) =>
      sendJson(res, 200, response(req.url.endsWith('/cancel') ? 'cancelled' : 'queued')),
    )
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    const created = await client.responses.create({ model: 'runline-sim', input: 'hi', background: true })
    expect(created.status).toBe('queued')
    await client.responses.retrieve('resp_1', { include: ['reasoning.encrypted_content'] })
    expect((await client.responses.cancel('resp_1')).status).toBe('cancelled')
    const [create, retrieve, cancel] = server.requests
    expect(create).toMatchObject({ method: 'POST', url: '/api/v1/responses' })
    expect(JSON.parse(create!.body)).toEqual({ model: 'runline-sim', input: 'hi', background: true })
    expect(retrieve).toMatchObject({
      method: 'GET',
      url: '/api/v1/responses/resp_1?include[]=reasoning.encrypted_content',
    })
    expect(cancel).toMatchObject({ method: 'POST', url: '/api/v1/responses/resp_1/cancel' })
  })

  it('streams a response and re-attaches with starting_after; the events fold into selectResponses', async () => {
    const server = await startServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      const after = Number(new URL(req.url, 'http://x').searchParams.get('starting_after') ?? -1)
      const text = new TextDecoder().decode(recording.bytes)
      const events = text.split('\n\n').filter((chunk, i) => chunk !== '' && i > after)
      res.end(events.map((chunk) => `${chunk}\n\n`).join(''))
    })
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    const stream = await client.responses.stream({ model: 'gpt-5-mini', input: 'approve' })
    let state = initialRunState
    for await (const event of stream) state = reduceRun(state, event)
    expect(selectResponses(state)[0]!.status).toBe('completed')
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      model: 'gpt-5-mini',
      input: 'approve',
      stream: true,
    })
    expect(server.requests[0]!.headers.accept).toBe('text/event-stream')

    // Re-attach after event 4: only the rest arrive, and the folded state ends the same.
    let partial = initialRunState
    for (const event of recording.events.slice(0, 5))
      partial = reduceRun(partial, { event: event.type, data: event } as never)
    const again = await client.responses.retrieveStream('resp_1', { starting_after: 4 })
    for await (const event of again) partial = reduceRun(partial, event)
    expect(server.requests[1]).toMatchObject({
      method: 'GET',
      url: '/api/v1/responses/resp_1?stream=true&starting_after=4',
    })
    expect(selectResponses(partial)).toEqual(selectResponses(state))
    expect(partial.error).toBeNull()
  })

  it('lists input items page by page', async () => {
    const server = await startServer((req, res) => {
      const after = new URL(req.url, 'http://x').searchParams.get('after')
      const data = after ? [{ id: 'item_3', type: 'message' }] : [{ id: 'item_1' }, { id: 'item_2' }]
      sendJson(res, 200, {
        object: 'list',
        data,
        first_id: data[0]!.id,
        last_id: data.at(-1)!.id,
        has_more: !after,
      })
    })
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    const ids: string[] = []
    for await (const item of client.responses.inputItems.list('resp_1', { limit: 2 })) ids.push(item.id!)
    expect(ids).toEqual(['item_1', 'item_2', 'item_3'])
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v1/responses/resp_1/input_items?limit=2',
      '/api/v1/responses/resp_1/input_items?limit=2&after=item_2',
    ])
  })
})

describe('client.conversations', () => {
  it('creates, retrieves, lists and adds items', async () => {
    const server = await startServer((req, res) => {
      if (req.url.includes('/items') && req.method === 'GET')
        return sendJson(res, 200, {
          object: 'list',
          data: [{ id: 'msg_1' }],
          first_id: 'msg_1',
          last_id: 'msg_1',
          has_more: false,
        })
      if (req.url.includes('/items'))
        return sendJson(res, 200, {
          object: 'list',
          data: [{ id: 'msg_2' }],
          first_id: 'msg_2',
          last_id: 'msg_2',
          has_more: false,
        })
      sendJson(res, 200, { id: 'conv_1', object: 'conversation', created_at: 1, metadata: {} })
    })
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    expect((await client.conversations.create({ metadata: { a: '1' } })).id).toBe('conv_1')
    await client.conversations.retrieve('conv_1')
    const page = await client.conversations.items.list('conv_1', { order: 'asc' })
    expect(page.data.map((item) => item.id)).toEqual(['msg_1'])
    const added = await client.conversations.items.create('conv_1', {
      items: [{ type: 'message', role: 'user', content: 'hi' }],
      include: ['message.output_text.logprobs'],
    })
    expect(added.data[0]!.id).toBe('msg_2')
    const [create, retrieve, list, add] = server.requests
    expect(create).toMatchObject({ method: 'POST', url: '/api/v1/conversations' })
    expect(JSON.parse(create!.body)).toEqual({ metadata: { a: '1' } })
    expect(retrieve).toMatchObject({ method: 'GET', url: '/api/v1/conversations/conv_1' })
    expect(list).toMatchObject({ method: 'GET', url: '/api/v1/conversations/conv_1/items?order=asc' })
    expect(add).toMatchObject({
      method: 'POST',
      url: '/api/v1/conversations/conv_1/items?include[]=message.output_text.logprobs',
    })
    expect(JSON.parse(add!.body)).toEqual({ items: [{ type: 'message', role: 'user', content: 'hi' }] })
  })
})

describe('headers on the wire', () => {
  it('OpenAI-Beta: assistants=v2 goes with Assistants paths only, never with Responses or Conversations', async () => {
    const created = { type: 'response.created', sequence_number: 0, response: response('in_progress') }
    const server = await startServer((req, res) => {
      if (req.headers.accept === 'text/event-stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.end(`event: response.created\ndata: ${JSON.stringify(created)}\n\n`)
        return
      }
      const list = {
        object: 'list',
        data: [{ id: 'item_1' }],
        first_id: 'item_1',
        last_id: 'item_1',
        has_more: false,
      }
      if (req.url.includes('/items')) return sendJson(res, 200, list)
      if (req.url.includes('/conversations'))
        return sendJson(res, 200, { id: 'conv_1', object: 'conversation' })
      if (req.url.includes('/threads')) return sendJson(res, 200, { id: 'thread_1', object: 'thread' })
      sendJson(res, 200, response('completed'))
    })
    const client = createRunlineClient({ baseUrl: server.baseUrl, headers: { 'x-app': 'runline' } })
    const drain = async (stream: AsyncIterable<unknown>) => {
      for await (const _ of stream);
    }
    await client.responses.create({ model: 'runline-sim', input: 'hi' })
    await drain(await client.responses.stream({ model: 'runline-sim', input: 'hi' }))
    await client.responses.retrieve('resp_1')
    await drain(await client.responses.retrieveStream('resp_1', { starting_after: 0 }))
    await client.responses.cancel('resp_1')
    await client.responses.inputItems.list('resp_1')
    await client.conversations.create()
    await client.conversations.retrieve('conv_1')
    await client.conversations.update('conv_1', { metadata: { a: '1' } })
    await client.conversations.items.list('conv_1')
    await client.conversations.items.create('conv_1', {
      items: [{ type: 'message', role: 'user', content: 'x' }],
    })
    await client.threads.create({})

    const responsesWire = server.requests.filter((r) => /^\/api\/v1\/(responses|conversations)\b/.test(r.url))
    expect(responsesWire).toHaveLength(11)
    for (const request of responsesWire) {
      expect(request.headers['openai-beta'], request.url).toBeUndefined()
      expect(request.headers['x-app'], request.url).toBe('runline')
    }
    const thread = server.requests.find((r) => r.url === '/api/v1/threads')!
    expect(thread.headers['openai-beta']).toBe('assistants=v2')
  })
})
