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

  it('speaks the Responses wire through the proxy: model runline-sim in a conversation; other models refused', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const conversation = (await (await post('/conversations', {})).json()) as { id: string }
    expect(conversation.id).toMatch(/^conv_/)
    const response = await post('/responses', {
      model: 'runline-sim',
      input: 'hello',
      conversation: conversation.id,
    })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { status: string }).status).toBe('completed')
    const items = await fetch(`${server.url}/api/v1/conversations/${conversation.id}/items?order=asc`)
    const roles = ((await items.json()) as { data: Array<{ role?: string }> }).data.map((item) => item.role)
    expect(roles).toEqual(['user', 'assistant'])
    expect((await post('/responses', { model: 'gpt-4o', input: 'hi' })).status).toBe(400)
  })

  it('serves the raw simulator at /sim/v1', async () => {
    const response = await fetch(`${server.url}/sim/v1/assistants/asst_runline_demo`)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { id: string }).id).toBe('asst_runline_demo')
  })
})
