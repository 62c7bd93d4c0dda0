/**
 * The Responses face's rules: the API's errors, the outcomes (failed, incomplete, denied approval),
 * tools in the request, determinism, backpressure and the caps on what it keeps.
 */
import { describe, expect, it } from 'vitest'
import { createSimulator, MAX_MESSAGE_LENGTH, STREAM_HIGH_WATER_BYTES } from './index.js'
import { finalOf, streamResponse } from './test-utils/responses.js'
import { call, callJson } from './test-utils/sse.js'

const NOW = () => 1_761_861_531_000

describe('the Responses face', () => {
  it('answers the API’s errors', async () => {
    const sim = createSimulator({ delayMs: 0 })
    const model = await call(sim, 'POST', '/responses', { model: 'gpt-4o', input: 'hi' })
    expect(model.status).toBe(400)
    expect((await model.json()).error).toMatchObject({ param: 'model', code: 'model_not_found' })
    expect((await call(sim, 'POST', '/responses', { input: 'hi' })).status).toBe(400)
    expect((await call(sim, 'GET', '/responses/resp_nope')).status).toBe(404)
    const previous = await call(sim, 'POST', '/responses', {
      model: 'runline-sim',
      previous_response_id: 'resp_x',
    })
    expect((await previous.json()).error.param).toBe('previous_response_id')
    const both = await call(sim, 'POST', '/responses', {
      model: 'runline-sim',
      previous_response_id: 'resp_x',
      conversation: 'conv_x',
    })
    expect(both.status).toBe(400)
    expect((await call(sim, 'GET', '/conversations/conv_nope')).status).toBe(404)
    const long = await call(sim, 'POST', '/responses', {
      model: 'runline-sim',
      input: 'x'.repeat(MAX_MESSAGE_LENGTH + 1),
    })
    expect((await long.json()).error.code).toBe('string_above_max_length')
    let deep: unknown = 'hi'
    for (let i = 0; i < 70; i++) deep = [deep]
    const tooDeep = await call(sim, 'POST', '/responses', { model: 'runline-sim', input: deep })
    expect((await tooDeep.json()).error.code).toBe('json_too_deep')
    const sync = await callJson(sim, 'POST', '/responses', { model: 'runline-sim', input: 'hi' })
    expect((await call(sim, 'POST', `/responses/${sync.id}/cancel`)).status).toBe(400)
  })

  it('fails with an error event, ends incomplete at max_output_tokens', async () => {
    const sim = createSimulator({ delayMs: 0 })
    const failed = await streamResponse(sim, { input: 'fail now' })
    expect(failed.map((event) => event.type).slice(-2)).toEqual(['error', 'response.failed'])
    expect(finalOf(failed)).toMatchObject({ status: 'failed', error: { code: 'server_error' } })
    expect(finalOf(failed).output[0].status).toBe('incomplete')
    const cut = finalOf(await streamResponse(sim, { input: 'hello', max_output_tokens: 20 }))
    expect(cut).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } })
    expect(cut.usage.output_tokens).toBe(20)
    const incomplete = finalOf(await streamResponse(sim, { input: 'an incomplete one' }))
    expect(incomplete.status).toBe('incomplete')
  })

  it('runs an MCP call without approval when require_approval is never; a denial runs nothing', async () => {
    const sim = createSimulator({ delayMs: 0 })
    const tools = [
      {
        type: 'mcp',
        server_label: 'runline_docs',
        server_url: 'https://runline.dev/mcp',
        require_approval: 'never',
      },
    ]
    const direct = finalOf(await streamResponse(sim, { input: 'mcp please', tools }))
    expect(direct.output.map((item: { type: string }) => item.type)).toEqual([
      'mcp_list_tools',
      'mcp_call',
      'message',
    ])
    const asked = finalOf(await streamResponse(sim, { input: 'approve it' }))
    const request = asked.output.at(-1)
    expect(request.type).toBe('mcp_approval_request')
    const denied = finalOf(
      await streamResponse(sim, {
        previous_response_id: asked.id,
        input: [{ type: 'mcp_approval_response', approval_request_id: request.id, approve: false }],
      }),
    )
    expect(denied.output.map((item: { type: string }) => item.type)).toEqual(['message'])
  })

  it('plays a tool scenario only when the request lists its tool (or lists none)', async () => {
    const sim = createSimulator({ delayMs: 0 })
    const withoutTool = finalOf(
      await streamResponse(sim, {
        input: 'weather in Oslo',
        tools: [{ type: 'file_search', vector_store_ids: [] }],
      }),
    )
    expect(withoutTool.output.map((item: { type: string }) => item.type)).toEqual(['message'])
    const weatherTool = { type: 'function', name: 'get_weather', parameters: {} }
    const withTool = finalOf(await streamResponse(sim, { input: 'weather in Oslo', tools: [weatherTool] }))
    expect(withTool.output[0]).toMatchObject({ type: 'function_call', name: 'get_weather' })
    expect(withTool.tools).toEqual([weatherTool])
  })

  it('gives the same bytes for the same seed, requests and clock', async () => {
    const run = async () => {
      const sim = createSimulator({ delayMs: 0, seed: 7, now: NOW })
      const texts: string[] = []
      for (const input of ['hello', 'plot 1 2', 'search the web', 'weather in Rome']) {
        const response = await call(sim, 'POST', '/responses', { model: 'runline-sim', input, stream: true })
        texts.push(await response.text())
      }
      return texts.join('')
    }
    const first = await run()
    expect(await run()).toBe(first)
    const other = createSimulator({ delayMs: 0, seed: 8, now: NOW })
    const response = await call(other, 'POST', '/responses', {
      model: 'runline-sim',
      input: 'hello',
      stream: true,
    })
    expect(first.startsWith(await response.text())).toBe(false)
  })

  it('goes at the reader’s pace: an unread long stream holds back its response', async () => {
    const sim = createSimulator({ delayMs: 0 })
    const response = await call(sim, 'POST', '/responses', {
      model: 'runline-sim',
      input: 'long',
      stream: true,
    })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const first = await reader.read()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const created = JSON.parse(
      new TextDecoder().decode(first.value).split('data: ')[1]?.split('\n')[0] ?? '{}',
    )
    const retrieved = await callJson(sim, 'GET', `/responses/${created.response.id}`)
    expect(retrieved.status).toBe('in_progress')
    const text = retrieved.output[0]?.content[0]?.text ?? ''
    expect(text.length).toBeLessThan(STREAM_HIGH_WATER_BYTES)
    await reader.cancel()
  })

  it('keeps at most maxThreads responses and conversations, the least recently used going first', async () => {
    const sim = createSimulator({ delayMs: 0, maxThreads: 2 })
    const ids: string[] = []
    for (const input of ['one', 'two', 'three'])
      ids.push((await callJson(sim, 'POST', '/responses', { model: 'runline-sim', input })).id)
    expect((await call(sim, 'GET', `/responses/${ids[0]}`)).status).toBe(404)
    expect((await call(sim, 'GET', `/responses/${ids[2]}`)).status).toBe(200)
    const conversations: string[] = []
    for (let i = 0; i < 3; i++) conversations.push((await callJson(sim, 'POST', '/conversations', {})).id)
    expect((await call(sim, 'GET', `/conversations/${conversations[0]}`)).status).toBe(404)
    expect((await call(sim, 'GET', `/conversations/${conversations[2]}`)).status).toBe(200)
  })
})
