// The server's bounds, over loopback HTTP: upstream idle timeout, deep JSON, and honest 500s.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createRunlineClient, isRunlineError } from '@runline/core'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type FakeUpstream,
  type FakeUpstreamHandler,
  startFakeUpstream,
} from '../../../packages/proxy/src/test-utils/fakeUpstream.js'
import { ConfigError, loadServerConfig, type RunningServer, type ServerConfig, startServer } from './index.js'

const serverDir = fileURLToPath(new URL('..', import.meta.url))

/** Runs `pnpm serve`'s entry with `env` and returns its exit code and stderr. */
async function serveWith(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  return { code, stderr }
}

describe.each([
  {
    name: 'RUNLINE_UPSTREAM_IDLE_MS',
    read: (config: ServerConfig) => config.upstreamIdleMs,
    fallback: 60_000,
    max: 3_600_000,
  },
  {
    name: 'RUNLINE_SIM_MAX_THREADS',
    read: (config: ServerConfig) =>
      config.upstream.kind === 'simulator' ? config.upstream.maxThreads : null,
    fallback: 1_000,
    max: 10_000_000,
  },
])('$name', ({ name, read, fallback, max }) => {
  it('has its default and reads a positive integer', () => {
    expect(read(loadServerConfig({}))).toBe(fallback)
    expect(read(loadServerConfig({ [name]: '25' }))).toBe(25)
  })

  it.each(['0', 'soon', '1.5', '1e3', '-5', String(max + 1)])('refuses %j naming the variable', (value) => {
    expect(() => loadServerConfig({ [name]: value })).toThrow(ConfigError)
    expect(() => loadServerConfig({ [name]: value })).toThrow(name)
  })

  it('makes `pnpm serve` exit 1 with a clear message on a bad value', async () => {
    const { code, stderr } = await serveWith({ PORT: '0', [name]: 'soon' })
    expect(code).toBe(1)
    expect(stderr).toContain(
      `invalid configuration: ${name} must be an integer from 1 to ${max}, got 'soon'.`,
    )
  }, 20_000)
})

describe('the simulator behind the server', () => {
  it('bounds the threads the simulator keeps, through the proxy and the raw simulator', async () => {
    const server = await startServer({
      ...loadServerConfig({ PORT: '0', RUNLINE_SIM_DELAY_MS: '0', RUNLINE_SIM_MAX_THREADS: '2' }),
      staticDir: null,
      log: null,
    })
    try {
      const create = async () =>
        ((await (await fetch(`${server.url}/api/v1/threads`, { method: 'POST' })).json()) as { id: string })
          .id
      const first = await create()
      await create()
      await create()
      expect((await fetch(`${server.url}/api/v1/threads/${first}`)).status).toBe(404)
      expect((await fetch(`${server.url}/sim/v1/threads/${first}/messages`)).status).toBe(404)
      const malformed = await fetch(`${server.url}/sim/v1/threads/%zz`)
      expect(malformed.status).toBe(400)
      const deep = await fetch(`${server.url}/sim/v1/threads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"metadata":${'['.repeat(3_000)}${']'.repeat(3_000)}}`,
      })
      expect(deep.status).toBe(400)
      expect(((await deep.json()) as { error: { code: string } }).error.code).toBe('json_too_deep')
    } finally {
      await server.close()
    }
  })
})

describe('server bounds over loopback HTTP', () => {
  let upstream: FakeUpstream | undefined
  let server: RunningServer | undefined
  afterEach(async () => {
    await server?.close()
    await upstream?.close()
    server = upstream = undefined
  })

  async function start(handler?: FakeUpstreamHandler, overrides: Partial<ServerConfig> = {}) {
    upstream = await startFakeUpstream(handler)
    server = await startServer({
      ...loadServerConfig({
        PORT: '0',
        RUNLINE_UPSTREAM_URL: upstream.url,
        RUNLINE_ASSISTANT_IDS: 'asst_a',
        RUNLINE_UPSTREAM_IDLE_MS: '200',
      }),
      staticDir: null,
      log: null,
      ...overrides,
    })
    return { upstream, server }
  }

  it('answers 504 upstream_idle_timeout when an upstream error body stalls, and closes the upstream', async () => {
    let closed!: () => void
    const upstreamClosed = new Promise<string>((resolve) => (closed = () => resolve('closed')))
    const { server } = await start((_r, res) => {
      res.on('close', closed)
      res.writeHead(500, { 'content-type': 'application/json' })
      res.write('{"error":{"message":"never finished')
    })
    const response = await fetch(`${server.url}/api/v1/threads/thread_a`)
    expect(response.status).toBe(504)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('upstream_idle_timeout')
    await expect(upstreamClosed).resolves.toBe('closed')
  }, 15_000)

  it('refuses a deeply nested body with 400 json_too_deep (it used to surface as invalid_path)', async () => {
    const { server, upstream } = await start()
    const deep = `${'['.repeat(4_250)}${']'.repeat(4_250)}`
    const response = await fetch(`${server.url}/api/v1/threads/thread_a/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"role":"user","content":"hi","metadata":{"x":${deep}}}`,
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('json_too_deep')
    expect(upstream.requests).toEqual([])
  })

  it('answers an unexpected handler failure with a JSON 500, not a 400', async () => {
    const { server } = await start(undefined, {
      // An upstream answer the proxy chokes on stands in for any bug below the handler.
      wrapUpstreamFetch: () => async () =>
        ({
          get status(): number {
            throw new Error('boom')
          },
        }) as unknown as Response,
    })
    const response = await fetch(`${server.url}/api/v1/threads/thread_a`)
    expect(response.status).toBe(500)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('internal_error')
  })

  it("carries the upstream's retry-after headers to the client's RunlineError.retryAfterMs", async () => {
    const { server } = await start((_r, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7', 'retry-after-ms': '6500' })
      res.end(
        '{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}',
      )
    })
    const client = createRunlineClient({ baseUrl: `${server.url}/api/v1` })
    const error: unknown = await client.threads.retrieve('thread_a').catch((caught: unknown) => caught)
    expect(isRunlineError(error)).toBe(true)
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', retryAfterMs: 6500 })
  })
})
