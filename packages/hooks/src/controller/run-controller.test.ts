// The controller without React, against the real simulator.
import { selectMessages, selectMessageText, selectStatus, selectThreadId } from '@runline/core'
import { describe, expect, it } from 'vitest'
import { ASSISTANT, createTestBackend, FIXED_NOW } from '../test-utils/sim.js'
import { createRunController } from './run-controller.js'

describe('RunController', () => {
  it('streams a run on a new thread and reports the thread id', async () => {
    const { client, count } = createTestBackend()
    const controller = createRunController({ client, assistantId: ASSISTANT, scheduler: 'sync' })
    const state = await controller.start({ message: 'Hello there' })
    expect(selectStatus(state)).toBe('completed')
    expect(state.phase).toBe('done')
    expect(selectThreadId(controller.getState())).toMatch(/^thread_/)
    expect(selectMessageText(selectMessages(state)[0]!)).toContain('#')
    expect(count('POST', /^\/threads\/runs$/)).toBe(1)
  })

  it('a stream cut mid-run, then reconciled, ends with the same snapshot as an unbroken one', async () => {
    const run = async (cut?: { nth: number; afterBytes: number }) => {
      const backend = createTestBackend({ seed: 7, now: FIXED_NOW, delayMs: 1, cut })
      const controller = createRunController({
        client: backend.client,
        assistantId: ASSISTANT,
        scheduler: 'sync',
        pollIntervalMs: 5,
      })
      const state = await controller.start({ message: 'Tell me about Runline' })
      return { state, backend }
    }
    const whole = await run()
    const resumed = await run({ nth: 1, afterBytes: 9000 })
    // The cut really happened and was reconciled through retrieve + lists.
    expect(resumed.backend.count('GET', /\/runs\/run_[^/]+$/)).toBeGreaterThan(0)
    expect(resumed.backend.count('GET', /\/steps$/)).toBeGreaterThan(0)
    expect(whole.backend.count('GET', /\/runs\/run_[^/]+$/)).toBe(0)
    expect(selectStatus(whole.state)).toBe('completed')
    expect(resumed.state).toEqual(whole.state)
  })

  it('a junk event in the stream reaches onError and the run streams on, without reconciling', async () => {
    const run = async (inject?: string) => {
      const backend = createTestBackend({ seed: 3, now: FIXED_NOW, inject })
      const errors: unknown[] = []
      let text = ''
      const controller = createRunController({
        client: backend.client,
        assistantId: ASSISTANT,
        scheduler: 'sync',
        onTextDelta: (delta) => {
          text += delta.value ?? ''
        },
        onError: (error) => errors.push(error),
      })
      const state = await controller.start({ message: 'Hello there' })
      return { state, backend, errors, text }
    }
    const clean = await run()
    const junk = await run('event: thread.message.delta\ndata: null\n\n')
    expect(junk.errors).toEqual([expect.objectContaining({ code: 'invalid_event' })])
    expect(junk.text).toBe(clean.text)
    expect(junk.text.length).toBeGreaterThan(0)
    expect(selectStatus(junk.state)).toBe('completed')
    expect(junk.state.phase).toBe('done')
    // Read to the end as it came: no retrieve to catch up with a stream taken for dropped.
    expect(junk.backend.count('GET', /\/runs\/run_[^/]+$/)).toBe(0)
    expect(selectMessages(junk.state)).toEqual(selectMessages(clean.state))
  })
})
