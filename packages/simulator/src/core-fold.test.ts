/** Every scenario folds to the same snapshot in @runline/core and in openai's AssistantStream. */
import {
  initialRunState,
  parseRunStream,
  reduceRun,
  selectMessages,
  selectRun,
  selectRunSteps,
} from '@runline/core'
import { describe, expect, it } from 'vitest'
import { createSimulator } from './index.js'
import { call, foldWithAssistantStream, parseSse, streamThreadAndRun } from './test-utils/sse.js'

const INCLUDE = '?include[]=step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content'

async function foldWithCore(text: string) {
  const bytes = new TextEncoder().encode(text)
  // Uneven chunks, to exercise the parser's buffering as a network would.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 977) controller.enqueue(bytes.slice(at, at + 977))
      controller.close()
    },
  })
  let state = initialRunState
  for await (const event of parseRunStream(body)) state = reduceRun(state, event)
  return { run: selectRun(state), messages: selectMessages(state), steps: selectRunSteps(state) }
}

describe('@runline/core folds simulator streams like AssistantStream', () => {
  const prompts = [
    'hello',
    'search the docs and a file',
    'plot 2, 4, 6',
    'calculate 1 and 2',
    'fail',
    'incomplete',
    'expire',
    'weather in Paris and in Tokyo',
    'slow',
    'long',
  ]
  for (const prompt of prompts) {
    it(prompt, async () => {
      const sim = createSimulator({ delayMs: 0, now: () => 1_761_861_531_000 })
      const streams = [await streamThreadAndRun(sim, prompt, INCLUDE)]
      if (prompt.startsWith('weather')) {
        const run = (await foldWithAssistantStream(parseSse(streams[0] ?? ''))).run
        const response = await call(
          sim,
          'POST',
          `/threads/${run.thread_id}/runs/${run.id}/submit_tool_outputs`,
          {
            stream: true,
            tool_outputs: (run.required_action?.submit_tool_outputs.tool_calls ?? []).map((tc) => ({
              tool_call_id: tc.id,
              output: 'mild',
            })),
          },
        )
        streams.push(await response.text())
      }
      for (const text of streams) {
        const sdk = await foldWithAssistantStream(parseSse(text))
        const core = await foldWithCore(text)
        expect(core.run).toEqual(sdk.run)
        expect(core.messages).toEqual(sdk.messages)
        expect(core.steps).toEqual(sdk.steps)
      }
    })
  }
})
