// The client against the real in-process simulator (the proxy's default upstream).
import { createSimulator } from '@runline/simulator'
import type { AssistantStreamEvent } from 'openai/resources/beta/assistants'
import type { Run } from 'openai/resources/beta/threads/runs/runs'
import { describe, expect, it } from 'vitest'
import { createRunlineClient, type FetchLike, type RunEventStream } from '../index.js'
import type { RunStreamEvent } from '../types.js'

const ASSISTANT = 'asst_runline_demo'
const BASE_URL = 'http://simulator.test/v1'

/** A client on a fresh simulator; `urls` lists every request the client sent. */
function setup(delayMs = 0) {
  const simulator = createSimulator({ delayMs })
  const urls: string[] = []
  const fetch: FetchLike = (input, init) => {
    urls.push(`${init?.method ?? 'GET'} ${input.slice(BASE_URL.length)}`)
    return simulator.fetchLike(input, init)
  }
  return { client: createRunlineClient({ baseUrl: BASE_URL, fetch }), urls }
}

async function collect(stream: RunEventStream): Promise<RunStreamEvent[]> {
  const events: RunStreamEvent[] = []
  for await (const event of stream) events.push(event)
  return events
}

/** The last run object the stream carried. */
function lastRun(events: RunStreamEvent[]): Run {
  const runs = events.filter(
    (e): e is Extract<AssistantStreamEvent, { data: Run }> =>
      e.event.startsWith('thread.run.') && !e.event.startsWith('thread.run.step.'),
  )
  const run = runs.at(-1)?.data
  if (!run) throw new Error('no run event in the stream')
  return run
}

/** Concatenated text of every message delta in the stream. */
function streamedText(events: RunStreamEvent[]): string {
  let text = ''
  for (const event of events) {
    if (event.event !== 'thread.message.delta') continue
    for (const part of event.data.delta.content ?? [])
      if (part.type === 'text') text += part.text?.value ?? ''
  }
  return text
}

