// `RunlineError.retryAfterMs` from real response headers, against a node:http server on 127.0.0.1.
import { createServer, type OutgoingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createRunlineClient, isRunlineError, type RunlineError } from '../index.js'
import { retryAfterMsFromHeaders } from './errors.js'

let close: (() => Promise<void>) | undefined
afterEach(async () => {
  await close?.()
  close = undefined
})

/** A server that answers every request with `status`, these headers and an OpenAI-shaped error. */
async function answerWith(status: number, headers: OutgoingHttpHeaders): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(
      JSON.stringify({
        error: { message: 'Slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' },
      }),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`
}

async function errorFor(status: number, headers: OutgoingHttpHeaders): Promise<RunlineError> {
  const baseUrl = await answerWith(status, headers)
  const error = await createRunlineClient({ baseUrl })
    .threads.retrieve('thread_1')
    .then(
      () => null,
      (caught: unknown) => caught,
    )
  if (!isRunlineError(error)) throw new Error(`expected a RunlineError, got ${String(error)}`)
  return error
}

describe('RunlineError.retryAfterMs over HTTP', () => {
  it('reads retry-after in seconds', async () => {
    const error = await errorFor(429, { 'retry-after': '2' })
    expect(error).toMatchObject({ kind: 'api', status: 429, code: 'rate_limit_exceeded', retryAfterMs: 2000 })
  })

  it('prefers retry-after-ms (milliseconds) when both are sent', async () => {
    const error = await errorFor(429, { 'retry-after': '20', 'retry-after-ms': '1500' })
    expect(error.retryAfterMs).toBe(1500)
  })

  it('reads retry-after as an HTTP date', async () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString()
    const error = await errorFor(503, { 'retry-after': inTenSeconds })
    // Whole seconds on the wire and the clock moves on: somewhere in (0, 10 s].
    expect(error.retryAfterMs).toBeGreaterThan(0)
    expect(error.retryAfterMs).toBeLessThanOrEqual(10_000)
  })

  it('is null without the headers, or when they say nothing readable', async () => {
    expect((await errorFor(500, {})).retryAfterMs).toBeNull()
    await close?.()
    expect((await errorFor(429, { 'retry-after': 'soon', 'retry-after-ms': '-5' })).retryAfterMs).toBeNull()
  })
})

describe('retryAfterMsFromHeaders', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  const read = (headers: Record<string, string>) => retryAfterMsFromHeaders(new Headers(headers), now)

  it.each<[Record<string, string>, number | null]>([
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': ' 3 ' }, 3000],
    [{ 'retry-after': '1.5' }, 1500],
    [{ 'retry-after-ms': '250.5' }, 250.5],
    [{ 'retry-after-ms': 'x', 'retry-after': '1' }, 1000],
    [{ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, 30_000],
    [{ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, 0],
    [{ 'retry-after': '-1' }, null],
    [{ 'retry-after': '12345678901234567890abc' }, null],
    [{}, null],
  ])('%o → %s', (headers, expected) => {
    expect(read(headers)).toBe(expected)
  })
})
