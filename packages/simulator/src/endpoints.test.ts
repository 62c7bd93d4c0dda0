import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { crc32, createSimulator, DEMO_ASSISTANT_ID, PNG_SIGNATURE, renderBarChartPng } from './index.js'
import { call, callJson, eventually, parseSse } from './test-utils/sse.js'

const T0 = 1_761_861_531_000
const INCLUDE_CONTENT = 'step_details.tool_calls[*].file_search.results[*].content'

/** A simulator with a clock the test moves. */
function setup(delayMs = 0) {
  let now = T0
  const sim = createSimulator({ delayMs, now: () => now })
  return { sim, advance: (ms: number) => (now += ms) }
}

async function createAndRun(sim: ReturnType<typeof createSimulator>, text: string, extra: object = {}) {
  const response = await call(sim, 'POST', '/threads/runs', {
    assistant_id: DEMO_ASSISTANT_ID,
    thread: { messages: [{ role: 'user', content: text }] },
    ...extra,
  })
  return { response, run: await response.json() }
}

const runPath = (run: { thread_id: string; id: string }) => `/threads/${run.thread_id}/runs/${run.id}`

async function waitForStatus(sim: ReturnType<typeof createSimulator>, run: any, statuses: string[]) {
  return eventually(
    () => callJson(sim, 'GET', runPath(run)),
    (current) => statuses.includes(current.status),
  )
}