describe('client ↔ simulator', () => {
  it('creates a thread and a message, then streams a run to completion', async () => {
    const { client } = setup()
    const thread = await client.threads.create()
    expect(thread.object).toBe('thread')
    const message = await client.messages.create(thread.id, { role: 'user', content: 'Hello, who are you?' })
    expect(await client.messages.retrieve(thread.id, message.id)).toMatchObject({
      id: message.id,
      role: 'user',
    })

    const stream = await client.runs.stream(thread.id, { assistant_id: ASSISTANT })
    expect(stream.response.headers.get('content-type')).toMatch(/text\/event-stream/)
    const events = await collect(stream)
    const names = events.map((e) => e.event)
    expect(names[0]).toBe('thread.run.created')
    expect(names).toContain('thread.message.delta')
    expect(names.slice(-2)).toEqual(['thread.run.completed', 'done'])

    const run = lastRun(events)
    expect(run.status).toBe('completed')
    expect(await client.runs.retrieve(thread.id, run.id)).toMatchObject({ id: run.id, status: 'completed' })

    const page = await client.messages.list(thread.id, { order: 'asc' })
    const reply = page.data.at(-1)
    expect(reply?.role).toBe('assistant')
    const replyText = reply?.content.map((part) => (part.type === 'text' ? part.text.value : '')).join('')
    expect(replyText).toBe(streamedText(events))
    expect(replyText?.length).toBeGreaterThan(0)
  })

  it('createAndRunStream announces the new thread first', async () => {
    const { client } = setup()
    const stream = await client.threads.createAndRunStream({
      assistant_id: ASSISTANT,
      thread: { messages: [{ role: 'user', content: 'Tell me something nice' }] },
    })
    const events = await collect(stream)
    expect(events[0]?.event).toBe('thread.created')
    expect(events.at(-1)?.event).toBe('done')
    const run = lastRun(events)
    expect(run.status).toBe('completed')
    const thread = await client.threads.retrieve(run.thread_id)
    expect(thread.id).toBe(run.thread_id)
  })

  it('weather: requires_action with two get_weather calls, then submitToolOutputsStream completes the run', async () => {
    const { client } = setup()
    const first = await collect(
      await client.threads.createAndRunStream({
        assistant_id: ASSISTANT,
        thread: { messages: [{ role: 'user', content: "What's the weather in Paris and in Tokyo?" }] },
      }),
    )
    expect(first.slice(-2).map((e) => e.event)).toEqual(['thread.run.requires_action', 'done'])
    const waiting = lastRun(first)
    expect(waiting.status).toBe('requires_action')
    const calls = waiting.required_action?.submit_tool_outputs.tool_calls ?? []
    expect(calls.map((call) => call.function.name)).toEqual(['get_weather', 'get_weather'])
    expect(calls.map((call) => JSON.parse(call.function.arguments).location)).toEqual(['Paris', 'Tokyo'])

    const second = await collect(
      await client.runs.submitToolOutputsStream(waiting.thread_id, waiting.id, {
        tool_outputs: calls.map((call, i) => ({
          tool_call_id: call.id,
          output: i === 0 ? '18°C, sunny' : '24°C, rain',
        })),
      }),
    )
    expect(second.map((e) => e.event)).not.toContain('thread.run.created')
    expect(second.slice(-2).map((e) => e.event)).toEqual(['thread.run.completed', 'done'])
    expect(lastRun(second)).toMatchObject({ id: waiting.id, status: 'completed' })

    const steps = await client.steps.list(waiting.thread_id, waiting.id, { order: 'asc' })
    const toolStep = steps.data.find((step) => step.step_details.type === 'tool_calls')
    expect(toolStep).toBeDefined()
    expect(await client.steps.retrieve(waiting.thread_id, waiting.id, toolStep!.id)).toMatchObject({
      id: toolStep!.id,
      status: 'completed',
    })
  })

  it('weather without streams: createAndRunPoll stops at requires_action, submitToolOutputsAndPoll completes', async () => {
    const { client } = setup()
    const waiting = await client.threads.createAndRunPoll(
      {
        assistant_id: ASSISTANT,
        thread: { messages: [{ role: 'user', content: 'weather in Paris and in Tokyo please' }] },
      },
      { pollIntervalMs: 5 },
    )
    expect(waiting.status).toBe('requires_action')
    const calls = waiting.required_action?.submit_tool_outputs.tool_calls ?? []
    expect(calls).toHaveLength(2)
    const done = await client.runs.submitToolOutputsAndPoll(
      waiting.thread_id,
      waiting.id,
      { tool_outputs: calls.map((call) => ({ tool_call_id: call.id, output: 'mild' })) },
      { pollIntervalMs: 5 },
    )
    expect(done).toMatchObject({ id: waiting.id, status: 'completed' })
  })

  it('lists every message across pages with for await, paging by after', async () => {
    const { client, urls } = setup()
    const thread = await client.threads.create()
    const created: string[] = []
    for (let i = 0; i < 5; i++) {
      created.push((await client.messages.create(thread.id, { role: 'user', content: `note ${i}` })).id)
    }
    urls.length = 0
    const seen: string[] = []
    for await (const message of client.messages.list(thread.id, { limit: 2, order: 'asc' }))
      seen.push(message.id)
    expect(seen).toEqual(created)
    expect(urls).toEqual([
      `GET /threads/${thread.id}/messages?limit=2&order=asc`,
      `GET /threads/${thread.id}/messages?limit=2&order=asc&after=${created[1]}`,
      `GET /threads/${thread.id}/messages?limit=2&order=asc&after=${created[3]}`,
    ])

    const runIds: string[] = []
    for (let i = 0; i < 3; i++) {
      const run = await client.runs.createAndPoll(
        thread.id,
        { assistant_id: ASSISTANT },
        { pollIntervalMs: 5 },
      )
      runIds.push(run.id)
    }
    const listed: string[] = []
    for await (const run of client.runs.list(thread.id, { limit: 1 })) listed.push(run.id)
    // Newest first by default.
    expect(listed).toEqual([...runIds].reverse())
  })

  it('updates run metadata', async () => {
    const { client } = setup()
    const run = await client.threads.createAndRunPoll({ assistant_id: ASSISTANT }, { pollIntervalMs: 5 })
    const updated = await client.runs.update(run.thread_id, run.id, { metadata: { reviewed: 'yes' } })
    expect(updated.metadata).toEqual({ reviewed: 'yes' })
  })

  it('cancels a streaming run: the stream reports cancelling then cancelled', async () => {
    // A paced simulator so the slow run is still going when the cancel arrives.
    const { client } = setup(5)
    const thread = await client.threads.create({ messages: [{ role: 'user', content: 'be slow please' }] })
    const stream = await client.runs.stream(thread.id, { assistant_id: ASSISTANT })
    const events: RunStreamEvent[] = []
    let cancelResponse: Run | null = null
    for await (const event of stream) {
      events.push(event)
      if (event.event === 'thread.message.delta' && cancelResponse === null) {
        cancelResponse = await client.runs.cancel(thread.id, lastRun(events).id)
      }
    }
    expect(cancelResponse?.status).toBe('cancelling')
    const names = events.map((e) => e.event)
    expect(names.indexOf('thread.run.cancelling')).toBeGreaterThan(names.indexOf('thread.message.delta'))
    expect(names.slice(-2)).toEqual(['thread.run.cancelled', 'done'])
    const run = lastRun(events)
    expect(await client.runs.poll(thread.id, run.id, { pollIntervalMs: 5 })).toMatchObject({
      status: 'cancelled',
    })
  })

  it('reports simulator API errors as RunlineErrors', async () => {
    const { client } = setup()
    await expect(client.threads.retrieve('thread_missing')).rejects.toMatchObject({
      name: 'RunlineError',
      kind: 'api',
      status: 404,
    })
  })
})
