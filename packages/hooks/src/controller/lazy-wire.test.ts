// The controller's wire is a module loaded on first use (wire/lazy.ts, lazy-module.ts). When its chunk
// cannot be fetched (a deploy replaced it, the network dropped), the Send fails as a network error in
// state and sends nothing; the next Send loads it again and runs. The failed fetch is made with
// Vitest's module mock (a chunk that cannot load cannot be produced otherwise in Node); the run goes to
// the real in-process simulator.
import { selectStatus } from '@runline/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ASSISTANT, createTestBackend } from '../test-utils/sim.js'

afterEach(() => {
  vi.doUnmock('../wire/assistants.js')
})

describe('a wire that cannot be loaded', () => {
  it('fails the Send as a network error that sent nothing; the next Send loads it and runs', async () => {
    vi.resetModules()
    vi.doMock('../wire/assistants.js', () => {
      throw new Error('chunk gone')
    })
    const { createRunController } = await import('./run-controller.js')
    const { client, requests } = createTestBackend()
    const errors: unknown[] = []
    const controller = createRunController({
      client,
      assistantId: ASSISTANT,
      scheduler: 'sync',
      onError: (error) => errors.push(error),
    })
    const failed = await controller.start({ message: 'hello' })
    expect(failed.error).toMatchObject({ kind: 'network', source: 'client' })
    expect(failed.error?.message).toMatch(
      /^Runline's wire code could not be loaded \(.+\); nothing was sent$/,
    )
    expect(selectStatus(failed)).toBe('error')
    expect(errors).toHaveLength(1)
    expect(requests).toEqual([])

    vi.doUnmock('../wire/assistants.js')
    const state = await controller.start({ message: 'hello' })
    expect(selectStatus(state)).toBe('completed')
    expect(state.error).toBeNull()
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /threads/runs'])
  })
})
