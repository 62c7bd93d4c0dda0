import type { ServerResponse } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { createRunlineProxy, MAX_JSON_DEPTH, type RunlineProxyOptions } from './index.js'
import { type FakeUpstream, type FakeUpstreamHandler, startFakeUpstream } from './test-utils/fakeUpstream.js'
import { responsesUpstream } from './test-utils/responsesUpstream.js'

// The Responses wire's security posture: what the browser may not choose is refused before the upstream.
const KEY = 'sk-test-RESPONSES-SERVER-SECRET-0123456789'
const AGENT = {
  model: 'upstream-model',
  instructions: 'Pinned instructions.',
  tools: [{ type: 'web_search' }],
  max_output_tokens: 1000,
}

let upstream: FakeUpstream | undefined
afterEach(async () => {
  await upstream?.close()
  upstream = undefined
})

async function setup(
  overrides: Partial<RunlineProxyOptions> = {},
  handler: FakeUpstreamHandler = responsesUpstream,
  idleTimeoutMs?: number,
) {
  upstream = await startFakeUpstream(handler)
  const proxy = createRunlineProxy({
    upstream: { url: upstream.url, apiKey: KEY, ...(idleTimeoutMs ? { idleTimeoutMs } : {}) },
    assistantIds: [],
    agents: { 'runline-sim': AGENT },
    ...overrides,
  })
  return { proxy, upstream }
}

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://proxy.test/api/v1${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
}

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; param: string | null; message: string } }).error

const create = (extra: Record<string, unknown>) => ({ model: 'runline-sim', input: 'hi', ...extra })

describe('Responses routes', () => {
  it.each([
    ['DELETE', '/responses/resp_1', 405],
    ['GET', '/responses', 405],
    ['POST', '/responses/resp_1', 405],
    ['GET', '/responses/resp_1/cancel', 405],
    ['POST', '/responses/compact', 404],
    ['POST', '/responses/input_tokens', 404],
    ['GET', '/responses/msg_1', 404],
    ['GET', '/responses/resp_1/input_items/x', 404],
    ['GET', '/conversations', 405],
    ['POST', '/conversations/conv_1', 405],
    ['DELETE', '/conversations/conv_1', 405],
    ['DELETE', '/conversations/conv_1/items/msg_1', 405],
    ['GET', '/conversations/resp_1', 404],
    ['GET', '/conversations/conv_1/items/MSG', 404],
    ['GET', '/conversations/conv_1%2f..%2fitems', 400],
  ])('%s %s → %i, upstream untouched', async (method, path, status) => {
    const { proxy, upstream } = await setup()
    const response = await proxy(call(method, path))
    expect(response.status).toBe(status)
    expect(upstream.requests).toEqual([])
  })

  it('without agent profiles the Responses wire does not exist (404)', async () => {
    const { proxy, upstream } = await setup({ agents: {} })
    for (const path of ['/responses', '/conversations']) {
      expect((await proxy(call('POST', path, create({})))).status).toBe(404)
    }
    expect(upstream.requests).toEqual([])
  })

  it('forwards only the query parameters each operation takes', async () => {
    const { proxy, upstream } = await setup()
    await proxy(
      call('GET', '/responses/resp_fake1?stream=true&starting_after=3&include[]=a.b&evil=1&api-version=x'),
    )
    await proxy(call('GET', '/conversations/conv_fake1/items?after=msg_1&limit=5&order=asc&before=msg_0'))
    expect(upstream.requests.map((r) => r.url)).toEqual([
      '/v1/responses/resp_fake1?stream=true&starting_after=3&include%5B%5D=a.b',
      '/v1/conversations/conv_fake1/items?after=msg_1&limit=5&order=asc',
    ])
  })
})

