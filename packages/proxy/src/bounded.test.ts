// Every wait is bounded: stalled upstream bodies, clients that leave, bodies nested too deeply.
// Idle timeouts are small (200 ms) and the assertions are about outcomes, never about durations.
import type { ServerResponse } from 'node:http'
import { parseRunStream } from '@runline/core'
import { afterEach, describe, expect, it } from 'vitest'
import { createRunlineProxy, MAX_JSON_DEPTH } from './index.js'
import { type FakeUpstream, type FakeUpstreamHandler, startFakeUpstream } from './test-utils/fakeUpstream.js'

const ASSISTANT = 'asst_allowed'
const IDLE_MS = 200
const SSE_HEAD = { 'content-type': 'text/event-stream; charset=utf-8' }
const STREAM_BODY = { assistant_id: ASSISTANT, stream: true }

let upstream: FakeUpstream | undefined
afterEach(async () => {
  await upstream?.close()
  upstream = undefined
})

/** A fake upstream whose handler also reports when its response is closed (by the proxy aborting). */
async function setup(handler?: FakeUpstreamHandler, idleTimeoutMs = IDLE_MS) {
  let markClosed!: () => void
  const upstreamClosed = new Promise<'closed'>((resolve) => (markClosed = () => resolve('closed')))
  upstream = await startFakeUpstream((recorded, res, req) => {
    res.on('close', markClosed)
    if (handler) return handler(recorded, res, req)
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"ok":true}')
  })
  const proxy = createRunlineProxy({
    upstream: { url: upstream.url, apiKey: 'sk-test-bounded-0123456789', idleTimeoutMs },
    assistantIds: [ASSISTANT],
  })
  return { proxy, upstream, upstreamClosed }
}

