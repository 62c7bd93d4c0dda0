/** The official openai SDK, pointed at the simulator through `fetchLike`: polling, streaming helpers, pagination. */
import OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import { createSimulator, DEMO_ASSISTANT_ID } from './index.js'

function client(delayMs = 0) {
  const sim = createSimulator({ delayMs })
  return new OpenAI({
    apiKey: 'sk-simulator',
    baseURL: 'http://simulator.test/v1',
    fetch: sim.fetchLike,
    maxRetries: 0,
  })
}

describe('openai SDK against the simulator', () => {
  it('createAndRunPoll follows the poll header to a completed run', async () => {
    const openai = client()
    const run = await openai.beta.threads.createAndRunPoll({
      assistant_id: DEMO_ASSISTANT_ID,
      thread: { messages: [{ role: 'user', content: 'hello' }] },
    })
    expect(run.status).toBe('completed')
    const messages = await openai.beta.threads.messages.list(run.thread_id)
    expect(messages.data.map((m) => m.role)).toEqual(['assistant', 'user'])
  })

  it('streams a tool call, then submitToolOutputsStream finishes the run', async () => {
    const openai = client()
    const thread = await openai.beta.threads.create({
      messages: [{ role: 'user', content: 'What is the weather in Paris and in Tokyo?' }],
    })
    const first = openai.beta.threads.runs.stream(thread.id, { assistant_id: DEMO_ASSISTANT_ID })
    const created: string[] = []
    first.on('toolCallCreated', (toolCall) => created.push(toolCall.id))
    const paused = await first.finalRun()
    expect(paused.status).toBe('requires_action')
    const calls = paused.required_action?.submit_tool_outputs.tool_calls ?? []
    expect(calls).toHaveLength(2)
    expect(new Set(created)).toEqual(new Set(calls.map((c) => c.id)))
    const second = openai.beta.threads.runs.submitToolOutputsStream(paused.id, {
      thread_id: thread.id,
      tool_outputs: calls.map((c) => ({ tool_call_id: c.id, output: '21 °C' })),
    })
    const finished = await second.finalRun()
    expect(finished.status).toBe('completed')
    const [message] = await second.finalMessages()
    expect(message?.content[0]?.type === 'text' && message.content[0].text.value).toContain('21 °C')
  })

  it('auto-paginates run steps and rejects bad requests with typed errors', async () => {
    const openai = client()
    const run = await openai.beta.threads.createAndRunPoll({
      assistant_id: DEMO_ASSISTANT_ID,
      thread: { messages: [{ role: 'user', content: 'plot 4, 8, 15' }] },
    })
    const steps = []
    for await (const step of openai.beta.threads.runs.steps.list(run.id, {
      thread_id: run.thread_id,
      limit: 1,
    })) {
      steps.push(step.type)
    }
    expect(steps).toEqual(['message_creation', 'tool_calls'])
    await expect(openai.beta.threads.retrieve('thread_missing')).rejects.toMatchObject({ status: 404 })
    await expect(
      openai.beta.threads.runs.cancel(run.id, { thread_id: run.thread_id }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError)
  })
})
