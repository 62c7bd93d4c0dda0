// What the simulator refuses before storing anything: bad paths, deep JSON, over-long messages.

import { MAX_JSON_DEPTH } from '@runline/proxy'
import { describe, expect, it } from 'vitest'
import { createSimulator, DEMO_ASSISTANT_ID } from './index.js'
import { MAX_MESSAGE_LENGTH } from './limits.js'
import { call, callJson } from './test-utils/sse.js'

const setup = () => createSimulator({ delayMs: 0 })

describe('paths', () => {
  it.each([
    '/threads/%zz',
    '/threads/thread_a%E2',
    '/threads/%',
    '/threads/thread_a/messages/%C0%AF',
    '/files/%ff/content',
  ])('a malformed percent-escape (%s) is a 400, not a 500', async (path) => {
    const response = await call(setup(), 'GET', path)
    expect(response.status).toBe(400)
    expect((await response.json()).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_url',
    })
  })

  it('odd ids and paths are 400 or 404 for every method, never a 500', async () => {
    const sim = setup()
    const thread = await callJson(sim, 'POST', '/threads', {})
    const ids = ['%00', '%2F', 'constructor', '__proto__', 'thread_%E2%82%AC', 'x'.repeat(5_000), '%25zz']
    const paths = ids.flatMap((id) => [
      `/threads/${id}`,
      `/threads/${id}/messages`,
      `/threads/${thread.id}/messages/${id}`,
      `/threads/${thread.id}/runs/${id}`,
      `/threads/${thread.id}/runs/${id}/steps/${id}`,
      `/assistants/${id}`,
      `/files/${id}/content`,
      `/${id}`,
    ])
    for (const path of paths) {
      for (const method of ['GET', 'POST', 'DELETE', 'PATCH']) {
        const response = await call(sim, method, path, method === 'POST' ? {} : undefined)
        expect([400, 404], `${method} ${path.slice(0, 80)}`).toContain(response.status)
      }
    }
  })
})

describe('JSON depth', () => {
  /** A message whose `attachments` (stored as sent) nests `levels` arrays deep inside the body. */
  const messageWith = (levels: number) =>
    `{"role":"user","content":"hi","attachments":${'['.repeat(levels)}${']'.repeat(levels)}}`

  const post = (sim: ReturnType<typeof setup>, path: string, body: string) =>
    sim.fetch(
      new Request(`http://simulator.test/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }),
    )

  it(`refuses a body nested deeper than ${MAX_JSON_DEPTH} levels; nothing is stored`, async () => {
    const sim = setup()
    const thread = await callJson(sim, 'POST', '/threads', {})
    for (const levels of [4_000, MAX_JSON_DEPTH]) {
      const response = await post(sim, `/threads/${thread.id}/messages`, messageWith(levels))
      expect(response.status).toBe(400)
      expect((await response.json()).error).toMatchObject({ code: 'json_too_deep', param: null })
    }
    const list = await call(sim, 'GET', `/threads/${thread.id}/messages`)
    expect(list.status).toBe(200)
    expect((await list.json()).data).toEqual([])
  })

  it('stores a body at the limit, and the thread stays readable', async () => {
    const sim = setup()
    const thread = await callJson(sim, 'POST', '/threads', {})
    // The message object is level 1: attachments may nest MAX - 1 levels.
    const response = await post(sim, `/threads/${thread.id}/messages`, messageWith(MAX_JSON_DEPTH - 1))
    expect(response.status).toBe(200)
    const list = await call(sim, 'GET', `/threads/${thread.id}/messages`)
    expect(list.status).toBe(200)
    expect((await list.json()).data).toHaveLength(1)
  })
})

describe('message length', () => {
  const tooLong = 'a'.repeat(MAX_MESSAGE_LENGTH + 1)

  it(`accepts ${MAX_MESSAGE_LENGTH} characters and refuses one more, in the API's words`, async () => {
    const sim = setup()
    const thread = await callJson(sim, 'POST', '/threads', {})
    const path = `/threads/${thread.id}/messages`
    const ok = await call(sim, 'POST', path, { role: 'user', content: 'a'.repeat(MAX_MESSAGE_LENGTH) })
    expect(ok.status).toBe(200)
    const refused = await call(sim, 'POST', path, { role: 'user', content: tooLong })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({
      error: {
        message: `Invalid 'content': string too long. Expected a string with maximum length 256000, but got a string with length 256001 instead.`,
        type: 'invalid_request_error',
        param: 'content',
        code: 'string_above_max_length',
      },
    })
  })

  it('checks text parts and the messages of a new thread too, naming the param', async () => {
    const sim = setup()
    const thread = await callJson(sim, 'POST', '/threads', {})
    const part = await callJson(sim, 'POST', `/threads/${thread.id}/messages`, {
      role: 'user',
      content: [{ type: 'text', text: tooLong }],
    })
    expect(part.error).toMatchObject({ param: 'content[0].text', code: 'string_above_max_length' })
    const createAndRun = await call(sim, 'POST', '/threads/runs', {
      assistant_id: DEMO_ASSISTANT_ID,
      thread: { messages: [{ role: 'user', content: tooLong }] },
    })
    expect(createAndRun.status).toBe(400)
    expect((await createAndRun.json()).error.param).toBe('thread.messages[0].content')
  })
})
