// The foundry flavor against a fake project endpoint on loopback: bearer tokens from a credential
// (cached, refreshed, failing), api-version everywhere, no api-key, nothing secret back to the browser.
import { parseRunStream } from '@runline/core'
import { afterEach, describe, expect, it } from 'vitest'
import { type AccessTokenLike, createRunlineProxy, type RunlineProxyOptions } from './index.js'
import { type FakeUpstream, type FakeUpstreamHandler, startFakeUpstream } from './test-utils/fakeUpstream.js'

const ASSISTANT = 'asst_allowed'
const PROJECT = '/api/projects/runline'
// Shaped like an Entra access token, so the JWT pattern would catch an echo even without the exact value.
const TOKEN_1 = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.eyJhdWQiOiJodHRwczovL2FpLmF6dXJlLmNvbSJ9.c2lnbmF0dXJlLTE'
const TOKEN_2 = 'opaque-token-two-0123456789abcdef'
const HOUR = 3_600_000

let upstream: FakeUpstream | undefined
afterEach(async () => {
  await upstream?.close()
  upstream = undefined
})

/** A credential handing out `tokens` in turn (the last one forever), counting calls. */
function credentialOf(...tokens: Array<Partial<AccessTokenLike> & { token: string }>) {
  const calls: Array<string | string[]> = []
  return {
    calls,
    async getToken(scopes: string | string[]) {
      calls.push(scopes)
      const next = tokens.length > 1 ? tokens.shift() : tokens[0]
      return { expiresOnTimestamp: Date.now() + HOUR, ...next } as AccessTokenLike
    },
  }
}

async function setup(
  handler?: FakeUpstreamHandler,
  credential: RunlineProxyOptions['upstream']['credential'] = credentialOf({ token: TOKEN_1 }),
  overrides: Partial<Omit<RunlineProxyOptions, 'upstream'>> & {
    upstream?: Partial<RunlineProxyOptions['upstream']>
  } = {},
) {
  upstream = await startFakeUpstream(handler)
  const { upstream: upstreamOverrides, ...rest } = overrides
  const proxy = createRunlineProxy({
    upstream: {
      url: upstream.url.replace(/\/v1$/, PROJECT),
      flavor: 'foundry',
      credential,
      ...upstreamOverrides,
    },
    assistantIds: [ASSISTANT],
    allowThreadList: true,
    ...rest,
  })
  return { proxy, upstream }
}

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return new Request(`http://proxy.test/api/v1${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string; type: string } }).error

describe('foundry flavor: what reaches the project endpoint', () => {
  const operations: Array<[string, string, unknown?]> = [
    ['GET', '/threads?limit=5&order=asc&evil=1'],
    ['POST', '/threads', {}],
    ['POST', '/threads/runs', { assistant_id: ASSISTANT, stream: true }],
    ['GET', '/threads/thread_a/messages?run_id=run_1'],
    ['POST', '/threads/thread_a/runs/run_1/submit_tool_outputs', { tool_approvals: [] }],
    ['GET', '/threads/thread_a/runs/run_1/steps/step_1'],
  ]
  it('every request: the project path, api-version=v1, the bearer token; no api-key, no browser credentials', async () => {
    const { proxy } = await setup()
    const browser = {
      authorization: 'Bearer browser-token-should-not-pass',
      'api-key': 'browser-api-key',
      cookie: 'session=abc',
    }
    for (const [method, path, body] of operations) {
      const response = await proxy(call(method, path, body, browser))
      expect(response.status, `${method} ${path}`).toBe(200)
    }
    expect(upstream?.requests).toHaveLength(operations.length)
    for (const recorded of upstream?.requests ?? []) {
      const url = new URL(recorded.url, 'http://x')
      expect(url.pathname.startsWith(`${PROJECT}/threads`)).toBe(true)
      expect(url.searchParams.getAll('api-version')).toEqual(['v1'])
      expect(url.searchParams.has('evil')).toBe(false)
      expect(recorded.headers.authorization).toBe(`Bearer ${TOKEN_1}`)
      expect(recorded.headers['api-key']).toBeUndefined()
      expect(recorded.headers.cookie).toBeUndefined()
      expect(recorded.headers['openai-beta']).toBeUndefined()
    }
    expect(upstream?.requests[0]?.url).toBe(`${PROJECT}/threads?limit=5&order=asc&api-version=v1`)
  })

  it('takes a configured api-version, and one token for many requests', async () => {
    const credential = credentialOf({ token: TOKEN_1 })
    const { proxy } = await setup(undefined, credential, {
      upstream: { foundryApiVersion: '2025-05-15-preview' },
    })
    await Promise.all([1, 2, 3, 4].map(() => proxy(call('GET', '/threads/thread_a'))))
    await proxy(call('GET', '/threads/thread_b'))
    expect(credential.calls).toEqual(['https://ai.azure.com/.default'])
    expect(upstream?.requests.map((r) => r.url.split('?')[1])).toEqual(
      Array(5).fill('api-version=2025-05-15-preview'),
    )
  })

  it('refreshes the token when the credential says so, before it expires', async () => {
    const credential = credentialOf(
      { token: TOKEN_1, refreshAfterTimestamp: Date.now() + 50 },
      { token: TOKEN_2 },
    )
    const { proxy } = await setup(undefined, credential)
    await proxy(call('GET', '/threads/thread_a'))
    await new Promise((resolve) => setTimeout(resolve, 80))
    await proxy(call('GET', '/threads/thread_a'))
    await proxy(call('GET', '/threads/thread_a'))
    expect(upstream?.requests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${TOKEN_1}`,
      `Bearer ${TOKEN_2}`,
      `Bearer ${TOKEN_2}`,
    ])
    expect(credential.calls).toHaveLength(2)
  })
})