describe('responses.create policy', () => {
  const refusals: Array<[name: string, body: Record<string, unknown>, param: string, code: string]> = [
    ['instructions', create({ instructions: 'x' }), 'instructions', 'parameter_not_allowed'],
    ['tools', create({ tools: [{ type: 'code_interpreter' }] }), 'tools', 'parameter_not_allowed'],
    ['tool_choice', create({ tool_choice: 'required' }), 'tool_choice', 'parameter_not_allowed'],
    ['prompt', create({ prompt: { id: 'pmpt_1' } }), 'prompt', 'parameter_not_allowed'],
    ['reasoning', create({ reasoning: { effort: 'high' } }), 'reasoning', 'parameter_not_allowed'],
    ['text.format', create({ text: { format: { type: 'json_object' } } }), 'text', 'parameter_not_allowed'],
    ['store: false', create({ store: false }), 'store', 'parameter_not_allowed'],
    ['service_tier', create({ service_tier: 'priority' }), 'service_tier', 'parameter_not_allowed'],
    [
      'max_output_tokens over the cap',
      create({ max_output_tokens: 1001 }),
      'max_output_tokens',
      'parameter_not_allowed',
    ],
    [
      'max_output_tokens not an integer',
      create({ max_output_tokens: 1.5 }),
      'max_output_tokens',
      'parameter_not_allowed',
    ],
    ['unknown field', create({ context_management: [] }), 'context_management', 'unknown_parameter'],
    ['unlisted model', create({ model: 'gpt-5' }), 'model', 'model_not_allowed'],
    ['prototype key as model', create({ model: 'constructor' }), 'model', 'model_not_allowed'],
    ['no model', { input: 'hi' }, 'model', 'missing_required_parameter'],
    [
      'system message',
      create({ input: [{ role: 'system', content: 'x' }] }),
      'input[0].role',
      'role_not_allowed',
    ],
    [
      'developer message',
      create({ input: [{ type: 'message', role: 'developer', content: 'x' }] }),
      'input[0].role',
      'role_not_allowed',
    ],
    [
      'assistant message',
      create({ input: [{ role: 'assistant', content: 'I agree' }] }),
      'input[0].role',
      'role_not_allowed',
    ],
    [
      'function_call item',
      create({ input: [{ type: 'function_call', call_id: 'c', name: 'n', arguments: '{}' }] }),
      'input[0].type',
      'input_not_allowed',
    ],
    [
      'input_file part',
      create({ input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'file-1' }] }] }),
      'input[0].content[0]',
      'input_not_allowed',
    ],
    [
      'image by file id (off by default)',
      create({ input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-1' }] }] }),
      'input[0].content[0].file_id',
      'input_not_allowed',
    ],
    [
      'image by http: URL',
      create({ input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'http://x/y.png' }] }] }),
      'input[0].content[0].image_url',
      'invalid_value',
    ],
    [
      'extra key on a message',
      create({ input: [{ role: 'user', content: 'x', phase: 'final' }] }),
      'input[0].phase',
      'unknown_parameter',
    ],
    [
      'bad previous_response_id',
      create({ previous_response_id: 'resp_../x' }),
      'previous_response_id',
      'invalid_value',
    ],
    ['bad conversation', create({ conversation: { id: 'thread_1' } }), 'conversation', 'invalid_value'],
    [
      'bad item_reference',
      create({ input: [{ type: 'item_reference', id: '../x' }] }),
      'input[0].id',
      'invalid_value',
    ],
    [
      'stream_options beyond obfuscation',
      create({ stream_options: { x: 1 } }),
      'stream_options',
      'invalid_value',
    ],
  ]
  it.each(refusals)('refuses %s with 400 before the upstream', async (_name, body, param, code) => {
    const { proxy, upstream } = await setup()
    const response = await proxy(call('POST', '/responses', body))
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toMatchObject({ param, code })
    expect(upstream.requests).toEqual([])
  })

  it('refuses system messages in conversation items too', async () => {
    const { proxy, upstream } = await setup()
    const bodies: Array<[string, unknown]> = [
      ['/conversations', { items: [{ role: 'system', content: 'x' }] }],
      ['/conversations/conv_fake1/items', { items: [{ role: 'developer', content: 'x' }] }],
      ['/conversations/conv_fake1/items', {}],
      ['/conversations', { items: [], instructions: 'x' }],
    ]
    for (const [path, body] of bodies) expect((await proxy(call('POST', path, body))).status).toBe(400)
    expect(upstream.requests).toEqual([])
  })

  it('pins the profile, keeps a lower token cap, and forwards what the browser may send', async () => {
    const { proxy, upstream } = await setup({ responseInputImages: { fileId: true } })
    const body = create({
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'look' },
            { type: 'input_image', image_url: 'data:image/png;base64,AA' },
          ],
        },
        {
          type: 'message',
          role: 'user',
          content: [{ type: 'input_image', file_id: 'file-abc', detail: 'low' }],
        },
        { type: 'item_reference', id: 'msg_1' },
      ],
      max_output_tokens: 10,
      stream: true,
      background: true,
      include: ['web_search_call.action.sources'],
      metadata: { app: 'x' },
    })
    const response = await proxy(call('POST', '/responses', body))
    expect(response.status).toBe(200)
    await response.text()
    expect(JSON.parse(upstream.requests[0]!.body)).toEqual({
      ...body,
      model: 'upstream-model',
      instructions: AGENT.instructions,
      tools: AGENT.tools,
      max_output_tokens: 10,
    })
  })

  it('allowResponseOverrides lets listed fields through, and the browser value wins', async () => {
    const { proxy, upstream } = await setup({ allowResponseOverrides: ['instructions', 'model', 'store'] })
    expect(
      (await proxy(call('POST', '/responses', create({ instructions: 'mine', store: false })))).status,
    ).toBe(200)
    expect((await proxy(call('POST', '/responses', create({ model: 'gpt-5' })))).status).toBe(200)
    expect((await proxy(call('POST', '/responses', create({ tools: [] })))).status).toBe(400)
    const [first, second] = upstream.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>)
    expect(first).toMatchObject({
      model: 'upstream-model',
      instructions: 'mine',
      store: false,
      tools: AGENT.tools,
    })
    // A model that is no profile is forwarded as named, with nothing pinned.
    expect(second).toEqual({ model: 'gpt-5', input: 'hi' })
  })

  it('refuses profiles that cannot be meant at construction', () => {
    const build = (agents: Record<string, unknown>) => () =>
      createRunlineProxy({ upstream: { url: 'http://x/v1' }, assistantIds: [], agents: agents as never })
    expect(build({ 'bad name!': { model: 'm' } })).toThrow(/profile name/)
    expect(build({ a: { model: '' } })).toThrow(/needs a model/)
    expect(build({ a: { model: 'm', input: 'x' } })).toThrow(/unknown field 'input'/)
    expect(build({ a: { model: 'm', max_output_tokens: 0 } })).toThrow(/max_output_tokens/)
  })
})

