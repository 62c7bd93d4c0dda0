// apps/server in front of a Foundry project: a static token in-process; Microsoft Entra client
// credentials for real (`pnpm serve` in a child process, a fake authority over TLS trusted through
// NODE_EXTRA_CA_CERTS); and the simulator's Foundry face.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type FakeUpstream, startFakeUpstream } from '../../../packages/proxy/src/test-utils/fakeUpstream.js'
import { loadServerConfig, type RunningServer, startServer } from './index.js'
import {
  type FakeEntra,
  type LoopbackCertificate,
  loopbackCertificate,
  startFakeEntra,
} from './test-utils/entra.js'

const serverDir = fileURLToPath(new URL('..', import.meta.url))
const PROJECT = '/api/projects/runline'
const TOKEN = 'static-bearer-token-0123456789'
const TENANT = 'tenant-under-test'
const CLIENT = '11111111-2222-3333-4444-555555555555'
const SECRET = 'client-secret-under-test-0123456789'

let upstream: FakeUpstream | undefined
let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  await upstream?.close()
  server = upstream = undefined
})

const projectUrl = (fake: FakeUpstream) => fake.url.replace(/\/v1$/, PROJECT)

describe('foundry upstream with a static bearer token (in process)', () => {
  async function start(env: Record<string, string> = {}) {
    upstream = await startFakeUpstream()
    const config = loadServerConfig({
      PORT: '0',
      RUNLINE_UPSTREAM_URL: projectUrl(upstream),
      RUNLINE_UPSTREAM_FLAVOR: 'foundry',
      RUNLINE_UPSTREAM_BEARER_TOKEN: TOKEN,
      RUNLINE_ASSISTANT_IDS: 'asst_a',
      ...env,
    })
    server = await startServer({ ...config, staticDir: null, log: null })
    return server
  }

  it('forwards to the project with the token and api-version; the browser sees neither', async () => {
    const { url } = await start({ RUNLINE_FOUNDRY_API_VERSION: '2025-05-01' })
    const response = await fetch(`${url}/api/v1/threads/thread_a/messages?limit=2`, {
      headers: { authorization: 'Bearer from-the-browser', 'api-key': 'from-the-browser' },
    })
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).not.toContain(TOKEN)
    const [recorded] = upstream?.requests ?? []
    expect(recorded?.url).toBe(`${PROJECT}/threads/thread_a/messages?limit=2&api-version=2025-05-01`)
    expect(recorded?.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(recorded?.headers['api-key']).toBeUndefined()
  })

  it('GET /threads only with RUNLINE_THREAD_LIST=on; /api/runline-config says what is configured, no URL', async () => {
    const { url } = await start()
    expect((await fetch(`${url}/api/v1/threads`)).status).toBe(405)
    const info = await (await fetch(`${url}/api/runline-config`)).json()
    expect(info).toEqual({
      backend: 'upstream',
      wire: 'foundry',
      flavor: 'foundry',
      threadList: false,
      assistantIds: ['asst_a'],
      apiBase: '/api/v1',
      backends: [
        {
          id: 'configured',
          label: 'Foundry project',
          wire: 'foundry',
          apiBase: '/api/v1',
          threadList: false,
        },
      ],
      defaultBackend: 'configured',
    })
    await server?.close()
    await upstream?.close()
    const listing = await start({ RUNLINE_THREAD_LIST: 'on' })
    expect((await fetch(`${listing.url}/api/v1/threads?limit=5`)).status).toBe(200)
    expect(upstream?.requests.map((r) => r.url)).toEqual([`${PROJECT}/threads?limit=5&api-version=v1`])
    expect(
      ((await (await fetch(`${listing.url}/api/runline-config`)).json()) as { threadList: boolean })
        .threadList,
    ).toBe(true)
  })
})

describe('the simulator as upstream', () => {
  it('RUNLINE_SIM_WIRE=foundry: the proxy calls the Foundry face with a simulator-issued token', async () => {
    const seen: Request[] = []
    server = await startServer({
      ...loadServerConfig({ PORT: '0', RUNLINE_SIM_WIRE: 'foundry', RUNLINE_SIM_DELAY_MS: '0' }),
      staticDir: null,
      log: null,
      wrapUpstreamFetch: (inner) => (input, init) => {
        seen.push(new Request(input, init))
        return inner(input, init)
      },
    })
    await fetch(`${server.url}/api/v1/threads?limit=3`)
    await fetch(`${server.url}/api/v1/threads/thread_x`)
    expect(seen.map((r) => r.url)).toEqual([
      `http://simulator.invalid/sim/foundry${PROJECT}/threads?limit=3&api-version=v1`,
      `http://simulator.invalid/sim/foundry${PROJECT}/threads/thread_x?api-version=v1`,
    ])
    const tokens = seen.map((r) => r.headers.get('authorization'))
    expect(tokens[0]).toMatch(/^Bearer sim_[A-Za-z0-9_-]{32}$/)
    expect(tokens[1]).toBe(tokens[0])
    const info = await (await fetch(`${server.url}/api/runline-config`)).json()
    expect(info).toMatchObject({ backend: 'simulator', wire: 'foundry', flavor: 'foundry', threadList: true })
  })

  it('by default: the Assistants face, no thread list', async () => {
    server = await startServer({ ...loadServerConfig({ PORT: '0' }), staticDir: null, log: null })
    const info = await (await fetch(`${server.url}/api/runline-config`)).json()
    expect(info).toMatchObject({
      backend: 'simulator',
      wire: 'assistants',
      flavor: 'openai',
      threadList: false,
    })
    expect((await fetch(`${server.url}/api/runline-config`, { method: 'POST' })).status).toBe(405)
  })
})

