import { createRunlineClient, createRunStore, selectMessages, selectMessageText } from '@runline/core'
import { createSimulator, DEMO_ASSISTANT_ID } from '@runline/simulator'
import { describe, expect, it } from 'vitest'
import { createCatchUp } from './catch-up.js'

const textOf = (store: ReturnType<typeof createRunStore>) =>
  selectMessages(store.getState()).map(selectMessageText).join('')

describe('catch-up while a run is followed by polling', () => {
  it('keeps the text of a run it is not streaming coming, and stops on a stream event', async () => {
    const sim = createSimulator({ delayMs: 5 })
    const client = createRunlineClient({ baseUrl: 'http://sim.test/v1', fetch: sim.fetchLike })
    const thread = await client.threads.create({
      messages: [{ role: 'user', content: 'Tell me a slow story' }],
    })
    // Not streamed: the run goes on server-side, as after a reload.
    const run = await client.runs.create(thread.id, { assistant_id: DEMO_ASSISTANT_ID })
    const store = createRunStore({ scheduler: 'sync' })
    store.dispatch({
      event: 'runline.snapshot',
      data: { run: { ...run, status: 'in_progress' }, threadId: thread.id },
    })
    const seen: number[] = []
    const follower = createCatchUp({
      client,
      store,
      intervalMs: 20,
      onSnapshot: () => seen.push(textOf(store).length),
    })

    follower.note({ event: 'runline.snapshot' })
    await expect
      .poll(() => new Set(seen.filter((n) => n > 0)).size, { timeout: 5_000 })
      .toBeGreaterThanOrEqual(3)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))

    follower.note({ event: 'thread.message.delta' })
    const stoppedAt = seen.length
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(seen.length).toBe(stoppedAt)
    follower.dispose()
    await client.runs.cancel(thread.id, run.id)
  })

  it('does nothing for a run that is not writing', async () => {
    const sim = createSimulator({ delayMs: 0 })
    const client = createRunlineClient({ baseUrl: 'http://sim.test/v1', fetch: sim.fetchLike })
    const thread = await client.threads.create({ messages: [{ role: 'user', content: 'Hello' }] })
    const run = await client.runs.createAndPoll(thread.id, { assistant_id: DEMO_ASSISTANT_ID })
    const store = createRunStore({ scheduler: 'sync' })
    store.dispatch({ event: 'runline.snapshot', data: { run } })
    let snapshots = 0
    const follower = createCatchUp({ client, store, intervalMs: 10, onSnapshot: () => snapshots++ })
    follower.note({ event: 'runline.snapshot' })
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(run.status).toBe('completed')
    expect(snapshots).toBe(0)
    follower.dispose()
  })
})