describe('foundry flavor: when there is no token', () => {
  const secretMessage = 'AADSTS7000215: Invalid client secret provided: s3cr3t-value-0123456789'
  it.each([
    ['getToken rejects', () => Promise.reject(new Error(secretMessage))],
    ['getToken returns null', () => Promise.resolve(null)],
    [
      'getToken returns an expired token',
      () => Promise.resolve({ token: TOKEN_1, expiresOnTimestamp: Date.now() - 1 }),
    ],
  ])('%s: 502 upstream_credential_failed, nothing forwarded, nothing leaked', async (_name, getToken) => {
    const reported: unknown[] = []
    const { proxy } = await setup(
      undefined,
      { getToken },
      { upstream: { onCredentialError: (e) => reported.push(e) } },
    )
    const response = await proxy(call('GET', '/threads/thread_a'))
    expect(response.status).toBe(502)
    const text = await response.text()
    expect(JSON.parse(text).error).toMatchObject({ code: 'upstream_credential_failed', type: 'server_error' })
    expect(text).not.toContain('s3cr3t')
    expect(text).not.toContain('AADSTS')
    expect(upstream?.requests).toEqual([])
    expect(reported).toHaveLength(1)
  })

  it('a getToken that hangs: 504 upstream_timeout at timeoutMs; the next request asks again', async () => {
    let calls = 0
    const getToken = () => {
      calls += 1
      return calls === 1
        ? new Promise<never>(() => {})
        : Promise.resolve({ token: TOKEN_2, expiresOnTimestamp: Date.now() + HOUR })
    }
    const { proxy } = await setup(undefined, { getToken }, { timeoutMs: 100 })
    const response = await proxy(call('GET', '/threads/thread_a'))
    expect(response.status).toBe(504)
    expect((await errorOf(response)).code).toBe('upstream_timeout')
    await new Promise((resolve) => setTimeout(resolve, 20)) // the shared attempt times out too
    expect((await proxy(call('GET', '/threads/thread_a'))).status).toBe(200)
    expect(upstream?.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN_2}`])
  })

  it('an upstream 401 is a 502 upstream_auth_failed, and the refused token is not used again', async () => {
    const credential = credentialOf({ token: TOKEN_1 }, { token: TOKEN_2 })
    const { proxy } = await setup((recorded, res) => {
      const ok = recorded.headers.authorization === `Bearer ${TOKEN_2}`
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
      res.end(ok ? '{}' : JSON.stringify({ error: { message: `Token ${TOKEN_1} is expired` } }))
    }, credential)
    const refused = await proxy(call('GET', '/threads/thread_a'))
    expect(refused.status).toBe(502)
    const text = await refused.text()
    expect(JSON.parse(text).error.code).toBe('upstream_auth_failed')
    expect(text).not.toContain(TOKEN_1)
    expect((await proxy(call('GET', '/threads/thread_a'))).status).toBe(200)
    expect(credential.calls).toHaveLength(2)
  })

  it('scrubs the token (and any JWT) from error bodies, and drops headers that echo it', async () => {
    const otherJwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzb21lb25lIn0.c2lnbmF0dXJlLW90aGVy'
    const { proxy } = await setup((_recorded, res) => {
      res.writeHead(400, { 'content-type': 'application/json', 'x-request-id': `req ${TOKEN_1}` })
      res.end(
        JSON.stringify({
          error: { message: `bad header Authorization: Bearer ${TOKEN_1}; saw ${otherJwt}` },
        }),
      )
    })
    const response = await proxy(call('GET', '/threads/thread_a'))
    expect(response.status).toBe(400)
    expect(response.headers.get('x-request-id')).toBeNull()
    const text = await response.text()
    expect(text).toContain('Bearer [redacted]; saw [redacted]')
    expect(text).not.toContain('eyJ')
  })
})

describe('foundry flavor: the same guarantees as the others', () => {
  const refusals: Array<[string, string, string, unknown, Partial<RunlineProxyOptions>, number, string]> = [
    ['unknown path', 'GET', '/assistants', undefined, {}, 404, 'unknown_url'],
    ['a DELETE', 'DELETE', '/threads/thread_a', undefined, {}, 405, 'method_not_allowed'],
    ['a path trick', 'GET', '/threads/thread_a%2f..', undefined, {}, 400, 'invalid_path'],
    [
      'assistant not allowed',
      'POST',
      '/threads/runs',
      { assistant_id: 'asst_other' },
      {},
      403,
      'assistant_not_allowed',
    ],
    [
      'instructions override',
      'POST',
      '/threads/runs',
      { assistant_id: ASSISTANT, instructions: 'x' },
      {},
      400,
      'parameter_not_allowed',
    ],
    ['authorize says no', 'GET', '/threads', undefined, { authorize: () => false }, 403, 'forbidden'],
    [
      'body over the limit',
      'POST',
      '/threads',
      { metadata: { a: 'x'.repeat(200) } },
      { maxBodyBytes: 100 },
      413,
      'request_too_large',
    ],
    [
      'JSON too deep',
      'POST',
      '/threads',
      JSON.parse(`${'{"a":'.repeat(70)}1${'}'.repeat(70)}`),
      {},
      400,
      'json_too_deep',
    ],
  ]
  it.each(refusals)(
    '%s: refused before any token is asked for',
    async (_n, method, path, body, options, status, code) => {
      const credential = credentialOf({ token: TOKEN_1 })
      const { proxy } = await setup(undefined, credential, options)
      const response = await proxy(call(method, path, body))
      expect(response.status).toBe(status)
      expect((await errorOf(response)).code).toBe(code)
      expect(credential.calls).toEqual([])
      expect(upstream?.requests).toEqual([])
    },
  )

  it('refuses a foreign origin before any token is asked for', async () => {
    const credential = credentialOf({ token: TOKEN_1 })
    const { proxy } = await setup(undefined, credential)
    const response = await proxy(
      call('GET', '/threads/thread_a', undefined, { origin: 'https://evil.example' }),
    )
    expect(response.status).toBe(403)
    expect(credential.calls).toEqual([])
  })

  it('GET /threads is refused unless allowThreadList', async () => {
    const { proxy } = await setup(undefined, undefined, { allowThreadList: false })
    const response = await proxy(call('GET', '/threads'))
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
  })

  it('a stream that goes silent ends with an `event: error` upstream_idle_timeout', async () => {
    const { proxy } = await setup(
      (_recorded, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write('event: thread.run.created\ndata: {"id":"run_1","object":"thread.run"}\n\n')
      },
      undefined,
      { upstream: { idleTimeoutMs: 150 } },
    )
    const response = await proxy(call('POST', '/threads/runs', { assistant_id: ASSISTANT, stream: true }))
    const events = []
    for await (const event of parseRunStream(response)) events.push(event)
    expect(JSON.stringify(events.at(-1))).toContain('upstream_idle_timeout')
  })
})

describe('foundry flavor: tool approvals on submit_tool_outputs', () => {
  const path = '/threads/thread_a/runs/run_1/submit_tool_outputs'
  it('forwards valid approvals as checked', async () => {
    const { proxy } = await setup()
    const body = {
      tool_approvals: [
        { tool_call_id: 'call_1', approve: true, headers: { 'x-mcp-session': 'abc' } },
        { tool_call_id: 'call_2', approve: false },
      ],
      stream: true,
    }
    expect((await proxy(call('POST', path, body))).status).toBe(200)
    expect(JSON.parse(upstream?.requests[0]?.body ?? '')).toEqual(body)
  })

  it('refuses invalid approvals before the upstream (the cases: approvals.test.ts)', async () => {
    const { proxy } = await setup()
    const response = await proxy(call('POST', path, { tool_approvals: [{ tool_call_id: 'call_1' }] }))
    expect(response.status).toBe(400)
    expect(upstream?.requests).toEqual([])
  })
})

describe('foundry flavor: configuration mistakes throw at creation', () => {
  const credential = credentialOf({ token: TOKEN_1 })
  const base = { url: 'https://res.services.ai.azure.com/api/projects/p', flavor: 'foundry' as const }
  it.each([
    ['no credential', { ...base }, /credential.*required/],
    ['an api key', { ...base, credential, apiKey: 'k-0123456789' }, /not apiKey/],
    ['azureApiVersion', { ...base, credential, azureApiVersion: 'v1' }, /foundryApiVersion/],
    ['a bad api-version', { ...base, credential, foundryApiVersion: 'v1&x=y' }, /not an API version/],
    ['a credential for openai', { url: 'https://api.openai.com/v1', credential }, /foundry flavor/],
    [
      'foundryApiVersion for azure',
      { url: 'https://x/openai', flavor: 'azure' as const, azureApiVersion: 'v', foundryApiVersion: 'v1' },
      /foundry flavor/,
    ],
  ])('%s', (_name, upstreamOptions, message) => {
    expect(() => createRunlineProxy({ upstream: upstreamOptions, assistantIds: '*' })).toThrow(message)
  })
})