/** `pnpm serve`'s entry in a child process; resolves once it listens (or rejects with its stderr). */
async function serve(env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    // Only what the child needs: no NODE_EXTRA_CA_CERTS or AZURE_* from the machine running the tests.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = { stdout: '', stderr: '' }
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(output.stdout)
      if (match?.[1]) resolve(match[1])
    })
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${output.stderr}`)))
  })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  return { url, output, stop }
}

describe('Microsoft Entra client credentials at a TLS authority on loopback (pnpm serve, child process)', () => {
  let certificate: LoopbackCertificate
  let dir: string
  let caFile: string
  let entra: FakeEntra | undefined
  let child: Awaited<ReturnType<typeof serve>> | undefined
  beforeAll(async () => {
    certificate = await loopbackCertificate()
    dir = await mkdtemp(join(tmpdir(), 'runline-entra-'))
    caFile = join(dir, 'ca.pem')
    await writeFile(caFile, certificate.cert)
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  afterEach(async () => {
    await child?.stop()
    await entra?.close()
    child = entra = undefined
  })

  async function setup(env: Record<string, string>) {
    entra = await startFakeEntra(certificate, { tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET })
    upstream = await startFakeUpstream()
    child = await serve({
      RUNLINE_UPSTREAM_URL: projectUrl(upstream),
      RUNLINE_UPSTREAM_FLAVOR: 'foundry',
      RUNLINE_ASSISTANT_IDS: 'asst_a',
      AZURE_TENANT_ID: TENANT,
      AZURE_CLIENT_ID: CLIENT,
      AZURE_CLIENT_SECRET: SECRET,
      AZURE_AUTHORITY_HOST: entra.authorityHost,
      NODE_EXTRA_CA_CERTS: caFile,
      ...env,
    })
    return child
  }

  it('gets a token from <authority>/<tenant>/oauth2/v2.0/token for the Foundry scope, once, and sends it upstream only', async () => {
    const { url, output } = await setup({})
    for (const id of ['thread_a', 'thread_b']) {
      const response = await fetch(`${url}/api/v1/threads/${id}`)
      expect(response.status).toBe(200)
      expect(await response.text()).not.toContain('fake-entra-token')
    }
    const tokenRequests = entra?.requests.filter((r) => r.method === 'POST') ?? []
    expect(tokenRequests.map((r) => r.path)).toEqual([`/${TENANT}/oauth2/v2.0/token`])
    expect(tokenRequests[0]?.form).toMatchObject({
      grant_type: 'client_credentials',
      client_id: CLIENT,
      client_secret: SECRET,
      scope: 'https://ai.azure.com/.default',
    })
    const issued = entra?.issued[0]
    expect(upstream?.requests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${issued}`,
      `Bearer ${issued}`,
    ])
    expect(upstream?.requests.every((r) => r.url.endsWith('?api-version=v1'))).toBe(true)
    expect(output.stdout).toContain(
      `(foundry, api-version v1, client credentials via ${entra?.authorityHost})`,
    )
  }, 60_000)

  it('a refused secret: 502 upstream_credential_failed for the browser, the AADSTS cause in the log, no secret anywhere', async () => {
    const { url, output } = await setup({ AZURE_CLIENT_SECRET: 'a-wrong-secret-0123456789' })
    const response = await fetch(`${url}/api/v1/threads/thread_a`)
    expect(response.status).toBe(502)
    const text = await response.text()
    expect(JSON.parse(text).error.code).toBe('upstream_credential_failed')
    expect(text).not.toMatch(/AADSTS|secret-0123456789/)
    expect(upstream?.requests).toEqual([])
    await vi.waitFor(() => expect(output.stdout).toMatch(/foundry token failed: .*AADSTS7000215/))
    expect(output.stdout + output.stderr).not.toContain('a-wrong-secret-0123456789')
  }, 60_000)

  it('without NODE_EXTRA_CA_CERTS the certificate is not trusted: 502, and the authority never sees a request', async () => {
    const { url } = await setup({ NODE_EXTRA_CA_CERTS: '' })
    const response = await fetch(`${url}/api/v1/threads/thread_a`)
    expect(response.status).toBe(502)
    expect(entra?.requests).toEqual([])
    expect(upstream?.requests).toEqual([])
  }, 60_000)
})
