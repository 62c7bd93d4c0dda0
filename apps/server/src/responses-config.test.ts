import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, loadServerConfig, type RunningServer, startServer } from './index.js'

const REMOTE = { RUNLINE_UPSTREAM_URL: 'http://127.0.0.1:9/v1', RUNLINE_ASSISTANT_IDS: '*' }
const PROFILES = {
  support: { model: 'gpt-5-mini', instructions: 'Be brief.', tools: [{ type: 'web_search' }] },
}

describe('RUNLINE_RESPONSES_AGENTS', () => {
  it('defaults to the simulator model runline-sim, and to none (Responses off) for a real upstream', () => {
    expect(loadServerConfig({}).responsesAgents).toEqual({ 'runline-sim': { model: 'runline-sim' } })
    expect(loadServerConfig(REMOTE).responsesAgents).toEqual({})
  })

  it('reads inline JSON or a JSON file', () => {
    expect(
      loadServerConfig({ ...REMOTE, RUNLINE_RESPONSES_AGENTS: JSON.stringify(PROFILES) }).responsesAgents,
    ).toEqual(PROFILES)
    const file = join(mkdtempSync(join(tmpdir(), 'runline-agents-')), 'agents.json')
    writeFileSync(file, JSON.stringify(PROFILES))
    expect(loadServerConfig({ ...REMOTE, RUNLINE_RESPONSES_AGENTS: file }).responsesAgents).toEqual(PROFILES)
  })

  it.each([
    ['{not json', /not valid JSON/],
    ['/nonexistent/agents.json', /cannot read the file '\/nonexistent\/agents.json' \(ENOENT\)/],
    ['{}', /at least one profile/],
    ['{"a":{"instructions":"x"}}', /agents\['a'\] needs a model/],
    ['{"a b":{"model":"m"}}', /not a profile name/],
    ['{"a":{"model":"m","input":"hi"}}', /unknown field 'input'/],
    ['{"a":{"model":"m","max_output_tokens":-1}}', /max_output_tokens/],
  ])('refuses %s at start with a message naming the variable', (value, message) => {
    const load = () => loadServerConfig({ ...REMOTE, RUNLINE_RESPONSES_AGENTS: value })
    expect(load).toThrow(ConfigError)
    expect(load).toThrow(/^RUNLINE_RESPONSES_AGENTS/)
    expect(load).toThrow(message)
  })
})

describe('apps/server forwards the Responses wire with the configured profiles', () => {
  let upstream: Server | undefined
  let server: RunningServer | undefined
  afterEach(async () => {
    await server?.close()
    upstream?.closeAllConnections()
    await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()))
  })

  it('the official SDK: model "support" becomes the pinned model, instructions and tools', async () => {
    const bodies: unknown[] = []
    upstream = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => (body += chunk))
      req.on('end', () => {
        bodies.push({ url: req.url, auth: req.headers.authorization, body: JSON.parse(body) })
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ id: 'resp_1', object: 'response', status: 'completed', output: [] }))
      })
    })
    await new Promise<void>((resolve) => upstream!.listen(0, '127.0.0.1', resolve))
    const { port } = upstream.address() as AddressInfo
    server = await startServer({
      ...loadServerConfig({
        PORT: '0',
        RUNLINE_UPSTREAM_URL: `http://127.0.0.1:${port}/v1`,
        RUNLINE_UPSTREAM_API_KEY: 'sk-test-server-key-0123456789',
        RUNLINE_ASSISTANT_IDS: '*',
        RUNLINE_RESPONSES_AGENTS: JSON.stringify(PROFILES),
      }),
      staticDir: null,
      log: null,
    })
    const client = new OpenAI({ baseURL: `${server.url}/api/v1`, apiKey: 'unused', maxRetries: 0 })
    const response = await client.responses.create({ model: 'support', input: 'hi' })
    expect(response.id).toBe('resp_1')
    expect(bodies).toEqual([
      {
        url: '/v1/responses',
        auth: 'Bearer sk-test-server-key-0123456789',
        body: { input: 'hi', ...PROFILES.support },
      },
    ])
    await expect(client.responses.create({ model: 'gpt-5-mini', input: 'hi' })).rejects.toMatchObject({
      status: 400,
      param: 'model',
    })
  })
})
