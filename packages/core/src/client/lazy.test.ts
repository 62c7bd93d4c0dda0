// The client's parts loaded on first use (lazy.ts): when a chunk cannot be fetched (a deploy replaced
// it, the network dropped), the call fails with a clear network error and sends nothing, and the next
// call loads it again. The failed fetch is made with Vitest's module mock (a chunk that cannot load
// cannot be produced otherwise in Node); the requests go to the real in-process simulator.
import { createSimulator } from '@runline/simulator'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FetchLike } from '../index.js'

const BASE_URL = 'http://simulator.test/v1'
const ASSISTANT = 'asst_runline_demo'

/** A client from a fresh copy of core (its parts not loaded yet), on a fresh simulator; `sent` lists its requests. */
async function setup() {
  vi.resetModules()
  const core = await import('../index.js')
  const simulator = createSimulator({ delayMs: 0 })
  const sent: string[] = []
  const fetch: FetchLike = (input, init) => {
    sent.push(`${init?.method ?? 'GET'} ${input.slice(BASE_URL.length)}`)
    return simulator.fetchLike(input, init)
  }
  return { core, client: core.createRunlineClient({ baseUrl: BASE_URL, fetch }), sent }
}

afterEach(() => {
  vi.doUnmock('./stream.js')
  vi.doUnmock('./poll.js')
})

describe('client parts loaded on first use', () => {
  it('a stream whose reader cannot load fails as a network error before anything is sent, and the next one works', async () => {
    const { core, client, sent } = await setup()
    const thread = await client.threads.create()
    sent.length = 0
    vi.doMock('./stream.js', () => {
      throw new Error('Failed to fetch dynamically imported module: /assets/stream-x.js')
    })
    const failed = await client.runs
      .stream(thread.id, { assistant_id: ASSISTANT })
      .catch((error: unknown) => error)
    expect(core.isRunlineError(failed) && failed.kind).toBe('network')
    expect(String((failed as Error).message)).toMatch(
      /^POST \/threads\/thread_\w+\/runs was not sent: the client's code for it could not be loaded \(.+\)$/,
    )
    expect(sent).toEqual([])

    vi.doUnmock('./stream.js')
    const stream = await client.runs.stream(thread.id, { assistant_id: ASSISTANT })
    const names: string[] = []
    for await (const event of stream) names.push(event.event)
    expect(names).toContain('thread.run.completed')
    expect(sent).toEqual([`POST /threads/${thread.id}/runs`])
  })

  it('a poll whose loop cannot load fails as a network error without retrieving the run', async () => {
    const { core, client, sent } = await setup()
    const run = await client.threads.createAndRun({ assistant_id: ASSISTANT })
    sent.length = 0
    vi.doMock('./poll.js', () => {
      throw new Error('chunk gone')
    })
    const failed = await client.runs.poll(run.thread_id, run.id).catch((error: unknown) => error)
    expect(core.isRunlineError(failed) && failed.kind).toBe('network')
    expect(String((failed as Error).message)).toMatch(
      new RegExp(`^Polling run ${run.id}: the client's code for it could not be loaded \\(.+\\)$`),
    )
    expect(sent).toEqual([])

    vi.doUnmock('./poll.js')
    const done = await client.runs.poll(run.thread_id, run.id, { pollIntervalMs: 1 })
    expect(done.status).toBe('completed')
  })

  it('a preload that fails is quiet, and the stream after it loads the reader again', async () => {
    const { core, client } = await setup()
    vi.doMock('./stream.js', () => {
      throw new Error('chunk gone')
    })
    // Vitest fails the run on an unhandled rejection: the failed preload must leave none.
    core.preloadRunStreamReader()
    await new Promise((resolve) => setTimeout(resolve, 10))
    vi.doUnmock('./stream.js')
    const stream = await client.threads.createAndRunStream({ assistant_id: ASSISTANT })
    const names: string[] = []
    for await (const event of stream) names.push(event.event)
    expect(names.at(-1)).toBe('done')
  })
})
