import { describe, expect, it } from 'vitest'
import { createSimulator } from './index.js'
import { call, streamThreadAndRun } from './test-utils/sse.js'

/** Runs the same conversation on a fresh simulator and returns every byte it streamed. */
async function transcript(seed: number): Promise<string> {
  const sim = createSimulator({ delayMs: 0, seed, now: () => 1_761_861_531_000 })
  let bytes = ''
  for (const prompt of ['hello', 'search the docs and a file', 'plot 1, 2, 3', 'a long answer']) {
    bytes += await streamThreadAndRun(sim, prompt)
  }
  const weather = await streamThreadAndRun(sim, 'weather in Paris and in Tokyo')
  bytes += weather
  const line = weather.split('\n').find((l) => l.includes('"status":"requires_action"')) ?? ''
  const run = JSON.parse(line.slice('data: '.length))
  const response = await call(sim, 'POST', `/threads/${run.thread_id}/runs/${run.id}/submit_tool_outputs`, {
    stream: true,
    tool_outputs: run.required_action.submit_tool_outputs.tool_calls.map((tc: { id: string }) => ({
      tool_call_id: tc.id,
      output: 'mild',
    })),
  })
  bytes += await response.text()
  const png = await call(sim, 'GET', `/files/${/"file_id":"(file-[^"]+)"/.exec(bytes)?.[1]}/content`)
  bytes += String(new Uint8Array(await png.arrayBuffer()).length)
  return bytes
}

describe('determinism', () => {
  it('same seed + same requests + same clock → the same bytes', async () => {
    const first = await transcript(7)
    expect(first.length).toBeGreaterThan(100_000)
    expect(await transcript(7)).toBe(first)
  })

  it('another seed gives other ids and content', async () => {
    expect(await transcript(8)).not.toBe(await transcript(7))
  })
})
