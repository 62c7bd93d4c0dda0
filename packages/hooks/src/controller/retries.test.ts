// 429 and 503 answers to run creation and submits: sent again after the server's wait, shown as a
// `retry` in the state (status `retrying`), never as an error; a network failure is never resent.
import { createRunlineClient, type FetchLike, type RunUiStatus, selectStatus } from '@runline/core'
import { createSimulator } from '@runline/simulator'
import { describe, expect, it } from 'vitest'
import { ASSISTANT, BASE_URL } from '../test-utils/sim.js'
import { createRunController } from './run-controller.js'

type Refuse = (method: string, path: string, nth: number) => Response | 'network' | null

/** The simulator behind a fetch that can answer some requests itself (a 429, a 503, a dropped request). */
function backendWith(refuse: Refuse) {
  const sim = createSimulator({ delayMs: 0 })
  const sent = new Map<string, number>()
  const fetch: FetchLike = async (input, init) => {
    const method = init?.method ?? 'GET'
    const path = input.slice(BASE_URL.length).split('?')[0]!
    const key = `${method} ${path.replace(/(thread|run|call)_\w+/g, '$1')}`
    const nth = (sent.get(key) ?? 0) + 1
    sent.set(key, nth)
    const answer = refuse(method, path, nth)
    if (answer === 'network') throw new TypeError('fetch failed')
    return answer ?? sim.fetchLike(input, init)
  }
  return { client: createRunlineClient({ baseUrl: BASE_URL, fetch }), sent }
}

const busy = (status: number, headers: Record<string, string>) =>
  new Response(
    JSON.stringify({ error: { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' } }),
    {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    },
  )

/** One run on a new thread, as a controller on that thread starts it. */
async function startOnNewThread(client: ReturnType<typeof backendWith>['client']) {
  const thread = await client.threads.create({})
  const controller = createRunController({
    client,
    assistantId: ASSISTANT,
    threadId: thread.id,
    scheduler: 'sync',
  })
  return controller.start({ message: 'Hello there' })
}

function statusesOf(controller: ReturnType<typeof createRunController>): RunUiStatus[] {
  const seen: RunUiStatus[] = []
  controller.store.subscribe((state) => {
    const status = selectStatus(state)
    if (seen.at(-1) !== status) seen.push(status)
  })
  return seen
}

describe('retries the server asked for', () => {
  it('a 429 on run creation waits retry-after-ms, shows `retrying`, then runs', async () => {
    const { client, sent } = backendWith((method, path, nth) =>
      method === 'POST' && /\/runs$/.test(path) && nth <= 2 ? busy(429, { 'retry-after-ms': '20' }) : null,
    )
    const thread = await client.threads.create({})
    const retries: number[] = []
    const controller = createRunController({
      client,
      assistantId: ASSISTANT,
      threadId: thread.id,
      scheduler: 'sync',
      onEvent: (event) => {
        if (event.event === 'runline.retrying') retries.push(event.data.delayMs)
      },
    })
    const statuses = statusesOf(controller)
    const state = await controller.start({ message: 'Hello there' })
    expect(selectStatus(state)).toBe('completed')
    expect(state.error).toBeNull()
    expect(state.retry).toBeNull()
    expect(retries).toEqual([20, 20])
    expect(sent.get('POST /threads/thread/runs')).toBe(3)
    expect(statuses).toContain('retrying')
    expect(statuses).not.toContain('error')
  })

  it('a 503 on a submit is sent again; the outputs go out once they are taken', async () => {
    const { client, sent } = backendWith((method, path, nth) =>
      method === 'POST' && path.endsWith('/submit_tool_outputs') && nth === 1
        ? busy(503, { 'retry-after': '0' })
        : null,
    )
    const controller = createRunController({
      client,
      assistantId: ASSISTANT,
      scheduler: 'sync',
      tools: { get_weather: ({ location }: { location: string }) => `Sunny in ${location}` },
    })
    const state = await controller.start({ message: 'What is the weather in Paris?' })
    expect(selectStatus(state)).toBe('completed')
    expect(state.error).toBeNull()
    expect(sent.get('POST /threads/thread/runs/run/submit_tool_outputs')).toBe(2)
  })

  it('a network failure on run creation is not sent again: the run may exist', async () => {
    const { client, sent } = backendWith((method, path) =>
      method === 'POST' && /\/runs$/.test(path) ? 'network' : null,
    )
    const state = await startOnNewThread(client)
    expect(selectStatus(state)).toBe('error')
    expect(state.error).toMatchObject({ kind: 'network', source: 'client' })
    expect(sent.get('POST /threads/thread/runs')).toBe(1)
  })

  it('a server that keeps answering 429 ends in an error after a bounded number of tries', async () => {
    const { client, sent } = backendWith((method, path) =>
      method === 'POST' && /\/runs$/.test(path) ? busy(429, { 'retry-after-ms': '1' }) : null,
    )
    const state = await startOnNewThread(client)
    expect(selectStatus(state)).toBe('error')
    expect(state.error).toMatchObject({ kind: 'api', status: 429, code: 'rate_limit_exceeded' })
    expect(state.retry).toBeNull()
    expect(sent.get('POST /threads/thread/runs')).toBe(5)
  })
})
