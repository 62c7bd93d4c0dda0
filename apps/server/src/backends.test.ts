// The simulator's faces as selectable backends (`/api/backends/<id>/v1`) over loopback HTTP: what
// `/api/runline-config` lists, one simulator behind every mount, and the proxy's guarantees on each.
import { connect } from 'node:net'
import { createRunlineClient, selectRequiredApprovals, selectStatus, selectThreadId } from '@runline/core'
import { createRunController } from '@runline/hooks'
import { afterEach, describe, expect, it } from 'vitest'
import { type FakeUpstream, startFakeUpstream } from '../../../packages/proxy/src/test-utils/fakeUpstream.js'
import {
  ConfigError,
  loadServerConfig,
  type RunlineConfigInfo,
  type RunningServer,
  type ServerConfig,
  startServer,
} from './index.js'

const KEY = 'sk-backends-test-key-abcdefghijklmnop'
const SIM = ['sim-assistants', 'sim-foundry', 'sim-responses'] as const
const base = (id: string) => `/api/backends/${id}/v1`

let server: RunningServer | undefined
let upstream: FakeUpstream | undefined
afterEach(async () => {
  await server?.close()
  await upstream?.close()
  server = upstream = undefined
})

async function start(env: Record<string, string> = {}, overrides: Partial<ServerConfig> = {}) {
  server = await startServer({
    ...loadServerConfig({ PORT: '0', RUNLINE_SIM_DELAY_MS: '0', ...env }),
    staticDir: null,
    log: null,
    ...overrides,
  })
  return server
}

async function startBesideUpstream(env: Record<string, string> = {}) {
  upstream = await startFakeUpstream()
  return start({
    RUNLINE_UPSTREAM_URL: upstream.url,
    RUNLINE_UPSTREAM_API_KEY: KEY,
    RUNLINE_ASSISTANT_IDS: 'asst_remote',
    ...env,
  })
}

const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

async function configInfo(url: string): Promise<RunlineConfigInfo> {
  return (await (await fetch(`${url}/api/runline-config`)).json()) as RunlineConfigInfo
}

/** Sends a request target byte for byte (fetch would normalise it). */
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

describe('RUNLINE_SIM_BACKENDS', () => {
  it('is off by default beside a configured upstream; 1 turns it on with the simulator settings, and says so', () => {
    const remote = { RUNLINE_UPSTREAM_URL: 'https://x.example/v1', RUNLINE_ASSISTANT_IDS: 'asst_a' }
    expect(loadServerConfig(remote).simBackends).toBeNull()
    expect(loadServerConfig({ ...remote, RUNLINE_SIM_BACKENDS: '0' }).simBackends).toBeNull()
    const on = loadServerConfig({ ...remote, RUNLINE_SIM_BACKENDS: '1', RUNLINE_SIM_DELAY_MS: '3' })
    expect(on.simBackends).toMatchObject({ delayMs: 3, maxThreads: 1000 })
    expect(on.notices.join('\n')).toContain('RUNLINE_SIM_BACKENDS=1')
    // With the simulator as upstream its faces are the backends anyway.
    expect(loadServerConfig({ RUNLINE_SIM_BACKENDS: '1' }).simBackends).toBeNull()
  })

  it.each([
    [
      { RUNLINE_SIM_BACKENDS: 'yes', RUNLINE_UPSTREAM_URL: 'https://x/v1', RUNLINE_ASSISTANT_IDS: 'asst_a' },
      /1 or 0/,
    ],
    [{ RUNLINE_SIM_BACKENDS: '0' }, /needs RUNLINE_UPSTREAM_URL/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadServerConfig(env)).toThrow(ConfigError)
    expect(() => loadServerConfig(env)).toThrow(/RUNLINE_SIM_BACKENDS/)
    expect(() => loadServerConfig(env)).toThrow(message)
  })
})

