// What a run's end promises, however it ended: end callbacks exactly once, the resume pointer
// cleared, `onRunEnd` (where the hooks invalidate the thread's queries). The controller without
// React, against the real simulator.
import { type Run, selectStatus } from '@runline/core'
import { describe, expect, it } from 'vitest'
import { ASSISTANT, createTestBackend, memoryStorage } from '../test-utils/sim.js'
import type { RunControllerOptions } from './options.js'
import { createRunController } from './run-controller.js'

const KEY = 'runline:run:asst_runline_demo'

/** A controller that records every end callback, with resume on in a memory storage. */
function endRecorder(
  backend: ReturnType<typeof createTestBackend>,
  extra: Partial<RunControllerOptions> = {},
) {
  const storage = memoryStorage()
  const ends: { done: Run[]; completed: Run[]; end: Run[] } = { done: [], completed: [], end: [] }
  const controller = createRunController({
    client: backend.client,
    assistantId: ASSISTANT,
    scheduler: 'sync',
    pollIntervalMs: 5,
    resume: { storage },
    onRunDone: (run) => ends.done.push(run),
    onRunCompleted: (run) => ends.completed.push(run),
    onRunEnd: (run) => ends.end.push(run),
    ...extra,
  })
  return { controller, storage, ends }
}

/** Resolves once the controller's run streams (it has a run and some text). */
async function untilStreaming(controller: ReturnType<typeof createRunController>): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    const state = controller.getState()
    if (state.run && state.messageIds.length > 0) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('the run never streamed')
}

describe('a run’s end', () => {
  it('cancel() on a streaming run: end callbacks once, pointer cleared', async () => {
    const backend = createTestBackend({ delayMs: 2 })
    const { controller, storage, ends } = endRecorder(backend)
    const started = controller.start({ message: 'something slow' })
    await untilStreaming(controller)
    expect(storage.getItem(KEY)).not.toBeNull()
    const state = await controller.cancel()
    expect(selectStatus(state)).toBe('cancelled')
    expect(selectStatus(await started)).toBe('cancelled')
    expect(ends.end.map((run) => run.status)).toEqual(['cancelled'])
    expect(ends.done.map((run) => run.status)).toEqual(['cancelled'])
    expect(ends.completed).toEqual([])
    expect(storage.getItem(KEY)).toBeNull()
  }, 20_000)

  it('start() then cancel() in the same tick cancels the run', async () => {
    const backend = createTestBackend({ delayMs: 2 })
    const { controller, storage, ends } = endRecorder(backend)
    const started = controller.start({ message: 'something slow' })
    const cancelled = controller.cancel()
    expect(selectStatus(await cancelled)).toBe('cancelled')
    expect(selectStatus(await started)).toBe('cancelled')
    const run = controller.getState().run!
    expect((await backend.client.runs.retrieve(run.thread_id, run.id)).status).toBe('cancelled')
    expect(ends.end.map((r) => r.id)).toEqual([run.id])
    expect(storage.getItem(KEY)).toBeNull()
  }, 20_000)

  it('the run whenActive: cancel cancels ends like any other', async () => {
    const backend = createTestBackend({ delayMs: 2 })
    const { controller, storage, ends } = endRecorder(backend, { whenActive: 'cancel' })
    const first = controller.start({ message: 'something slow' })
    await untilStreaming(controller)
    const firstRun = controller.getState().run!.id
    const second = await controller.start({ message: 'Hello again' })
    expect(selectStatus(await first)).toBe('cancelled')
    expect(selectStatus(second)).toBe('completed')
    expect(ends.end.map((run) => [run.id === firstRun, run.status])).toEqual([
      [true, 'cancelled'],
      [false, 'completed'],
    ])
    expect(ends.done).toHaveLength(2)
    expect(storage.getItem(KEY)).toBeNull()
  }, 20_000)

  it.each([
    ['completed', 'Hello there', undefined],
    ['failed', 'please fail', undefined],
    ['expired', 'let it expire', undefined],
    ['incomplete', 'incomplete please', undefined],
    // The stream is cut mid-run: the end is reached by reconciling, not by a terminal event.
    ['completed', 'Tell me about Runline', { nth: 1, afterBytes: 4000 }],
  ] as const)(
    'a run that ends %s (%s) reports its end once',
    async (status, message, cut) => {
      const backend = createTestBackend({ delayMs: 1, cut })
      const { controller, storage, ends } = endRecorder(backend)
      const state = await controller.start({ message })
      expect(selectStatus(state)).toBe(status)
      if (cut) expect(backend.count('GET', /\/runs\/run_[^/]+$/)).toBeGreaterThan(0)
      expect(ends.done.map((run) => run.status)).toEqual([status])
      expect(ends.end.map((run) => run.status)).toEqual([status])
      expect(ends.completed).toHaveLength(status === 'completed' ? 1 : 0)
      expect(storage.getItem(KEY)).toBeNull()
      // Following the ended run again (a reload) reports nothing new.
      await controller.resume()
      expect(ends.end).toHaveLength(1)
    },
    20_000,
  )
})
