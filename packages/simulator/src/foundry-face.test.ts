// The Foundry face's door: api-version, the bearer token, streaming by body, GET /threads.
import { describe, expect, it } from 'vitest'
import { createSimulator, FOUNDRY_API_VERSIONS } from './index.js'
import { FOUNDRY_URL, type FoundryCallOptions, foundryCall, foundryJson } from './test-utils/foundry.js'
import { call } from './test-utils/sse.js'

const sim0 = () => createSimulator({ delayMs: 0 })

describe('Foundry face: authentication', () => {
  it('answers 401 without a bearer, with a wrong one, and with only an api-key', async () => {
    const sim = sim0()
    const cases: FoundryCallOptions[] = [
      { token: null },
      { token: 'not-the-token' },
      { token: null, headers: { 'api-key': sim.foundry.token } },
      { token: null, headers: { authorization: sim.foundry.token } },
    ]
    for (const options of cases) {
      const response = await foundryCall(sim, 'GET', '/threads', undefined, options)
      expect(response.status, JSON.stringify(options)).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer')
      expect((await response.json()).error.code).toBe('401')
    }
    expect((await foundryCall(sim, 'GET', '/threads')).status).toBe(200)
  })

  it('issues a token from the seed, or accepts the one it is given', async () => {
    expect(createSimulator({ seed: 3 }).foundry.token).toBe(createSimulator({ seed: 3 }).foundry.token)
    expect(createSimulator({ seed: 3 }).foundry.token).not.toBe(createSimulator({ seed: 4 }).foundry.token)
    const sim = createSimulator({ delayMs: 0, foundry: { token: 'fixed-token' } })
    expect(sim.foundry.token).toBe('fixed-token')
    expect((await foundryCall(sim, 'GET', '/threads', undefined, { token: 'fixed-token' })).status).toBe(200)
    expect(() => createSimulator({ foundry: { token: '' } })).toThrow(RangeError)
  })
})

describe('Foundry face: api-version', () => {
  it('accepts the three versions and refuses a missing or unknown one with 400', async () => {
    const sim = sim0()
    for (const apiVersion of FOUNDRY_API_VERSIONS)
      expect((await foundryCall(sim, 'GET', '/threads', undefined, { apiVersion })).status).toBe(200)
    for (const apiVersion of [null, '', '2024-02-15-preview', 'V1']) {
      const response = await foundryCall(sim, 'GET', '/threads', undefined, { apiVersion })
      expect(response.status, String(apiVersion)).toBe(400)
      expect((await response.json()).error).toMatchObject({ param: 'api-version', code: 'BadRequest' })
    }
  })
})

describe('Foundry face: requests', () => {
  it('streams when the body says stream: true, whatever Accept says; no poll header', async () => {
    const sim = sim0()
    const streamed = await foundryCall(sim, 'POST', '/threads/runs', {
      assistant_id: 'asst_runline_demo',
      stream: true,
      thread: { messages: [{ role: 'user', content: 'hello' }] },
    })
    expect(streamed.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(await streamed.text()).toContain('event: thread.run.completed')
    const plain = await foundryCall(sim, 'POST', '/threads/runs', {
      assistant_id: 'asst_runline_demo',
      thread: { messages: [{ role: 'user', content: 'hello' }] },
    })
    expect(plain.headers.get('content-type')).toBe('application/json')
    expect(plain.headers.get('openai-poll-after-ms')).toBeNull()
    expect(plain.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{8}$/)
    const run = await plain.json()
    expect(run).not.toHaveProperty('required_action')
    expect(run).not.toHaveProperty('reasoning_effort')
  })

  it('keeps state of its own and routes below its base path', async () => {
    const sim = sim0()
    const openaiThread = (await (await call(sim, 'POST', '/threads', {})).json()).id
    expect((await foundryCall(sim, 'GET', `/threads/${openaiThread}`)).status).toBe(404)
    const response = await sim.foundry.fetch(
      new Request(`http://foundry.test/v1/threads?api-version=v1`, {
        headers: { authorization: `Bearer ${sim.foundry.token}` },
      }),
    )
    expect(response.status).toBe(404)
    const moved = createSimulator({ delayMs: 0, foundry: { basePath: '/sim/foundry/api/projects/runline/' } })
    expect(moved.foundry.basePath).toBe('/sim/foundry/api/projects/runline')
    const listed = await moved.foundry.fetch(
      new Request('http://x/sim/foundry/api/projects/runline/threads?api-version=v1', {
        headers: { authorization: `Bearer ${moved.foundry.token}` },
      }),
    )
    expect(listed.status).toBe(200)
    expect(FOUNDRY_URL).toContain('/api/projects/runline')
  })

  it('lists threads newest first with cursor paging, and deletes them', async () => {
    const sim = createSimulator({ delayMs: 0, now: () => 1_767_261_600_000 })
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await foundryJson(sim, 'POST', '/threads', {})).id)
    const newestFirst = [...ids].reverse()
    const all = await foundryJson(sim, 'GET', '/threads')
    expect(all.data.map((t: any) => t.id)).toEqual(newestFirst)
    expect(all).toMatchObject({
      object: 'list',
      first_id: newestFirst[0],
      last_id: newestFirst[4],
      has_more: false,
    })

    const first = await foundryJson(sim, 'GET', '/threads?limit=2')
    expect(first.data.map((t: any) => t.id)).toEqual(newestFirst.slice(0, 2))
    expect(first.has_more).toBe(true)
    const second = await foundryJson(sim, 'GET', `/threads?limit=2&after=${first.last_id}`)
    expect(second.data.map((t: any) => t.id)).toEqual(newestFirst.slice(2, 4))
    const back = await foundryJson(sim, 'GET', `/threads?limit=2&before=${second.first_id}`)
    expect(back.data.map((t: any) => t.id)).toEqual(newestFirst.slice(0, 2))
    const asc = await foundryJson(sim, 'GET', '/threads?order=asc&limit=3')
    expect(asc.data.map((t: any) => t.id)).toEqual(ids.slice(0, 3))

    // Reading a thread makes it recently used, not newer: the list keeps creation order.
    await foundryJson(sim, 'GET', `/threads/${ids[0]}`)
    expect((await foundryJson(sim, 'GET', '/threads')).data.map((t: any) => t.id)).toEqual(newestFirst)

    const deleted = await foundryJson(sim, 'DELETE', `/threads/${ids[2]}`)
    expect(deleted).toEqual({ id: ids[2], object: 'thread.deleted', deleted: true })
    expect((await foundryCall(sim, 'GET', `/threads/${ids[2]}`)).status).toBe(404)
    expect((await foundryCall(sim, 'DELETE', `/threads/${ids[2]}`)).status).toBe(404)
    expect((await foundryJson(sim, 'GET', '/threads')).data).toHaveLength(4)
  })

  it('serves the demo agent without reasoning_effort, and the connected researcher', async () => {
    const sim = sim0()
    const agents = await foundryJson(sim, 'GET', '/assistants?order=asc')
    expect(agents.data.map((a: any) => a.id)).toEqual(['asst_runline_demo', 'asst_runline_researcher'])
    const demo = agents.data[0]
    expect(demo).not.toHaveProperty('reasoning_effort')
    expect(demo.tools.map((t: any) => t.type)).toEqual([
      'function',
      'code_interpreter',
      'file_search',
      'mcp',
      'bing_grounding',
      'azure_ai_search',
      'openapi',
      'connected_agent',
      'bing_custom_search',
      'sharepoint_grounding',
      'fabric_dataagent',
      'azure_function',
      'deep_research',
      'browser_automation',
    ])
  })
})
