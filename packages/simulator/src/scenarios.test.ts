import { describe, expect, it } from 'vitest'
import { createSimulator, scenarioFor } from './index.js'
import { PNG_SIGNATURE } from './png.js'
import {
  call,
  callJson,
  foldWithAssistantStream,
  framesToEvents,
  parseSse,
  type SseFrame,
  streamThreadAndRun,
} from './test-utils/sse.js'

const INCLUDE = '?include[]=step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content'

function fixedSimulator() {
  return createSimulator({ delayMs: 0, now: () => 1_761_861_531_000 })
}

async function runScenario(text: string, query = '') {
  const sim = fixedSimulator()
  const frames = parseSse(await streamThreadAndRun(sim, text, query))
  const folded = await foldWithAssistantStream(frames)
  return { sim, frames, events: framesToEvents(frames), folded }
}

const names = (frames: SseFrame[]) => frames.map((frame) => frame.event)
const messageText = (message: { content: Array<{ type: string; text?: { value: string } }> }) =>
  message.content.map((part) => (part.type === 'text' ? (part.text?.value ?? '') : '')).join('')

describe('scenarioFor', () => {
  it('picks scenarios by word, with the documented precedence', () => {
    expect(scenarioFor('hello there')).toBe('default')
    expect(scenarioFor('What is the WEATHER in Paris?')).toBe('weather')
    expect(scenarioFor('please calculate 2 and 3')).toBe('code')
    expect(scenarioFor('write some code')).toBe('code')
    expect(scenarioFor('plot these numbers with code')).toBe('plot')
    expect(scenarioFor('search the docs')).toBe('search')
    expect(scenarioFor('what do the doc say')).toBe('search')
    expect(scenarioFor('search the weather docs but fail')).toBe('fail')
    expect(scenarioFor('an incomplete slow answer')).toBe('incomplete')
    expect(scenarioFor('let it expire slowly')).toBe('expire')
    expect(scenarioFor('a slow and long answer')).toBe('slow')
    expect(scenarioFor('a long weather report')).toBe('long')
    expect(scenarioFor('weather plot')).toBe('weather')
    expect(scenarioFor('decode this')).toBe('default')
  })
})