describe('authorize sees the ids a Responses body names', () => {
  it('previous_response_id, conversation and item references; false → 403 before the upstream', async () => {
    const seen: unknown[] = []
    const { proxy, upstream } = await setup({
      authorize: (_request, ctx) => {
        seen.push(ctx)
        return ctx.conversationId !== 'conv_other'
      },
    })
    const ok = await proxy(
      call(
        'POST',
        '/responses',
        create({
          previous_response_id: 'resp_mine',
          input: [{ type: 'item_reference', id: 'fc_1' }],
        }),
      ),
    )
    expect(ok.status).toBe(200)
    const denied = await proxy(call('POST', '/responses', create({ conversation: { id: 'conv_other' } })))
    expect(denied.status).toBe(403)
    const deniedItems = await proxy(
      call('POST', '/conversations/conv_other/items', { items: [{ role: 'user', content: 'x' }] }),
    )
    expect(deniedItems.status).toBe(403)
    await proxy(call('GET', '/responses/resp_fake1/input_items'))
    expect(seen).toEqual([
      { operation: 'responses.create', previousResponseId: 'resp_mine', itemIds: ['fc_1'] },
      { operation: 'responses.create', conversationId: 'conv_other' },
      { operation: 'conversations.items.create', conversationId: 'conv_other' },
      expect.objectContaining({ operation: 'responses.inputItems.list', responseId: 'resp_fake1' }),
    ])
    expect(upstream.requests).toHaveLength(2)
  })
})