describe('errors', () => {
  it('answers unknown objects with 404 and the API error envelope', async () => {
    const { sim } = setup()
    const response = await call(sim, 'GET', '/threads/thread_nope')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({
      error: {
        message: "No thread found with id 'thread_nope'.",
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    })
    const thread = await callJson(sim, 'POST', '/threads', {})
    const cases: Array<[string, string]> = [
      [`/threads/${thread.id}/runs/run_x`, "No run found with id 'run_x'."],
      [`/threads/${thread.id}/messages/msg_x`, "No message found with id 'msg_x'."],
      ['/assistants/asst_x', "No assistant found with id 'asst_x'."],
      ['/files/file-x', 'No such File object: file-x'],
      ['/nothing/here', 'Invalid URL (GET /v1/nothing/here)'],
    ]
    for (const [path, message] of cases) {
      const answer = await call(sim, 'GET', path)
      expect(answer.status, path).toBe(404)
      expect((await answer.json()).error.message).toBe(message)
    }
    const wrongMethod = await call(sim, 'DELETE', '/assistants')
    expect(wrongMethod.status).toBe(404)
  })

  it('validates bodies with 400s', async () => {
    const { sim } = setup()
    const thread = await callJson(sim, 'POST', '/threads', {})
    const missing = await call(sim, 'POST', `/threads/${thread.id}/runs`, {})
    expect(missing.status).toBe(400)
    expect((await missing.json()).error).toEqual({
      message: "Missing required parameter: 'assistant_id'.",
      type: 'invalid_request_error',
      param: 'assistant_id',
      code: 'missing_required_parameter',
    })
    const unknown = await call(sim, 'POST', `/threads/${thread.id}/runs`, { assistant_id: 'asst_x' })
    expect(unknown.status).toBe(404)
    const badRole = await call(sim, 'POST', `/threads/${thread.id}/messages`, {
      role: 'system',
      content: 'x',
    })
    expect(badRole.status).toBe(400)
    expect((await badRole.json()).error.param).toBe('role')
    const badJson = await sim.fetch(new Request('http://s/v1/threads', { method: 'POST', body: '{nope' }))
    expect(badJson.status).toBe(400)
    const noUserMessage = await call(sim, 'POST', '/assistants', { model: 'gpt-4o' })
    const bare = await noUserMessage.json()
    const empty = await call(sim, 'POST', `/threads/${thread.id}/runs`, { assistant_id: bare.id })
    expect(empty.status).toBe(400)
    expect((await empty.json()).error.message).toBe(
      'Run creation requires a Thread with a user message or an assistant with instructions.',
    )
  })

  it("refuses a 'stream' that is not a boolean, on every endpoint that takes one", async () => {
    const { sim } = setup()
    const thread = await callJson(sim, 'POST', '/threads', {})
    const runs = [
      [`/threads/${thread.id}/runs`, { assistant_id: DEMO_ASSISTANT_ID, stream: 'yes' }],
      ['/threads/runs', { assistant_id: DEMO_ASSISTANT_ID, stream: 1 }],
    ] as const
    for (const [path, body] of runs) {
      const response = await call(sim, 'POST', path, body)
      expect(response.status, path).toBe(400)
      expect((await response.json()).error).toMatchObject({
        message: "Invalid type for 'stream': expected a boolean.",
        param: 'stream',
        code: 'invalid_type',
      })
    }
    // null reads as not streaming, as the API's nullable parameter does.
    const plain = await call(sim, 'POST', `/threads/${thread.id}/runs`, {
      assistant_id: DEMO_ASSISTANT_ID,
      stream: null,
    })
    expect(plain.status).toBe(200)
    expect(plain.headers.get('content-type')).toBe('application/json')
  })
})

describe('assistants, threads and messages', () => {
  it('is seeded with the demo assistant and can create more', async () => {
    const { sim } = setup()
    const demo = await callJson(sim, 'GET', `/assistants/${DEMO_ASSISTANT_ID}`)
    expect(demo.model).toBe('gpt-4o')
    expect(demo.tools.map((tool: { type: string }) => tool.type)).toEqual([
      'function',
      'code_interpreter',
      'file_search',
    ])
    expect(demo.tools[0].function.parameters).toMatchObject({
      properties: { location: { type: 'string' }, unit: { enum: ['c', 'f'] } },
      required: ['location'],
    })
    const created = await callJson(sim, 'POST', '/assistants', { model: 'gpt-4o-mini', name: 'Mine' })
    expect(created.id).toMatch(/^asst_[0-9A-Za-z]{24}$/)
    const list = await callJson(sim, 'GET', '/assistants')
    expect(list.data.map((assistant: { id: string }) => assistant.id)).toEqual([
      created.id,
      DEMO_ASSISTANT_ID,
    ])
  })

  it('paginates messages with after / before / limit / order / has_more', async () => {
    const { sim } = setup()
    const thread = await callJson(sim, 'POST', '/threads', {
      messages: [1, 2, 3, 4, 5].map((n) => ({ role: 'user', content: `message ${n}` })),
    })
    expect(thread.id).toMatch(/^thread_[0-9A-Za-z]{24}$/)
    const base = `/threads/${thread.id}/messages`
    const all = await callJson(sim, 'GET', base)
    expect(all.object).toBe('list')
    const ids: string[] = all.data.map((message: { id: string }) => message.id)
    expect(all.data.map((message: any) => message.content[0].text.value)).toEqual([
      'message 5',
      'message 4',
      'message 3',
      'message 2',
      'message 1',
    ])
    expect([all.first_id, all.last_id, all.has_more]).toEqual([ids[0], ids[4], false])
    const [m5, m4, m3, m2, m1] = ids
    const page = async (query: string) => {
      const answer = await callJson(sim, 'GET', `${base}?${query}`)
      return {
        ids: answer.data.map((m: { id: string }) => m.id),
        has_more: answer.has_more,
        first: answer.first_id,
        last: answer.last_id,
      }
    }
    expect(await page('limit=2')).toEqual({ ids: [m5, m4], has_more: true, first: m5, last: m4 })
    expect(await page(`limit=2&after=${m4}`)).toEqual({ ids: [m3, m2], has_more: true, first: m3, last: m2 })
    expect(await page(`limit=2&after=${m2}`)).toEqual({ ids: [m1], has_more: false, first: m1, last: m1 })
    expect(await page('order=asc&limit=2')).toEqual({ ids: [m1, m2], has_more: true, first: m1, last: m2 })
    expect(await page(`order=asc&before=${m4}&limit=2`)).toEqual({
      ids: [m2, m3],
      has_more: true,
      first: m2,
      last: m3,
    })
    expect(await page(`order=asc&before=${m2}`)).toEqual({ ids: [m1], has_more: false, first: m1, last: m1 })
    expect(await page(`after=${m5}&before=${m1}`)).toEqual({
      ids: [m4, m3, m2],
      has_more: false,
      first: m4,
      last: m2,
    })
    expect(await page(`after=${m1}`)).toEqual({ ids: [], has_more: false, first: null, last: null })
    for (const bad of ['limit=0', 'limit=101', 'limit=abc', 'order=up']) {
      const answer = await call(sim, 'GET', `${base}?${bad}`)
      expect(answer.status, bad).toBe(400)
    }
    const one = await callJson(sim, 'GET', `${base}/${m3}`)
    expect(one).toMatchObject({ id: m3, role: 'user', thread_id: thread.id, run_id: null })
  })
})

describe('runs', () => {
  it('non-streaming create returns a queued run that then progresses in the background', async () => {
    const { sim } = setup()
    const { response, run } = await createAndRun(sim, 'hello')
    expect(run.status).toBe('queued')
    expect(run.id).toMatch(/^run_[0-9A-Za-z]{24}$/)
    expect(run.expires_at).toBe(T0 / 1000 + 600)
    expect(response.headers.get('openai-poll-after-ms')).toBe('5')
    const done = await waitForStatus(sim, run, ['completed'])
    expect(done.usage.total_tokens).toBeGreaterThan(0)
    const finished = await call(sim, 'GET', runPath(run))
    expect(finished.headers.get('openai-poll-after-ms')).toBeNull()
    const steps = await callJson(sim, 'GET', `${runPath(run)}/steps`)
    expect(steps.data.map((step: any) => [step.type, step.status])).toEqual([
      ['message_creation', 'completed'],
    ])
    expect(Object.keys(steps.data[0])).not.toContain('metadata')
    expect(steps.data[0]).toHaveProperty('expires_at')
    const step = await callJson(sim, 'GET', `${runPath(run)}/steps/${steps.data[0].id}`)
    expect(step.id).toBe(steps.data[0].id)
    const messages = await callJson(sim, 'GET', `/threads/${run.thread_id}/messages?order=asc`)
    expect(messages.data.map((m: any) => [m.role, m.status])).toEqual([
      ['user', 'completed'],
      ['assistant', 'completed'],
    ])
    expect(messages.data[1].run_id).toBe(run.id)
    const byRun = await callJson(sim, 'GET', `/threads/${run.thread_id}/messages?run_id=${run.id}`)
    expect(byRun.data).toHaveLength(1)
  })

  it('sends openai-poll-after-ms while a run is not terminal (1000 at the default pace)', async () => {
    const { sim } = setup(20)
    const { response, run } = await createAndRun(sim, 'weather in Lima')
    expect(response.headers.get('openai-poll-after-ms')).toBe('1000')
    const cancelled = await call(sim, 'POST', `${runPath(run)}/cancel`)
    expect(cancelled.headers.get('openai-poll-after-ms')).toBe('1000')
  })

  it('allows one active run per thread, and no new messages while it is active', async () => {
    const { sim } = setup()
    const { run } = await createAndRun(sim, 'weather in Paris')
    await waitForStatus(sim, run, ['requires_action'])
    const retrieved = await call(sim, 'GET', runPath(run))
    expect(retrieved.headers.get('openai-poll-after-ms')).toBe('5')
    const second = await call(sim, 'POST', `/threads/${run.thread_id}/runs`, {
      assistant_id: DEMO_ASSISTANT_ID,
    })
    expect(second.status).toBe(400)
    expect((await second.json()).error.message).toBe(
      `Thread ${run.thread_id} already has an active run ${run.id}.`,
    )
    const message = await call(sim, 'POST', `/threads/${run.thread_id}/messages`, {
      role: 'user',
      content: 'hi',
    })
    expect(message.status).toBe(400)
    expect((await message.json()).error.message).toBe(
      `Can't add messages to ${run.thread_id} while a run ${run.id} is active.`,
    )
  })

  it('rejects a partial submit_tool_outputs with 400 and leaves the run unchanged', async () => {
    const { sim } = setup()
    const { run } = await createAndRun(sim, 'weather in Paris and in Tokyo')
    const waiting = await waitForStatus(sim, run, ['requires_action'])
    const [first, second] = waiting.required_action.submit_tool_outputs.tool_calls
    const partial = await call(sim, 'POST', `${runPath(run)}/submit_tool_outputs`, {
      tool_outputs: [{ tool_call_id: first.id, output: 'warm' }],
    })
    expect(partial.status).toBe(400)
    expect((await partial.json()).error.message).toBe(
      `Expected tool outputs for call_ids ['${first.id}', '${second.id}'], got ['${first.id}']`,
    )
    const unknown = await call(sim, 'POST', `${runPath(run)}/submit_tool_outputs`, {
      tool_outputs: [
        { tool_call_id: first.id, output: 'warm' },
        { tool_call_id: 'call_other', output: 'cold' },
      ],
    })
    expect(unknown.status).toBe(400)
    const streamed = await call(sim, 'POST', `${runPath(run)}/submit_tool_outputs`, {
      stream: true,
      tool_outputs: [{ tool_call_id: second.id, output: 'cold' }],
    })
    expect([streamed.status, streamed.headers.get('content-type')]).toEqual([400, 'application/json'])
    expect(await callJson(sim, 'GET', runPath(run))).toEqual(waiting)
    const steps = await callJson(sim, 'GET', `${runPath(run)}/steps`)
    expect(steps.data[0].status).toBe('in_progress')
    expect(steps.data[0].step_details.tool_calls.map((tc: any) => tc.function.output)).toEqual([null, null])

    const accepted = await callJson(sim, 'POST', `${runPath(run)}/submit_tool_outputs`, {
      tool_outputs: [
        { tool_call_id: second.id, output: 'cold' },
        { tool_call_id: first.id, output: 'warm' },
      ],
    })
    expect(accepted.status).toBe('queued')
    expect(accepted.required_action).toBeNull()
    const done = await waitForStatus(sim, run, ['completed'])
    expect(done.status).toBe('completed')
    const again = await call(sim, 'POST', `${runPath(run)}/submit_tool_outputs`, {
      tool_outputs: [{ tool_call_id: first.id, output: 'warm' }],
    })
    expect(again.status).toBe(400)
    expect((await again.json()).error.message).toBe('Runs in status "completed" do not accept tool outputs.')
  })

  it('cancels: cancelling now, cancelled soon after; cancelling a terminal run is 400', async () => {
    const { sim } = setup()
    const { run } = await createAndRun(sim, 'weather in Paris')
    await waitForStatus(sim, run, ['requires_action'])
    const cancelling = await callJson(sim, 'POST', `${runPath(run)}/cancel`)
    expect(cancelling.status).toBe('cancelling')
    const cancelled = await waitForStatus(sim, run, ['cancelled'])
    expect(cancelled.cancelled_at).toBe(T0 / 1000)
    expect(cancelled.required_action).toBeNull()
    const steps = await callJson(sim, 'GET', `${runPath(run)}/steps`)
    expect(steps.data[0].status).toBe('cancelled')
    const again = await call(sim, 'POST', `${runPath(run)}/cancel`)
    expect(again.status).toBe(400)
    expect((await again.json()).error.message).toBe("Cannot cancel run with status 'cancelled'.")
    // The thread is free again.
    const next = await call(sim, 'POST', `/threads/${run.thread_id}/runs`, {
      assistant_id: DEMO_ASSISTANT_ID,
    })
    expect(next.status).toBe(200)
  })

  it('cancelling a streaming run ends its live stream with cancelling → cancelled → done', async () => {
    const { sim } = setup(2)
    const response = await call(sim, 'POST', '/threads/runs', {
      assistant_id: DEMO_ASSISTANT_ID,
      stream: true,
      thread: { messages: [{ role: 'user', content: 'a slow story' }] },
    })
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    while (!text.includes('event: thread.message.delta')) text += decoder.decode((await reader.read()).value)
    const run = parseSse(text).find((frame) => frame.event === 'thread.run.created')!
    const { id, thread_id } = JSON.parse(run.data)
    const cancel = await callJson(sim, 'POST', `/threads/${thread_id}/runs/${id}/cancel`)
    expect(cancel.status).toBe('cancelling')
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value)
    }
    const tail = parseSse(text)
      .map((frame) => frame.event)
      .filter((name) => name !== 'thread.message.delta')
      .slice(-5)
    expect(tail).toEqual([
      'thread.run.cancelling',
      'thread.message.incomplete',
      'thread.run.step.cancelled',
      'thread.run.cancelled',
      'done',
    ])
  })

  it('keeps running after the client disconnects from the stream', async () => {
    const { sim } = setup(1)
    const response = await call(sim, 'POST', '/threads/runs', {
      assistant_id: DEMO_ASSISTANT_ID,
      stream: true,
      thread: { messages: [{ role: 'user', content: 'hello' }] },
    })
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let first = ''
    while (!first.includes('event: thread.run.queued')) first += decoder.decode((await reader.read()).value)
    await reader.cancel()
    const created = parseSse(first).find((frame) => frame.event === 'thread.run.created')
    const run = JSON.parse(created!.data)
    const done = await waitForStatus(sim, run, ['completed'])
    expect(done.status).toBe('completed')
    const messages = await callJson(sim, 'GET', `/threads/${run.thread_id}/messages`)
    expect(messages.data[0]).toMatchObject({ role: 'assistant', status: 'completed' })
  })

  it('expires a run waiting for tool outputs once expires_at has passed', async () => {
    const { sim, advance } = setup()
    const { run } = await createAndRun(sim, 'weather in Paris')
    const waiting = await waitForStatus(sim, run, ['requires_action'])
    advance(601_000)
    const expired = await callJson(sim, 'GET', runPath(run))
    expect(expired.status).toBe('expired')
    expect(expired.expires_at).toBe(waiting.expires_at)
    const steps = await callJson(sim, 'GET', `${runPath(run)}/steps`)
    expect(steps.data[0].status).toBe('expired')
    const submit = await call(sim, 'POST', `${runPath(run)}/submit_tool_outputs`, {
      tool_outputs: [
        { tool_call_id: waiting.required_action.submit_tool_outputs.tool_calls[0].id, output: 'x' },
      ],
    })
    expect(submit.status).toBe(400)
  })

  it('lists and updates runs', async () => {
    const { sim } = setup()
    const { run } = await createAndRun(sim, 'hello')
    await waitForStatus(sim, run, ['completed'])
    const second = await callJson(sim, 'POST', `/threads/${run.thread_id}/runs`, {
      assistant_id: DEMO_ASSISTANT_ID,
      additional_messages: [{ role: 'user', content: 'and again' }],
      metadata: { source: 'test' },
    })
    expect(second.metadata).toEqual({ source: 'test' })
    await waitForStatus(sim, second, ['completed'])
    const list = await callJson(sim, 'GET', `/threads/${run.thread_id}/runs`)
    expect(list.data.map((r: { id: string }) => r.id)).toEqual([second.id, run.id])
    const page = await callJson(sim, 'GET', `/threads/${run.thread_id}/runs?limit=1&order=asc`)
    expect([page.data[0].id, page.has_more]).toEqual([run.id, true])
    const updated = await callJson(sim, 'POST', runPath(run), { metadata: { tag: 'x' } })
    expect(updated.metadata).toEqual({ tag: 'x' })
    const messages = await callJson(sim, 'GET', `/threads/${run.thread_id}/messages`)
    expect(messages.data.map((m: any) => m.role)).toEqual(['assistant', 'user', 'assistant', 'user'])
  })

  it('honours include[] (either spelling) for file_search result content on steps list and retrieve', async () => {
    const { sim } = setup()
    const { run } = await createAndRun(sim, 'search the docs')
    await waitForStatus(sim, run, ['completed'])
    const contentOf = (step: any) =>
      step.step_details.tool_calls[0].file_search.results.map(
        (result: any) => result.content?.[0]?.text ?? null,
      )
    const plain = await callJson(sim, 'GET', `${runPath(run)}/steps?order=asc`)
    expect(contentOf(plain.data[0])).toEqual([null, null])
    for (const key of ['include[]', 'include']) {
      const query = `${key}=${encodeURIComponent(INCLUDE_CONTENT)}`
      const listed = await callJson(sim, 'GET', `${runPath(run)}/steps?order=asc&${query}`)
      expect(contentOf(listed.data[0])[0]).toMatch(/^# Runline guide/)
      const one = await callJson(sim, 'GET', `${runPath(run)}/steps/${plain.data[0].id}?${query}`)
      expect(contentOf(one)[1]).toMatch(/^# Streaming FAQ/)
    }
    const bad = await call(sim, 'GET', `${runPath(run)}/steps?include[]=nope`)
    expect(bad.status).toBe(400)
  })
})

describe('files', () => {
  it('serves generated charts as valid PNG (signature, chunk CRCs, zlib data)', async () => {
    const { sim } = setup()
    const { run } = await createAndRun(sim, 'plot 1, 2, 3')
    await waitForStatus(sim, run, ['completed'])
    const steps = await callJson(sim, 'GET', `${runPath(run)}/steps?order=asc`)
    const fileId = steps.data[0].step_details.tool_calls[0].code_interpreter.outputs[1].image.file_id
    const meta = await callJson(sim, 'GET', `/files/${fileId}`)
    expect(meta).toMatchObject({
      id: fileId,
      object: 'file',
      purpose: 'assistants_output',
      filename: 'chart.png',
    })
    const response = await call(sim, 'GET', `/files/${fileId}/content`)
    expect(response.headers.get('content-type')).toBe('image/png')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect(meta.bytes).toBe(bytes.length)
    expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    const view = new DataView(bytes.buffer)
    const chunks: string[] = []
    let idat = new Uint8Array(0)
    for (let at = 8; at < bytes.length; ) {
      const length = view.getUint32(at)
      const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8))
      expect(view.getUint32(at + 8 + length), `${type} CRC`).toBe(crc32(bytes, at + 4, at + 8 + length))
      if (type === 'IDAT') idat = bytes.slice(at + 8, at + 8 + length)
      chunks.push(type)
      at += 12 + length
    }
    expect(chunks).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND'])
    const [width, height] = [view.getUint32(16), view.getUint32(20)]
    expect(inflateSync(idat).length).toBe(height * (width + 1))
  })

  it('renders charts deterministically and differently for different data', () => {
    expect(renderBarChartPng([1, 2, 3])).toEqual(renderBarChartPng([1, 2, 3]))
    expect(renderBarChartPng([1, 2, 3])).not.toEqual(renderBarChartPng([3, 2, 1]))
    // CRC-32 check value of "123456789".
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })
})
