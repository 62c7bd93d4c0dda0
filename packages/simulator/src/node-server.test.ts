import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SimulatorServer, startSimulatorServer } from './node-server.js'

describe('startSimulatorServer (the runline-simulator bin)', () => {
  let server: SimulatorServer
  beforeAll(async () => {
    server = await startSimulatorServer({ port: 0, delayMs: 0, seed: 7 })
  })
  afterAll(() => server.close())

  it('answers /healthz', async () => {
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('streams a run through the proxy at /api/v1', async () => {
    const response = await fetch(`${server.url}/api/v1/threads/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        assistant_id: 'asst_runline_demo',
        stream: true,
        thread: { messages: [{ role: 'user', content: 'hello' }] },
      }),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const text = await response.text()
    expect(text).toContain('event: thread.run.completed')
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true)
  })

  it('keeps the proxy policy: unknown assistants and paths are refused', async () => {
    const refused = await fetch(`${server.url}/api/v1/threads/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assistant_id: 'asst_other' }),
    })
    expect(refused.status).toBe(403)
    expect((await fetch(`${server.url}/api/v1/assistants`)).status).toBe(404)
    expect((await fetch(`${server.url}/elsewhere`)).status).toBe(404)
  })

  it('serves the raw simulator at /sim/v1', async () => {
    const response = await fetch(`${server.url}/sim/v1/assistants/asst_runline_demo`)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { id: string }).id).toBe('asst_runline_demo')
  })
})