function post(path: string, body: unknown, signal?: AbortSignal): Request {
  return new Request(`http://proxy.test/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  })
}

const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code

/** Never finishes: writes a head (and maybe a first piece), then stays silent until the test closes it. */
const stallAfter =
  (status: number, headers: Record<string, string>, first?: string): FakeUpstreamHandler =>
  (_r, res: ServerResponse) => {
    res.writeHead(status, headers)
    if (first !== undefined) res.write(first)
    else res.flushHeaders() // Node holds a bare head back until the first write
  }

describe('a silent upstream body ends the request after idleTimeoutMs', () => {
  it.each([
    ['an error head whose body never finishes', 500, '{"error":{"message":"half'],
    ['a 200 JSON head with no body yet (nothing was sent to the client)', 200, undefined],
  ])(
    '%s: 504 upstream_idle_timeout, upstream request aborted',
    async (_name, status, first) => {
      const { proxy, upstreamClosed } = await setup(
        stallAfter(status, { 'content-type': 'application/json' }, first),
      )
      const response = await proxy(new Request('http://proxy.test/api/v1/threads/thread_a'))
      expect(response.status).toBe(504)
      expect(await errorCode(response)).toBe('upstream_idle_timeout')
      await expect(upstreamClosed).resolves.toBe('closed')
    },
    15_000,
  )

  it('SSE headers, then silence: an `event: error` core reads as upstream_idle_timeout', async () => {
    const { proxy, upstreamClosed } = await setup(stallAfter(200, SSE_HEAD))
    const response = await proxy(post('/threads/thread_a/runs', STREAM_BODY))
    expect(response.status).toBe(200)
    const events = []
    for await (const event of parseRunStream(response)) events.push(event)
    expect(events).toEqual([
      {
        event: 'error',
        data: expect.objectContaining({ code: 'upstream_idle_timeout', type: 'server_error' }),
      },
    ])
    await expect(upstreamClosed).resolves.toBe('closed')
  }, 15_000)

  it('a stream that goes silent mid-way keeps what came and ends with the error event', async () => {
    const { proxy, upstreamClosed } = await setup(
      stallAfter(200, SSE_HEAD, 'event: thread.run.created\ndata: {"id":"run_1"}\n\n'),
    )
    const text = await (await proxy(post('/threads/thread_a/runs', STREAM_BODY))).text()
    expect(text).toMatch(/^event: thread\.run\.created\ndata: \{"id":"run_1"\}\n\n/)
    expect(text).toMatch(/event: error\ndata: \{"error":\{.*"code":"upstream_idle_timeout"\}\}\n\n$/)
    await expect(upstreamClosed).resolves.toBe('closed')
  }, 15_000)

  it('a plain body that stops half-way errors the client body and aborts the upstream', async () => {
    const { proxy, upstreamClosed } = await setup(
      stallAfter(200, { 'content-type': 'application/json' }, '{"id":"thread_a",'),
    )
    const response = await proxy(new Request('http://proxy.test/api/v1/threads/thread_a'))
    expect(response.status).toBe(200)
    await expect(response.text()).rejects.toThrow()
    await expect(upstreamClosed).resolves.toBe('closed')
  }, 15_000)

  it('an upstream that keeps talking is never cut, however long it takes in total', async () => {
    const idleMs = 1_000
    const { proxy } = await setup(async (_r, res) => {
      res.writeHead(200, SSE_HEAD)
      // 30 pauses of 50 ms: longer in total than the idle timeout, never silent for anywhere near it.
      for (let i = 0; i < 30; i++) {
        res.write(`event: thread.message.delta\ndata: {"i":${i}}\n\n`)
        await new Promise((resolve) => setTimeout(resolve, idleMs / 20))
      }
      res.end('event: done\ndata: [DONE]\n\n')
    }, idleMs)
    const text = await (await proxy(post('/threads/thread_a/runs', STREAM_BODY))).text()
    expect(text).not.toContain('event: error')
    expect(text.match(/event: thread\.message\.delta/g)).toHaveLength(30)
    expect(text).toMatch(/event: done\ndata: \[DONE\]\n\n$/)
  }, 15_000)
})

describe('a client that leaves aborts the upstream request, whatever the status', () => {
  // A long idle timeout: the upstream can only be closed this early because the client left.
  const PATIENT_MS = 600_000

  it('while the proxy waits for an error body (over HTTP)', async () => {
    const {
      proxy,
      upstream: up,
      upstreamClosed,
    } = await setup(stallAfter(500, { 'content-type': 'application/json' }, '{"error":'), PATIENT_MS)
    const client = new AbortController()
    const answer = proxy(new Request('http://proxy.test/api/v1/threads/thread_a', { signal: client.signal }))
    while (up.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    client.abort()
    await expect(upstreamClosed).resolves.toBe('closed')
    expect((await answer).status).toBe(499)
  }, 15_000)

  it('while the proxy waits for an in-process error body (a fetch whose body ignores the signal)', async () => {
    let cancelled!: (reason: unknown) => void
    const bodyCancelled = new Promise((resolve) => (cancelled = resolve))
    const upstreamFetch: typeof fetch = async () =>
      new Response(new ReadableStream({ cancel: (reason) => cancelled(reason) }), {
        status: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '1' },
      })
    const proxy = createRunlineProxy({
      upstream: { url: 'http://upstream.invalid/v1', fetch: upstreamFetch, idleTimeoutMs: PATIENT_MS },
      assistantIds: [ASSISTANT],
    })
    const client = new AbortController()
    const answer = proxy(new Request('http://proxy.test/api/v1/threads/thread_a', { signal: client.signal }))
    await new Promise((resolve) => setTimeout(resolve, 20))
    client.abort(new Error('client left'))
    await expect(bodyCancelled).resolves.toBeDefined()
    expect((await answer).status).toBe(499)
  }, 15_000)
})

describe('retry-after headers', () => {
  it('are forwarded on an upstream 429 (seconds and milliseconds)', async () => {
    const { proxy } = await setup((_r, res) => {
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': '2',
        'retry-after-ms': '1500',
      })
      res.end(
        '{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}',
      )
    })
    const response = await proxy(new Request('http://proxy.test/api/v1/threads/thread_a'))
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('2')
    expect(response.headers.get('retry-after-ms')).toBe('1500')
    expect(await errorCode(response)).toBe('rate_limit_exceeded')
  })
})

describe('JSON nesting depth', () => {
  /** A value `levels` arrays deep. */
  const nested = (levels: number) => `${'['.repeat(levels)}"x"${']'.repeat(levels)}`
  const message = (metadataValue: string) =>
    `{"role":"user","content":"hi","metadata":{"deep":${metadataValue}}}`

  it(`refuses a body nested deeper than ${MAX_JSON_DEPTH} levels with 400, before the upstream`, async () => {
    const { proxy, upstream: up } = await setup(stallAfter(200, {}))
    // ~9 KB nested ~4,250 levels inside an allowed field: the body that used to overflow the stack.
    const response = await proxy(post('/threads/thread_a/messages', message(nested(4_250))))
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: {
        message: `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
        type: 'invalid_request_error',
        param: null,
        code: 'json_too_deep',
      },
    })
    const oneTooMany = await proxy(post('/threads/thread_a/messages', message(nested(MAX_JSON_DEPTH - 1))))
    expect(oneTooMany.status).toBe(400)
    expect(up.requests).toEqual([])
  })

  it('forwards a body exactly at the limit, and brackets inside strings do not count', async () => {
    const { proxy, upstream: up } = await setup()
    // The message object is level 1, metadata 2, so the value may nest MAX - 2 more levels.
    const atLimit = await proxy(post('/threads/thread_a/messages', message(nested(MAX_JSON_DEPTH - 2))))
    expect(atLimit.status).toBe(200)
    const brackets = `"${'[{'.repeat(500)}\\"${'}]'.repeat(500)}"`
    const inString = await proxy(post('/threads/thread_a/messages', message(brackets)))
    expect(inString.status).toBe(200)
    expect(up.requests).toHaveLength(2)
  })
})
