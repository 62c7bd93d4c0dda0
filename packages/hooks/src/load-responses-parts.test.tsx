// Core's Responses fold reaches a thread view only through the lazy boundary: the Assistants thread
// path's module graph holds none of it, and a Responses history waits for it (while its load is held
// back, against the real simulator) showing what it shows while its items load, never an empty turn.
import { responsesParts, selectStatus, selectTimeline } from '@runline/core'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { FOLD_MODULES, reachedFrom } from '../../core/src/test-utils/module-graph.js'
import { loadedResponsesParts, loadResponsesParts } from './load-responses-parts.js'
import { responsesHistory } from './responses-history.js'
import { createTestBackend, createWrapper } from './test-utils/sim.js'
import type { AssistantTurn } from './thread-history.js'
import { useRunStream } from './use-run-stream.js'
import { type RunThreadState, useRunThread } from './use-run-thread.js'

// The dynamic import of the parts, held back until a test lets it through.
const gate = vi.hoisted(() => {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open: () => open(), opened }
})
vi.mock('./responses-parts.js', async (importOriginal) => {
  await gate.opened
  return importOriginal()
})

afterEach(cleanup)

describe('the module graph of a thread view on the Assistants wire', () => {
  it('reaches no module of core’s Responses fold, from the thread sources up to <RunThread>', () => {
    for (const entry of [
      'hooks/src/assistants-history.ts',
      'hooks/src/responses-history.ts',
      'hooks/src/thread-histories.ts',
      'hooks/src/use-run-thread.ts',
      'hooks/src/index.ts',
      'components/src/thread/index.ts',
      'components/src/index.ts',
    ]) {
      const reached = reachedFrom(entry)
      expect(reached.has(entry)).toBe(true)
      expect(
        FOLD_MODULES.filter((module) => reached.has(module)),
        entry,
      ).toEqual([])
    }
  })

  it('the lazily loaded modules reach all of it (the walk follows @runline/core to its modules)', () => {
    for (const entry of ['hooks/src/responses-parts.ts', 'hooks/src/wire/responses.ts']) {
      const reached = reachedFrom(entry)
      expect(FOLD_MODULES.filter((module) => !reached.has(module))).toEqual([])
    }
    // `reduceRun` is the every-wire reducer: a thread source calling it would bring the fold back.
    const probe = reachedFrom('core/src/index.ts')
    expect(FOLD_MODULES.every((module) => probe.has(module))).toBe(true)
  })
})

/** A conversation with two finished turns (the second a weather loop answered by a function output). */
async function conversationWithTwoTurns(backend: ReturnType<typeof createTestBackend>) {
  const { id } = await backend.client.conversations.create()
  await backend.client.responses.create({ model: 'runline-sim', conversation: id, input: 'Hello' })
  let response = await backend.client.responses.create({
    model: 'runline-sim',
    conversation: id,
    input: 'What is the weather in Rome?',
  })
  for (;;) {
    const calls = response.output.filter((item) => item.type === 'function_call')
    if (calls.length === 0) return id
    response = await backend.client.responses.create({
      model: 'runline-sim',
      conversation: id,
      input: calls.map((call) => ({
        type: 'function_call_output' as const,
        call_id: call.call_id,
        output: '21 C',
      })),
    })
  }
}

describe('a Responses history while core’s Responses parts load', () => {
  it('is pending, with no turns, until the parts are there; then every turn is folded at its first render', async () => {
    expect(loadedResponsesParts()).toBeNull()
    const backend = createTestBackend()
    const id = await conversationWithTwoTurns(backend)
    const { Wrapper, queryClient } = createWrapper(backend.client)
    const seen: RunThreadState[] = []
    const { result } = renderHook(
      () => {
        const run = useRunStream({ wire: 'responses', model: 'runline-sim', scheduler: 'sync' }, () => 0)
        const thread = useRunThread({ run, wire: 'responses', threadId: id })
        seen.push(thread)
        return thread
      },
      { wrapper: Wrapper },
    )
    // The items are in; the parts are not: the history still loads.
    await waitFor(() => expect(backend.count('GET', /\/items$/)).toBe(1))
    await waitFor(() => expect(queryClient.isFetching()).toBe(0))
    expect(result.current.history).toMatchObject({ status: 'pending', turns: [], hasEarlier: false })
    expect(result.current.empty).toBe(false)

    await act(async () => gate.open())
    await waitFor(() => expect(result.current.turns).toHaveLength(4))
    expect(result.current.history.status).toBe('ready')
    expect(loadedResponsesParts()).toBe(responsesParts)
    // Never a half state: pending and empty, or ready with every turn.
    for (const state of seen) {
      expect([0, 4]).toContain(state.turns.length)
      expect(state.history.status === 'ready').toBe(state.turns.length === 4)
    }
    // A turn's run is folded at its first render (the parts are loaded: read at once).
    const weather = result.current.turns[3] as AssistantTurn
    const { result: turnRun } = renderHook(() => responsesHistory.useTurnRun(id, weather))
    expect(selectStatus(turnRun.current)).toBe('completed')
    expect(selectTimeline(turnRun.current).map((row) => (row.item as { type: string }).type)).toContain(
      'function_call',
    )
    expect(backend.count('GET', /\/items$/)).toBe(1)
  })
})

describe('loading core’s Responses parts', () => {
  it('shares one load, and after a failed load the next call tries again', async () => {
    gate.open()
    // A fresh loader (and module registry): nothing loaded yet. Its first import fails, as a chunk
    // the network lost does.
    vi.resetModules()
    let imports = 0
    vi.doMock('./responses-parts.js', async (importOriginal) => {
      if (++imports === 1) throw new Error('Failed to fetch dynamically imported module: responses-parts.js')
      return importOriginal()
    })
    const fresh = await import('./load-responses-parts.js')
    expect(fresh.loadedResponsesParts()).toBeNull()
    const first = fresh.loadResponsesParts()
    expect(fresh.loadResponsesParts()).toBe(first)
    // (Vitest wraps the factory's error in its own.)
    await expect(first).rejects.toBeInstanceOf(Error)
    expect(fresh.loadedResponsesParts()).toBeNull()
    const parts = await fresh.loadResponsesParts()
    expect(parts.fold.reduceTurnItems).toBeTypeOf('function')
    expect(fresh.loadedResponsesParts()).toBe(parts)
    expect(await fresh.loadResponsesParts()).toBe(parts)
    expect(imports).toBe(2)
    // The module-level loader of the other tests is another instance: it loaded once, earlier.
    expect(await loadResponsesParts()).toBe(responsesParts)
  })
})