describe('/api/runline-config lists the backends', () => {
  it('with the simulator: its three faces, the Assistants one first by default, no URL', async () => {
    const { url } = await start()
    const info = await configInfo(url)
    expect(info.backends).toEqual([
      {
        id: 'sim-assistants',
        label: 'Simulator (Assistants)',
        wire: 'assistants',
        apiBase: base('sim-assistants'),
        threadList: false,
      },
      {
        id: 'sim-foundry',
        label: 'Simulator (Foundry)',
        wire: 'foundry',
        apiBase: base('sim-foundry'),
        threadList: true,
      },
      {
        id: 'sim-responses',
        label: 'Simulator (Responses)',
        wire: 'responses',
        apiBase: base('sim-responses'),
        threadList: false,
        model: 'runline-sim',
      },
    ])
    expect(info.defaultBackend).toBe('sim-assistants')
    expect(info).toMatchObject({ backend: 'simulator', wire: 'assistants', apiBase: '/api/v1' })
    expect(JSON.stringify(info)).not.toMatch(/https?:|simulator\.invalid|sim_/)
  })

  it('RUNLINE_SIM_WIRE=foundry opens on the Foundry face', async () => {
    const { url } = await start({ RUNLINE_SIM_WIRE: 'foundry' })
    expect((await configInfo(url)).defaultBackend).toBe('sim-foundry')
  })

  it('beside a configured upstream: only `configured` (/api/v1) by default, and no simulator mount', async () => {
    const { url } = await startBesideUpstream()
    const info = await configInfo(url)
    expect(info.backends).toEqual([
      {
        id: 'configured',
        label: 'Assistants-compatible server',
        wire: 'assistants',
        apiBase: '/api/v1',
        threadList: false,
      },
    ])
    expect(info.defaultBackend).toBe('configured')
    for (const id of SIM) {
      const response = await fetch(`${url}${base(id)}/threads`, json('POST', {}))
      expect(response.status).toBe(404)
    }
    expect((await fetch(`${url}/sim/v1/threads`, json('POST', {}))).status).toBe(404)
    expect(upstream?.requests).toEqual([])
  })

  it('beside a configured upstream with RUNLINE_SIM_BACKENDS=1: the simulator faces too, with its own allowlist, no upstream URL or key', async () => {
    const { url } = await startBesideUpstream({ RUNLINE_SIM_BACKENDS: '1' })
    const info = await configInfo(url)
    expect(info.backends.map((b) => b.id)).toEqual(['configured', ...SIM])
    expect(info.defaultBackend).toBe('configured')
    const text = JSON.stringify(info)
    expect(text).not.toContain(upstream!.url.replace(/\/v1$/, ''))
    expect(text).not.toContain(KEY)
    // The simulator's assistant, not the configured upstream's.
    const thread = (await (
      await fetch(`${url}${base('sim-assistants')}/threads`, json('POST', {}))
    ).json()) as {
      id: string
    }
    const runs = `${url}${base('sim-assistants')}/threads/${thread.id}/runs`
    expect((await fetch(runs, json('POST', { assistant_id: 'asst_remote' }))).status).toBe(403)
    expect((await fetch(runs, json('POST', { assistant_id: 'asst_runline_demo' }))).status).toBe(200)
    // The raw simulator stays unmounted: it is no upstream here.
    expect((await fetch(`${url}/sim/v1/threads/${thread.id}`)).status).toBe(404)
    expect(upstream?.requests).toEqual([])
  })
})

describe('one simulator behind every backend', () => {
  it('a thread made at /api/v1 is the same thread at sim-assistants and at the raw /sim/v1', async () => {
    const { url } = await start()
    const made = (await (await fetch(`${url}/api/v1/threads`, json('POST', {}))).json()) as { id: string }
    for (const path of [`${base('sim-assistants')}/threads/${made.id}`, `/sim/v1/threads/${made.id}`]) {
      const response = await fetch(`${url}${path}`)
      expect(response.status, path).toBe(200)
      expect(((await response.json()) as { id: string }).id).toBe(made.id)
    }
  })

  it('a Foundry thread made at sim-foundry is listed there and is /api/v1’s with RUNLINE_SIM_WIRE=foundry', async () => {
    const { url } = await start({ RUNLINE_SIM_WIRE: 'foundry' })
    const made = (await (await fetch(`${url}${base('sim-foundry')}/threads`, json('POST', {}))).json()) as {
      id: string
    }
    const listed = (await (await fetch(`${url}${base('sim-foundry')}/threads?limit=5`)).json()) as {
      data: Array<{ id: string }>
    }
    expect(listed.data[0]?.id).toBe(made.id)
    expect((await fetch(`${url}/api/v1/threads/${made.id}`)).status).toBe(200)
  })

  it('a conversation made at sim-responses is /api/v1’s too', async () => {
    const { url } = await start()
    const made = (await (
      await fetch(`${url}${base('sim-responses')}/conversations`, json('POST', {}))
    ).json()) as {
      id: string
    }
    expect(made.id).toMatch(/^conv_/)
    expect((await fetch(`${url}/api/v1/conversations/${made.id}`)).status).toBe(200)
  })
})