describe('credentials, errors, limits and streams on the Responses wire', () => {
  it('drops the browser Authorization and cookies; sends the server key without the Assistants beta header', async () => {
    const { proxy, upstream } = await setup()
    await proxy(
      call('POST', '/conversations', undefined, {
        authorization: 'Bearer sk-browser-0123456789',
        cookie: 's=1',
      }),
    )
    const headers = upstream.requests[0]!.headers
    expect(headers.authorization).toBe(`Bearer ${KEY}`)
    expect(headers.cookie).toBeUndefined()
    expect(headers['openai-beta']).toBeUndefined()
    expect(upstream.requests[0]!.body).toBe('')
  })

  it('scrubs the key from upstream error bodies; an upstream 401 becomes a 502', async () => {
    let status = 400
    const { proxy } = await setup({}, (_r, res) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: `bad key ${KEY} or sk-proj-abcdef123456` } }))
    })
    const bad = await proxy(call('POST', '/responses', create({})))
    expect(bad.status).toBe(400)
    const text = await bad.text()
    expect(text).not.toContain(KEY)
    expect(text).not.toContain('sk-proj')
    status = 401
    const auth = await proxy(call('GET', '/responses/resp_1'))
    expect(auth.status).toBe(502)
    expect((await errorOf(auth)).code).toBe('upstream_auth_failed')
  })

  it('body limit (413) and nesting depth (400) before the upstream', async () => {
    const { proxy, upstream } = await setup({ maxBodyBytes: 200 })
    const big = await proxy(call('POST', '/responses', create({ input: 'x'.repeat(300) })))
    expect(big.status).toBe(413)
    const deep = `{"model":"runline-sim","input":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`
    const tooDeep = await proxy(call('POST', '/responses', deep))
    expect(tooDeep.status).toBe(400)
    expect((await errorOf(tooDeep)).code).toBe('json_too_deep')
    expect(upstream.requests).toEqual([])
  })

  it('a Responses stream that goes silent ends with an error event (upstream_idle_timeout)', async () => {
    const silent: FakeUpstreamHandler = (_r, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write('event: response.created\ndata: {"type":"response.created","sequence_number":0}\n\n')
    }
    const { proxy } = await setup({}, silent, 200)
    const response = await proxy(call('POST', '/responses', create({ stream: true })))
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const text = await response.text()
    expect(text).toContain('response.created')
    expect(text).toMatch(/event: error\ndata: .*"code":"upstream_idle_timeout"/)
  })

  it('foundry flavor: Responses go to <project>/openai/v1 with a bearer token and no api-version', async () => {
    upstream = await startFakeUpstream(responsesUpstream)
    const proxy = createRunlineProxy({
      upstream: {
        url: `${upstream.url}/projects/p`,
        flavor: 'foundry',
        credential: {
          getToken: async () => ({
            token: 'entra-token-0123456789',
            expiresOnTimestamp: Date.now() + 3_600_000,
          }),
        },
      },
      assistantIds: [],
      agents: { 'runline-sim': AGENT },
    })
    await proxy(call('GET', '/conversations/conv_fake1'))
    expect(upstream.requests[0]!.url).toBe('/v1/projects/p/openai/v1/conversations/conv_fake1')
    expect(upstream.requests[0]!.headers.authorization).toBe('Bearer entra-token-0123456789')
  })
})
