// The Foundry hooks in React: useSubmitToolApprovals on a live handle, and useThreads, against a fake
// Foundry server (spec-shaped SSE and JSON; parse, reduce, controller and React Query are real).
import { selectRequiredApprovals } from '@runline/core'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { APPROVAL_CALLS } from '../../core/src/test-utils/foundry.js'
import { useThreads } from './queries.js'
import { createFoundryFake } from './test-utils/foundry-fake.js'
import { createWrapper } from './test-utils/sim.js'
import { useRunStream } from './use-run-stream.js'
import { useSubmitToolApprovals } from './use-submit-tool-approvals.js'

afterEach(cleanup)

describe('useSubmitToolApprovals', () => {
  it('refuses an undecided call (sending nothing), then sends every decision once', async () => {
    const fake = createFoundryFake()
    const { Wrapper } = createWrapper(fake.client)
    const { result } = renderHook(
      () => {
        const run = useRunStream({ assistantId: 'asst_fdry_docs', scheduler: 'sync' })
        return { run, submit: useSubmitToolApprovals(run) }
      },
      { wrapper: Wrapper },
    )
    await act(async () => {
      await result.current.run.start({ message: 'How do approvals work?' })
    })
    expect(result.current.run.status).toBe('requires_action')
    expect(selectRequiredApprovals(result.current.run.state)).toHaveLength(2)
    expect(result.current.run.handledApprovals).toEqual({})

    await act(async () => {
      await result.current.submit
        .mutateAsync([{ tool_call_id: APPROVAL_CALLS[0]!.id, approve: true }])
        .catch(() => {})
    })
    await waitFor(() => expect(result.current.submit.error?.code).toBe('missing_tool_approvals'))
    expect(fake.submits()).toHaveLength(0)

    const all = APPROVAL_CALLS.map((call) => ({ tool_call_id: call.id, approve: true }))
    await act(async () => {
      await Promise.all([result.current.submit.mutateAsync(all), result.current.submit.mutateAsync(all)])
    })
    expect(fake.submits()).toHaveLength(1)
    await waitFor(() => expect(result.current.run.status).toBe('completed'))
    expect(result.current.run.error).toBeNull()
  })

  it('the handle submits approvals too (what the approval form calls)', async () => {
    const fake = createFoundryFake()
    const { Wrapper } = createWrapper(fake.client)
    const { result } = renderHook(() => useRunStream({ assistantId: 'asst_fdry_docs', scheduler: 'sync' }), {
      wrapper: Wrapper,
    })
    await act(async () => {
      await result.current.start({ message: 'go' })
    })
    await act(async () => {
      await result.current.submitToolApprovals(
        APPROVAL_CALLS.map((c) => ({ tool_call_id: c.id, approve: false })),
      )
    })
    expect(result.current.status).toBe('completed')
    expect(fake.submits()[0]!.body?.tool_approvals).toHaveLength(2)
  })
})

describe('useThreads', () => {
  it('pages through GET /threads with after: last_id', async () => {
    const fake = createFoundryFake({ threads: ['thread_e', 'thread_d', 'thread_c', 'thread_b', 'thread_a'] })
    const { Wrapper } = createWrapper(fake.client)
    const { result } = renderHook(() => useThreads({ limit: 2 }), { wrapper: Wrapper })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data!.pages[0]!.data.map((t) => t.id)).toEqual(['thread_e', 'thread_d'])
    await act(() => result.current.fetchNextPage())
    await act(() => result.current.fetchNextPage())
    await waitFor(() => expect(result.current.hasNextPage).toBe(false))
    const ids = result.current.data!.pages.flatMap((page) => page.data.map((t) => t.id))
    expect(ids).toEqual(['thread_e', 'thread_d', 'thread_c', 'thread_b', 'thread_a'])
    expect(fake.requests.map((r) => r.path)).toEqual(['/threads', '/threads', '/threads'])
  })

  it('waits while disabled', async () => {
    const fake = createFoundryFake({ threads: ['thread_a'] })
    const { Wrapper } = createWrapper(fake.client)
    const { result } = renderHook(() => useThreads(undefined, { enabled: false }), { wrapper: Wrapper })
    expect(result.current.fetchStatus).toBe('idle')
    expect(fake.requests).toHaveLength(0)
  })
})
