import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type FakeUpstream,
  type FakeUpstreamHandler,
  startFakeUpstream,
} from '../../../packages/proxy/src/test-utils/fakeUpstream.js'
import { ConfigError, loadServerConfig, type RunningServer, type ServerConfig, startServer } from './index.js'

const KEY = 'sk-server-test-key-abcdefghijklmnop'
const serverDir = fileURLToPath(new URL('..', import.meta.url))
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('loadServerConfig', () => {
  it('defaults to the simulator on 127.0.0.1:8787 with the demo assistant', () => {
    const config = loadServerConfig({})
    expect(config).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      upstream: { kind: 'simulator', delayMs: 20 },
      assistantIds: ['asst_runline_demo'],
      allowedOrigins: [],
      maxBodyBytes: 1024 * 1024,
    })
  })

  it('reads a remote upstream, its flavor and the lists', () => {
    const config = loadServerConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      RUNLINE_UPSTREAM_URL: 'https://res.openai.azure.com/openai',
      RUNLINE_UPSTREAM_API_KEY: KEY,
      RUNLINE_UPSTREAM_FLAVOR: 'azure',
      RUNLINE_AZURE_API_VERSION: '2024-05-01-preview',
      RUNLINE_ASSISTANT_IDS: 'asst_a, asst_b',
      RUNLINE_ALLOWED_ORIGINS: 'https://app.example,http://localhost:5173',
      RUNLINE_MAX_BODY_BYTES: '2048',
    })
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      upstream: {
        kind: 'remote',
        url: 'https://res.openai.azure.com/openai',
        apiKey: KEY,
        flavor: 'azure',
        azureApiVersion: '2024-05-01-preview',
      },
      assistantIds: ['asst_a', 'asst_b'],
      allowedOrigins: ['https://app.example', 'http://localhost:5173'],
      maxBodyBytes: 2048,
    })
    expect(loadServerConfig({ RUNLINE_ASSISTANT_IDS: '*' }).assistantIds).toBe('*')
  })

  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ RUNLINE_SIM_DELAY_MS: '-1' }, /RUNLINE_SIM_DELAY_MS/],
    [{ RUNLINE_MAX_BODY_BYTES: '0' }, /RUNLINE_MAX_BODY_BYTES/],
    [{ RUNLINE_MAX_BODY_BYTES: '1e6' }, /RUNLINE_MAX_BODY_BYTES/],
    [{ RUNLINE_UPSTREAM_URL: 'not a url', RUNLINE_ASSISTANT_IDS: 'asst_a' }, /RUNLINE_UPSTREAM_URL/],
    [{ RUNLINE_UPSTREAM_URL: 'ftp://x/v1', RUNLINE_ASSISTANT_IDS: 'asst_a' }, /RUNLINE_UPSTREAM_URL/],
    [{ RUNLINE_UPSTREAM_URL: 'https://u:p@x/v1', RUNLINE_ASSISTANT_IDS: 'asst_a' }, /RUNLINE_UPSTREAM_URL/],
    [{ RUNLINE_UPSTREAM_URL: 'https://x/v1' }, /RUNLINE_ASSISTANT_IDS/],
    [
      {
        RUNLINE_UPSTREAM_URL: 'https://x/v1',
        RUNLINE_ASSISTANT_IDS: 'asst_a',
        RUNLINE_UPSTREAM_FLAVOR: 'gcp',
      },
      /RUNLINE_UPSTREAM_FLAVOR/,
    ],
    [
      {
        RUNLINE_UPSTREAM_URL: 'https://x/v1',
        RUNLINE_ASSISTANT_IDS: 'asst_a',
        RUNLINE_UPSTREAM_FLAVOR: 'azure',
      },
      /RUNLINE_AZURE_API_VERSION/,
    ],
    [{ RUNLINE_ASSISTANT_IDS: 'asst_a,../x' }, /RUNLINE_ASSISTANT_IDS/],
    [{ RUNLINE_ALLOWED_ORIGINS: 'https://app.example/' }, /RUNLINE_ALLOWED_ORIGINS/],
    [{ RUNLINE_ALLOWED_ORIGINS: '*' }, /RUNLINE_ALLOWED_ORIGINS/],
  ]
  it.each(bad)('refuses %o naming the variable', (env, message) => {
    expect(() => loadServerConfig({ RUNLINE_UPSTREAM_API_KEY: KEY, ...env })).toThrow(ConfigError)
    expect(() => loadServerConfig({ RUNLINE_UPSTREAM_API_KEY: KEY, ...env })).toThrow(message)
    try {
      loadServerConfig({ RUNLINE_UPSTREAM_API_KEY: KEY, ...env })
    } catch (error) {
      expect(String(error)).not.toContain(KEY)
    }
  })

  it('makes `pnpm serve` exit 1 with a clear message on a bad value', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: { ...process.env, PORT: 'eighty', RUNLINE_UPSTREAM_API_KEY: KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(1)
    expect(stderr).toContain('invalid configuration: PORT must be an integer')
    expect(stderr).not.toContain(KEY)
  }, 20_000)
})