describe('the wires through their backends (Runline client and controller)', () => {
  it('sim-foundry: an MCP approval prompt waits; one call approved, one denied, the run completes', async () => {
    const { url } = await start()
    const client = createRunlineClient({ baseUrl: `${url}${base('sim-foundry')}` })
    const controller = createRunController({ client, assistantId: 'asst_runline_demo', scheduler: 'sync' })
    const waiting = await controller.start({ message: 'approve an MCP search for streaming' })
    expect(selectStatus(waiting)).toBe('requires_action')
    const calls = selectRequiredApprovals(waiting)
    expect(calls.map((call) => call.name)).toEqual(['search_docs', 'fetch_page'])
    const done = await controller.submitToolApprovals(
      calls.map((call, index) => ({ tool_call_id: call.id, approve: index === 0 })),
    )
    expect(selectStatus(done)).toBe('completed')
    const listed = await client.threads.list({ limit: 1 })
    expect(listed.data[0]?.id).toBe(done.run?.thread_id)
  })

  it('sim-responses: a turn in a new conversation with the pinned profile', async () => {
    const { url } = await start()
    const controller = createRunController({
      client: createRunlineClient({ baseUrl: `${url}${base('sim-responses')}` }),
      wire: 'responses',
      model: 'runline-sim',
      scheduler: 'sync',
    })
    const state = await controller.start({ message: 'hello there' })
    expect(selectStatus(state)).toBe('completed')
    expect(selectThreadId(state)).toMatch(/^conv_/)
  })
})

describe('each backend mount keeps the proxy’s guarantees', () => {
  it.each(
    SIM.flatMap((id) => [
      `${base(id)}/threads/../assistants`,
      `${base(id)}/threads/%2e%2e/files`,
      `${base(id)}//threads`,
      `${base(id)}/threads/thread_a%2F..%2Fmodels`,
      `/api/backends/${id}/../v1/threads/thread_a`,
    ]),
  )('refuses the raw path trick %s with 400', async (target) => {
    const { port } = await start()
    const raw = await rawGet(port, target)
    expect(raw).toMatch(/^HTTP\/1\.1 400 /)
    expect(raw).toContain('"code":"invalid_path"')
  })

  it('answers an unknown backend and a path outside the allowlist with JSON 404s', async () => {
    const { url } = await start()
    for (const path of ['/api/backends/configured/v1/threads', '/api/backends/sim-other/v1/threads']) {
      const response = await fetch(`${url}${path}`, json('POST', {}))
      expect(response.status, path).toBe(404)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unknown_url')
    }
    expect((await fetch(`${url}${base('sim-assistants')}/assistants`)).status).toBe(404)
  })

  it('allowlists: assistants, the thread list (Foundry only), and each face’s own wire', async () => {
    const { url } = await start()
    const thread = (await (
      await fetch(`${url}${base('sim-assistants')}/threads`, json('POST', {}))
    ).json()) as {
      id: string
    }
    const runs = `${url}${base('sim-assistants')}/threads/${thread.id}/runs`
    const refused = await fetch(runs, json('POST', { assistant_id: 'asst_someone_else' }))
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('assistant_not_allowed')
    // A run-creation field the browser may not set.
    expect((await fetch(runs, json('POST', { assistant_id: 'asst_runline_demo', model: 'x' }))).status).toBe(
      400,
    )
    expect((await fetch(`${url}${base('sim-assistants')}/threads`)).status).toBe(405)
    expect((await fetch(`${url}${base('sim-foundry')}/threads`)).status).toBe(200)
    // Only the Responses face speaks Responses, and only Responses.
    expect((await fetch(`${url}${base('sim-assistants')}/conversations`, json('POST', {}))).status).toBe(404)
    expect((await fetch(`${url}${base('sim-foundry')}/conversations`, json('POST', {}))).status).toBe(404)
    expect((await fetch(`${url}${base('sim-responses')}/threads`, json('POST', {}))).status).toBe(404)
    // The pinned agent profile: no other model, no instructions from the browser.
    const responses = `${url}${base('sim-responses')}/responses`
    expect((await fetch(responses, json('POST', { model: 'gpt-4o', input: 'hi' }))).status).toBe(400)
    expect(
      (await fetch(responses, json('POST', { model: 'runline-sim', input: 'hi', instructions: 'x' }))).status,
    ).toBe(400)
    expect((await fetch(responses, json('POST', { model: 'runline-sim', input: 'hi' }))).status).toBe(200)
  })

  it.each(SIM)('%s: the body limit and the cross-origin refusal', async (id) => {
    const { url } = await start({}, { maxBodyBytes: 512 })
    const path = id === 'sim-responses' ? 'conversations' : 'threads'
    const big = await fetch(`${url}${base(id)}/${path}`, json('POST', { metadata: { a: 'x'.repeat(2048) } }))
    expect(big.status).toBe(413)
    const foreign = await fetch(
      `${url}${base(id)}/${path}`,
      json('POST', {}, { origin: 'https://evil.example' }),
    )
    expect(foreign.status).toBe(403)
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed')
  })
})