describe('scenario streams fold cleanly in openai AssistantStream', () => {
  it('default: a markdown reply in small deltas', async () => {
    const { frames, events, folded } = await runScenario('hello')
    expect(names(frames).slice(0, 9)).toEqual([
      'thread.created',
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.step.created',
      'thread.run.step.in_progress',
      'thread.message.created',
      'thread.message.in_progress',
      'thread.message.delta',
    ])
    expect(names(frames).slice(-5)).toEqual([
      'thread.message.delta',
      'thread.message.completed',
      'thread.run.step.completed',
      'thread.run.completed',
      'done',
    ])
    const deltas = events.filter((event) => event.event === 'thread.message.delta')
    expect(deltas.length).toBeGreaterThan(40)
    for (const delta of deltas) {
      expect(Object.keys(delta.data)).toEqual(['id', 'object', 'delta'])
      expect(delta.data.delta.content[0].text.value.length).toBeLessThanOrEqual(6)
    }
    expect(deltas[0]?.data.delta.content[0].text.annotations).toEqual([])
    expect(deltas.slice(1).every((delta) => !('annotations' in delta.data.delta.content[0].text))).toBe(true)
    const [message] = folded.messages
    const text = messageText(message as never)
    expect(text).toMatch(/^## /)
    expect(text).toContain('\n- **Run status**')
    expect(text).toContain('```ts\n')
    expect(folded.run.status).toBe('completed')
    expect(folded.run.expires_at).toBeNull()
    expect(folded.run.usage?.total_tokens).toBeGreaterThan(0)
    expect(folded.steps.map((step) => [step.type, step.status])).toEqual([['message_creation', 'completed']])
  })

  it('weather: two parallel calls, interleaved, requires_action, then the continuation completes', async () => {
    const { sim, frames, events, folded } = await runScenario('What is the weather in Paris and in Tokyo?')
    expect(names(frames).slice(-2)).toEqual(['thread.run.requires_action', 'done'])
    expect(names(frames)).not.toContain('thread.run.step.completed')
    const run = folded.run
    expect(run.status).toBe('requires_action')
    const required = run.required_action?.submit_tool_outputs.tool_calls ?? []
    expect(required.map((tc) => JSON.parse(tc.function.arguments))).toEqual([
      { location: 'Paris' },
      { location: 'Tokyo' },
    ])
    // One tool_calls step holding both calls, still in progress.
    expect(folded.steps).toHaveLength(1)
    const step = folded.steps[0]
    expect(step?.status).toBe('in_progress')
    expect(step?.step_details.type === 'tool_calls' && step.step_details.tool_calls.length).toBe(2)
    // First deltas carry id/name/output:null; later ones only fragments; indexes interleave.
    const toolDeltas = events
      .filter((event) => event.event === 'thread.run.step.delta')
      .map((event) => event.data.delta.step_details.tool_calls[0])
    expect(toolDeltas[0]).toEqual({
      index: 0,
      id: required[0]?.id,
      type: 'function',
      function: { name: 'get_weather', arguments: '', output: null },
    })
    const fragments = toolDeltas.filter((delta) => !('id' in delta))
    expect(fragments.every((delta) => Object.keys(delta.function).join() === 'arguments')).toBe(true)
    expect(fragments.slice(0, 4).map((delta) => delta.index)).toEqual([0, 1, 0, 1])

    const path = `/threads/${run.thread_id}/runs/${run.id}/submit_tool_outputs`
    const outputs = [
      { tool_call_id: required[0]?.id, output: '{"temperature":"18 °C","conditions":"light rain"}' },
      { tool_call_id: required[1]?.id, output: 'sunny, 24 °C' },
    ]
    const continuation = await call(sim, 'POST', path, { tool_outputs: outputs, stream: true })
    expect(continuation.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const next = parseSse(await continuation.text())
    expect(names(next).slice(0, 6)).toEqual([
      'thread.run.step.completed',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.step.created',
      'thread.run.step.in_progress',
      'thread.message.created',
    ])
    expect(names(next).slice(-2)).toEqual(['thread.run.completed', 'done'])
    const second = await foldWithAssistantStream(next)
    const toolStep = second.steps.find((s) => s.type === 'tool_calls')
    expect(
      toolStep?.step_details.type === 'tool_calls' &&
        toolStep.step_details.tool_calls.map((tc) => tc.type === 'function' && tc.function.output),
    ).toEqual([outputs[0]?.output, outputs[1]?.output])
    expect(toolStep?.usage?.total_tokens).toBeGreaterThan(0)
    const reply = messageText(second.messages[0] as never)
    expect(reply).toContain('**Paris**: temperature 18 °C, conditions light rain')
    expect(reply).toContain('**Tokyo**: sunny, 24 °C')
    expect(second.run.status).toBe('completed')
    // The re-queued run keeps its first started_at; in_progress then sets a new one.
    const queued = framesToEvents(next).find((event) => event.event === 'thread.run.queued')
    expect(queued?.data.started_at).toBe(run.started_at)
  })

  it('weather without a place: one call for the default place; parallel_tool_calls=false asks one at a time', async () => {
    const { folded } = await runScenario('how is the weather')
    const required = folded.run.required_action?.submit_tool_outputs.tool_calls ?? []
    expect(required.map((tc) => JSON.parse(tc.function.arguments))).toEqual([{ location: 'San Francisco' }])

    const sim = fixedSimulator()
    const run = await callJson(sim, 'POST', '/threads/runs', {
      assistant_id: 'asst_runline_demo',
      parallel_tool_calls: false,
      thread: { messages: [{ role: 'user', content: 'weather in Oslo and in Rome' }] },
    })
    const path = `/threads/${run.thread_id}/runs/${run.id}`
    const waitFor = async (status: string) => {
      for (let i = 0; i < 200; i++) {
        const current = await callJson(sim, 'GET', path)
        if (current.status === status) return current
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
      throw new Error(`never reached ${status}`)
    }
    const first = await waitFor('requires_action')
    expect(first.required_action.submit_tool_outputs.tool_calls).toHaveLength(1)
    const id1 = first.required_action.submit_tool_outputs.tool_calls[0].id
    await callJson(sim, 'POST', `${path}/submit_tool_outputs`, {
      tool_outputs: [{ tool_call_id: id1, output: 'cold' }],
    })
    const second = await waitFor('requires_action')
    const [callTwo] = second.required_action.submit_tool_outputs.tool_calls
    expect(JSON.parse(callTwo.function.arguments)).toEqual({ location: 'Rome' })
  })

  it('code: code_interpreter input fragments, a logs output, then a reply', async () => {
    const { events, folded } = await runScenario('Please calculate the mean of 2, 5 and 11')
    const toolDeltas = events
      .filter((event) => event.event === 'thread.run.step.delta')
      .map((event) => event.data.delta.step_details.tool_calls[0])
    expect(toolDeltas[0]).toMatchObject({
      index: 0,
      type: 'code_interpreter',
      code_interpreter: { input: '', outputs: [] },
    })
    expect(toolDeltas.at(-1)).toEqual({
      index: 0,
      type: 'code_interpreter',
      code_interpreter: { outputs: [{ index: 0, type: 'logs', logs: 'total=18, mean=6.0\n' }] },
    })
    const step = folded.steps.find((s) => s.type === 'tool_calls')
    const toolCall = step?.step_details.type === 'tool_calls' ? step.step_details.tool_calls[0] : undefined
    expect(toolCall?.type === 'code_interpreter' && toolCall.code_interpreter.input).toContain(
      'values = [2, 5, 11]',
    )
    expect(toolCall?.type === 'code_interpreter' && toolCall.code_interpreter.outputs).toEqual([
      { type: 'logs', logs: 'total=18, mean=6.0\n' },
    ])
    expect(messageText(folded.messages[0] as never)).toContain('the total is **18** and the mean is **6.0**')
    expect(folded.run.status).toBe('completed')
  })

  it('plot: an image output whose file serves a real PNG, referenced by the reply', async () => {
    const { sim, folded } = await runScenario('plot 3, 9, 4 and 7')
    const step = folded.steps.find((s) => s.type === 'tool_calls')
    const toolCall = step?.step_details.type === 'tool_calls' ? step.step_details.tool_calls[0] : undefined
    const outputs = toolCall?.type === 'code_interpreter' ? toolCall.code_interpreter.outputs : []
    expect(outputs.map((output) => output.type)).toEqual(['logs', 'image'])
    const image = outputs[1]
    const fileId = image?.type === 'image' ? image.image.file_id : ''
    expect(fileId).toMatch(/^file-[0-9A-Za-z]{22}$/)
    const [message] = folded.messages
    expect(message?.content[0]).toEqual({ type: 'image_file', image_file: { file_id: fileId } })
    expect(message?.content[1]?.type).toBe('text')
    const png = await call(sim, 'GET', `/files/${fileId}/content`)
    expect(png.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await png.arrayBuffer()).subarray(0, 8)).toEqual(PNG_SIGNATURE)
  })

  it('search: file_search step, results only in step.completed, citations as their own deltas', async () => {
    const { events, folded } = await runScenario('search the docs for tool outputs', INCLUDE)
    const stepDeltas = events.filter((event) => event.event === 'thread.run.step.delta')
    expect(stepDeltas).toHaveLength(1)
    expect(stepDeltas[0]?.data.delta.step_details.tool_calls[0].file_search).toEqual({
      ranking_options: { ranker: 'default_2024_08_21', score_threshold: 0 },
      results: [],
    })
    const completedTool = events.find(
      (event) => event.event === 'thread.run.step.completed' && event.data.type === 'tool_calls',
    )
    const results = completedTool?.data.step_details.tool_calls[0].file_search.results
    expect(results).toHaveLength(2)
    expect(Object.keys(results[0])).toEqual(['file_id', 'file_name', 'score', 'attributes', 'content'])
    expect(results[0].content[0].text).toContain('Runline')
    const citationDeltas = events
      .filter((event) => event.event === 'thread.message.delta')
      .map((event) => event.data.delta.content[0].text)
      .filter((text) => text.annotations?.length)
    expect(citationDeltas.map((text) => text.annotations[0].index)).toEqual([0, 1])
    expect(citationDeltas[0].value).toBe('【4:0†runline-guide.md】')
    expect(citationDeltas[0].annotations[0].file_citation.quote).toBe('')
    const [message] = folded.messages
    const part = message?.content[0]
    const annotations = part?.type === 'text' ? part.text.annotations : []
    expect(annotations).toHaveLength(2)
    for (const annotation of annotations) {
      expect(Object.keys(annotation)).toEqual(['type', 'text', 'start_index', 'end_index', 'file_citation'])
      const text = part?.type === 'text' ? part.text.value : ''
      expect(text.slice(annotation.start_index, annotation.end_index)).toBe(annotation.text)
    }
  })

  it('search without include: results carry no content; "file" adds a file_path annotation serving text', async () => {
    const { sim, events, folded } = await runScenario('search the docs and send me a file')
    const completedTool = events.find(
      (event) => event.event === 'thread.run.step.completed' && event.data.type === 'tool_calls',
    )
    const results = completedTool?.data.step_details.tool_calls[0].file_search.results
    expect(results.map((result: object) => Object.keys(result))).toEqual([
      ['file_id', 'file_name', 'score', 'attributes'],
      ['file_id', 'file_name', 'score', 'attributes'],
    ])
    const part = folded.messages[0]?.content[0]
    const annotations = part?.type === 'text' ? part.text.annotations : []
    const filePath = annotations.find((annotation) => annotation.type === 'file_path')
    expect(filePath?.text).toBe('sandbox:/mnt/data/passages.csv')
    const fileId = filePath?.type === 'file_path' ? filePath.file_path.file_id : ''
    const csv = await call(sim, 'GET', `/files/${fileId}/content`)
    expect(csv.headers.get('content-type')).toBe('text/csv')
    expect(await csv.text()).toMatch(/^rank,file,first_line\n0,runline-guide.md,/)
    const doc = await call(sim, 'GET', `/files/${results[0].file_id}/content`)
    expect(await doc.text()).toMatch(/^# Runline guide/)
  })

  it('fail: some text, then the message is cut, the step fails and the run fails with last_error', async () => {
    const { frames, folded } = await runScenario('make this fail')
    expect(names(frames).slice(-5)).toEqual([
      'thread.message.delta',
      'thread.message.incomplete',
      'thread.run.step.failed',
      'thread.run.failed',
      'done',
    ])
    expect(folded.run.status).toBe('failed')
    expect(folded.run.last_error).toEqual({ code: 'server_error', message: 'Sorry, something went wrong.' })
    expect(folded.steps[0]?.status).toBe('failed')
    expect(folded.steps[0]?.last_error?.code).toBe('server_error')
    expect(folded.messages[0]?.incomplete_details).toEqual({ reason: 'run_failed' })
    expect(messageText(folded.messages[0] as never).length).toBeGreaterThan(10)
  })

  it('incomplete: message incomplete (max_tokens), step completed, run incomplete', async () => {
    const { frames, folded } = await runScenario('give me an incomplete answer')
    expect(names(frames).slice(-5)).toEqual([
      'thread.message.delta',
      'thread.message.incomplete',
      'thread.run.step.completed',
      'thread.run.incomplete',
      'done',
    ])
    expect(folded.messages[0]?.status).toBe('incomplete')
    expect(folded.messages[0]?.incomplete_details).toEqual({ reason: 'max_tokens' })
    expect(folded.run.status).toBe('incomplete')
    expect(folded.run.incomplete_details).toEqual({ reason: 'max_completion_tokens' })
  })

  it('expire: the run expires mid-message', async () => {
    const { frames, folded } = await runScenario('let this run expire')
    expect(names(frames).slice(-4)).toEqual([
      'thread.message.incomplete',
      'thread.run.step.expired',
      'thread.run.expired',
      'done',
    ])
    expect(folded.run.status).toBe('expired')
    expect(folded.run.expires_at).toBe(1_761_861_531 + 3)
    expect(folded.steps[0]?.status).toBe('expired')
  })

  it('slow: lasts at least 20 s at the default pace (checked at 1/20 of it)', async () => {
    const sim = createSimulator({ delayMs: 1 })
    const started = performance.now()
    const frames = parseSse(await streamThreadAndRun(sim, 'a slow answer please'))
    const elapsed = performance.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(1000)
    const folded = await foldWithAssistantStream(frames)
    expect(folded.run.status).toBe('completed')
  }, 20_000)

  it('long: at least 5,000 text deltas', async () => {
    const { frames, folded } = await runScenario('a long answer')
    const deltas = frames.filter((frame) => frame.event === 'thread.message.delta')
    expect(deltas.length).toBeGreaterThanOrEqual(5000)
    const joined = deltas.map((frame) => JSON.parse(frame.data).delta.content[0].text.value).join('')
    expect(messageText(folded.messages[0] as never)).toBe(joined)
    expect(folded.run.status).toBe('completed')
  })
})