describe('server over loopback HTTP with a remote (fake) upstream', () => {
  let upstream: FakeUpstream | undefined
  let server: RunningServer | undefined
  let staticDir: string | undefined
  afterEach(async () => {
    await server?.close()
    await upstream?.close()
    if (staticDir) await rm(staticDir, { recursive: true, force: true })
    server = upstream = staticDir = undefined
  })

  async function start(handler?: FakeUpstreamHandler, overrides: Partial<ServerConfig> = {}) {
    upstream = await startFakeUpstream(handler)
    const lines: string[] = []
    server = await startServer({
      ...loadServerConfig({
        PORT: '0',
        RUNLINE_UPSTREAM_URL: upstream.url,
        RUNLINE_UPSTREAM_API_KEY: KEY,
        RUNLINE_ASSISTANT_IDS: 'asst_a',
      }),
      staticDir: null,
      log: (line) => lines.push(line),
      ...overrides,
    })
    return { upstream, server, lines }
  }

  /** Sends a request target byte for byte (fetch and http.request would normalise it). */
  function rawGet(port: number, target: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)
      })
      let data = ''
      socket.on('data', (chunk) => (data += chunk.toString()))
      socket.on('end', () => resolve(data))
      socket.on('error', reject)
    })
  }

  it('answers /healthz and logs one line per request without secrets', async () => {
    const { server, lines } = await start()
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok' })
    const proxied = await fetch(`${server.url}/api/v1/threads/thread_a?secret=1`, {
      headers: { authorization: 'Bearer browser' },
    })
    expect(proxied.status).toBe(200)
    await sleep(20)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^GET \/healthz 200 \d+\.\dms$/)
    expect(lines[1]).toMatch(/^GET \/api\/v1\/threads\/thread_a 200 \d+\.\dms$/)
    expect(lines.join('\n')).not.toContain(KEY)
    expect(upstream?.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`)
  })

  it.each([
    '/api/v1/threads/../assistants',
    '/api/v1/threads/thread_a/runs/%2e%2e/%2e%2e/%2e%2e/assistants',
    '/api/v1/threads/.%2E/files',
    '/api/v1/threads\\..\\assistants',
    '/api/v1//threads/runs',
    '/api/v1/threads/thread_a%2F..%2F..%2Fmodels',
    '/api/v1/./assistants',
  ])('refuses the raw path trick %s with 400 before the upstream', async (target) => {
    const { server } = await start()
    const raw = await rawGet(server.port, target)
    expect(raw).toMatch(/^HTTP\/1\.1 400 /)
    expect(raw).toContain('"code":"invalid_path"')
    expect(upstream?.requests).toEqual([])
  })

  it('refuses /sim/v1 when the upstream is remote, and unknown /api paths with JSON 404', async () => {
    const { server } = await start()
    expect((await fetch(`${server.url}/sim/v1/threads`, { method: 'POST' })).status).toBe(404)
    const unknown = await fetch(`${server.url}/api/v2/threads`)
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_url')
    expect(upstream?.requests).toEqual([])
  })

  it('streams SSE through the socket unbuffered', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let secondWritten = false
    const { server } = await start(async (_r, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write('event: thread.run.created\ndata: {"id":"run_1"}\n\n')
      await gate
      secondWritten = true
      res.end('event: done\ndata: [DONE]\n\n')
    })
    const response = await fetch(`${server.url}/api/v1/threads/thread_a/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assistant_id: 'asst_a', stream: true }),
    })
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    expect(response.headers.get('x-accel-buffering')).toBe('no')
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    const first = await reader.read()
    expect(first.value).toContain('thread.run.created')
    expect(secondWritten).toBe(false)
    release()
    let rest = ''
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value
    expect(rest).toContain('event: done')
  })

  it('closes the upstream request when the browser disconnects mid-stream', async () => {
    let closed!: () => void
    const upstreamClosed = new Promise<void>((resolve) => (closed = resolve))
    const { server, lines } = await start((_r, res) => {
      res.on('close', () => closed())
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write('event: thread.run.created\ndata: {}\n\n')
    })
    const client = new AbortController()
    const response = await fetch(`${server.url}/api/v1/threads/thread_a/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assistant_id: 'asst_a', stream: true }),
      signal: client.signal,
    })
    await response.body!.getReader().read()
    client.abort()
    await expect(
      Promise.race([upstreamClosed.then(() => 'closed'), sleep(3000).then(() => 'open')]),
    ).resolves.toBe('closed')
    await sleep(20)
    expect(lines.at(-1)).toMatch(/^POST \/api\/v1\/threads\/thread_a\/runs 200 .*\(client closed\)$/)
  })

  it('enforces the body limit on chunked bodies and on a declared length without waiting for the body', async () => {
    const { server } = await start(undefined, { maxBodyBytes: 1024 })
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${server.url}/api/v1/threads/thread_a/messages`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', () => {})
      const piece = Buffer.alloc(512, 32)
      let sent = 0
      const pump = () => {
        while (sent < 4 * 1024 * 1024 && req.write(piece)) sent += piece.length
        if (sent < 4 * 1024 * 1024) req.once('drain', pump)
        else req.end()
      }
      pump()
      setTimeout(() => reject(new Error('no answer')), 5000)
    })
    expect(chunked).toBe(413)
    const declared = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(
          'POST /api/v1/threads/thread_a/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
            'Content-Length: 104857600\r\n\r\n{"role":"user"',
        )
      })
      socket.on('data', (chunk) => {
        resolve(chunk.toString())
        socket.destroy()
      })
      socket.on('error', reject)
    })
    expect(declared).toMatch(/^HTTP\/1\.1 413 /)
    expect(upstream?.requests).toEqual([])
  })

  it('serves the built demo with an SPA fallback, but never for /api paths', async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'runline-static-'))
    await mkdir(join(staticDir, 'assets'))
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>demo</title>')
    await writeFile(join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)')
    const { server } = await start(undefined, { staticDir })
    const index = await fetch(`${server.url}/`)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await index.text()).toContain('<title>demo</title>')
    const asset = await fetch(`${server.url}/assets/app-1234.js`)
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(asset.headers.get('cache-control')).toContain('immutable')
    expect(await asset.text()).toBe('console.log(1)')
    expect(await (await fetch(`${server.url}/runs/some/client/route`)).text()).toContain(
      '<title>demo</title>',
    )
    expect((await fetch(`${server.url}/api/nope`)).status).toBe(404)
    const traversal = await rawGet(server.port, '/assets/%2e%2e/%2e%2e/etc/passwd')
    expect(traversal).toMatch(/^HTTP\/1\.1 400 /)
  })

  it('answers 404 at / when there is no demo build', async () => {
    const { server } = await start(undefined, { staticDir: join(tmpdir(), 'runline-no-such-dir') })
    expect((await fetch(`${server.url}/`)).status).toBe(404)
  })
})
