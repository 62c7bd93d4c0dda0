// The hooks' side of a run's end: the thread's queries are invalidated from the same end as the
// callbacks, so lists on screen show how the run ended, whether it streamed to its end or was
// cancelled.
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { useRuns } from './queries.js'
import { ASSISTANT, createTestBackend, createWrapper } from './test-utils/sim.js'
import { useRunStream } from './use-run-stream.js'

afterEach(cleanup)

describe('useRunStream and the thread’s queries', () => {
  it('after cancel(), useRuns(threadId) shows the run cancelled (not in_progress)', async () => {
    const backend = createTestBackend({ delayMs: 2 })
    const thread = await backend.client.threads.create({})
    const { Wrapper } = createWrapper(backend.client)
    const { result } = renderHook(
      () => ({
        run: useRunStream({ assistantId: ASSISTANT, threadId: thread.id }),
        runs: useRuns(thread.id),
      }),
      { wrapper: Wrapper },
    )
    act(() => {
      void result.current.run.start({ message: 'something slow' })
    })
    // The list is fetched while the run streams: it shows the run going on.
    await waitFor(() => expect(result.current.run.runId).not.toBeNull(), { timeout: 10_000 })
    await waitFor(
      async () => {
        await act(() => result.current.runs.refetch())
        expect(result.current.runs.data?.pages[0]?.data[0]?.status).toMatch(/queued|in_progress/)
      },
      { timeout: 10_000 },
    )
    await act(async () => {
      await result.current.run.cancel()
    })
    expect(result.current.run.status).toBe('cancelled')
    await waitFor(() => expect(result.current.runs.data?.pages[0]?.data[0]?.status).toBe('cancelled'), {
      timeout: 10_000,
    })
  }, 30_000)
})
