// The React Query hooks (history, mutations) against the real simulator.
import { selectRequiredToolCalls } from '@runline/core'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { runlineKeys } from './keys.js'
import {
  useCancelRun,
  useCreateThread,
  useRun,
  useRunSteps,
  useRuns,
  useThreadMessages,
  useUpdateRun,
} from './queries.js'
import { ASSISTANT, createTestBackend, createWrapper } from './test-utils/sim.js'
import { useRunStream } from './use-run-stream.js'
import { useSubmitToolOutputs } from './use-submit-tool-outputs.js'

afterEach(cleanup)

async function threadWithRuns(backend: ReturnType<typeof createTestBackend>, count: number) {
  const thread = await backend.client.threads.create()
  const runIds: string[] = []
  for (let i = 0; i < count; i++) {
    await backend.client.messages.create(thread.id, { role: 'user', content: `Hello ${i}` })
    runIds.push((await backend.client.runs.createAndPoll(thread.id, { assistant_id: ASSISTANT })).id)
  }
  return { threadId: thread.id, runIds }
}

describe('history hooks', () => {
  it('useRuns pages through cursor pages, newest first', async () => {
    const backend = createTestBackend()
    const { threadId, runIds } = await threadWithRuns(backend, 5)
    const { Wrapper } = createWrapper(backend.client)
    const { result } = renderHook(() => useRuns(threadId, { limit: 2 }), { wrapper: Wrapper })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data!.pages[0]!.data.map((run) => run.id)).toEqual(runIds.slice(-2).reverse())
    expect(result.current.hasNextPage).toBe(true)
    await act(() => result.current.fetchNextPage())
    await waitFor(() => expect(result.current.data!.pages).toHaveLength(2))
    await act(() => result.current.fetchNextPage())
    await waitFor(() => expect(result.current.data!.pages).toHaveLength(3))
    const ids = result.current.data!.pages.flatMap((page) => page.data.map((run) => run.id))
    expect(ids).toEqual([...runIds].reverse())
    expect(result.current.hasNextPage).toBe(false)
    expect(
      backend.requests.filter((r) => r.path.includes('/runs?')).map((r) => r.path.split('?')[1]),
    ).toEqual(['limit=2', `limit=2&after=${runIds[3]}`, `limit=2&after=${runIds[1]}`])
  })

  it('useThreadMessages pages oldest first with order: asc', async () => {
    const backend = createTestBackend()
    const { threadId } = await threadWithRuns(backend, 2)
    const { Wrapper } = createWrapper(backend.client)
    const { result } = renderHook(() => useThreadMessages(threadId, { limit: 3, order: 'asc' }), {
      wrapper: Wrapper,
    })
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    // React Query re-renders for the fields a render read (tracked props): read `data` first.
    expect(result.current.data!.pages[0]!.data).toHaveLength(3)
    await act(() => result.current.fetchNextPage())
    await waitFor(() => expect(result.current.data!.pages).toHaveLength(2))
    const roles = result.current.data!.pages.flatMap((page) => page.data.map((m) => m.role))
    expect(roles).toEqual(['user', 'assistant', 'user', 'assistant'])
    expect(result.current.hasNextPage).toBe(false)
  })

  it('a run that ends invalidates its thread’s messages and runs; nothing is copied by hand', async () => {
    const backend = createTestBackend()
    const thread = await backend.client.threads.create({ messages: [{ role: 'user', content: 'Hello' }] })
    const { Wrapper } = createWrapper(backend.client)
    const { result } = renderHook(
      () => ({
        run: useRunStream({ assistantId: ASSISTANT, threadId: thread.id }),
        messages: useThreadMessages(thread.id),
        runs: useRuns(thread.id),
      }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.messages.isSuccess && result.current.runs.isSuccess).toBe(true))
    expect(result.current.messages.data!.pages[0]!.data).toHaveLength(1)
    expect(result.current.runs.data!.pages[0]!.data).toHaveLength(0)
    await act(async () => {
      await result.current.run.start()
    })
    await waitFor(() => expect(result.current.messages.data!.pages[0]!.data).toHaveLength(2))
    await waitFor(() => expect(result.current.runs.data!.pages[0]!.data[0]?.status).toBe('completed'))
    expect(result.current.messages.data!.pages[0]!.data[0]!.role).toBe('assistant')
  })

  it('useRun polls while the run is not terminal; useRunSteps lists its steps', async () => {
    const backend = createTestBackend({ delayMs: 2 })
    const thread = await backend.client.threads.create({ messages: [{ role: 'user', content: 'Hi' }] })
    const run = await backend.client.runs.create(thread.id, { assistant_id: ASSISTANT })
    const { Wrapper } = createWrapper(backend.client)
    const statuses: string[] = []
    const { result } = renderHook(
      () => {
        const polled = useRun(thread.id, run.id, { poll: 20 })
        if (polled.data && statuses.at(-1) !== polled.data.status) statuses.push(polled.data.status)
        return { run: polled }
      },
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.run.data?.status).toBe('completed'), { timeout: 5000 })
    const retrieves = backend.count('GET', /\/runs\/run_[^/]+$/)
    expect(retrieves).toBeGreaterThan(2)
    expect(statuses[0]).not.toBe('completed')
    expect(statuses.at(-1)).toBe('completed')
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(backend.count('GET', /\/runs\/run_[^/]+$/)).toBe(retrieves) // stopped at the terminal status
    // Steps of the finished run (a fresh mount reads them; a finished useRunStream run invalidates them).
    const { Wrapper: Later } = createWrapper(backend.client)
    const steps = renderHook(() => useRunSteps(thread.id, run.id), { wrapper: Later })
    await waitFor(() =>
      expect(steps.result.current.data?.map((step) => step.type)).toEqual(['message_creation']),
    )
  })
})

describe('mutations', () => {
  it('useCreateThread and useCancelRun', async () => {
    const backend = createTestBackend({ delayMs: 2 })
    const { Wrapper, queryClient } = createWrapper(backend.client)
    const { result } = renderHook(() => ({ create: useCreateThread(), cancel: useCancelRun() }), {
      wrapper: Wrapper,
    })
    let threadId = ''
    await act(async () => {
      threadId = (await result.current.create.mutateAsync({ messages: [{ role: 'user', content: 'slow' }] }))
        .id
    })
    const run = await backend.client.runs.create(threadId, { assistant_id: ASSISTANT })
    await act(async () => {
      await result.current.cancel.mutateAsync({ threadId, runId: run.id })
    })
    expect(queryClient.getQueryData<{ status: string }>(runlineKeys.run(threadId, run.id))?.status).toBe(
      'cancelling',
    )
    await waitFor(async () =>
      expect((await backend.client.runs.retrieve(threadId, run.id)).status).toBe('cancelled'),
    )
  })

  it('useUpdateRun is optimistic and rolls back when the request fails', async () => {
    let hold: Promise<void> | null = null
    const backend = createTestBackend({
      beforeFetch: (method, path) =>
        method === 'POST' && /\/runs\/run_[^/]+$/.test(path) ? (hold ?? undefined) : undefined,
    })
    const { threadId, runIds } = await threadWithRuns(backend, 1)
    const runId = runIds[0]!
    const { Wrapper } = createWrapper(backend.client)
    const { result } = renderHook(
      () => ({ run: useRun(threadId, runId), runs: useRuns(threadId), update: useUpdateRun() }),
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.run.isSuccess && result.current.runs.isSuccess).toBe(true))
    await act(() => result.current.update.mutateAsync({ threadId, runId, metadata: { topic: 'weather' } }))
    await waitFor(() => expect(result.current.run.data?.metadata).toEqual({ topic: 'weather' }))

    // 17 keys: the server refuses (max 16). Held, so the optimistic value can be seen first.
    let release!: () => void
    hold = new Promise((resolve) => (release = resolve))
    const tooMany = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']))
    act(() => result.current.update.mutate({ threadId, runId, metadata: tooMany }))
    await waitFor(() => expect(result.current.run.data?.metadata).toEqual(tooMany))
    expect(result.current.runs.data!.pages[0]!.data[0]!.metadata).toEqual(tooMany)
    act(() => release())
    await waitFor(() => expect(result.current.update.isError).toBe(true))
    expect(result.current.update.error).toMatchObject({ name: 'RunlineError', status: 400 })
    expect(result.current.run.data?.metadata).toEqual({ topic: 'weather' })
    expect(result.current.runs.data!.pages[0]!.data[0]!.metadata).toEqual({ topic: 'weather' })
  })

  it('useSubmitToolOutputs refuses missing outputs (sending nothing) and ignores a double submit', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    const { result } = renderHook(
      () => {
        const run = useRunStream({ assistantId: ASSISTANT })
        return { run, submit: useSubmitToolOutputs(run) }
      },
      { wrapper: Wrapper },
    )
    await act(async () => {
      await result.current.run.start({ message: 'weather in Paris and in Tokyo' })
    })
    const calls = selectRequiredToolCalls(result.current.run.state)
    expect(calls).toHaveLength(2)

    await act(async () => {
      await result.current.submit
        .mutateAsync([{ tool_call_id: calls[0]!.id, output: 'Sunny' }])
        .catch(() => {})
    })
    // React Query tells observers about the failure in a task of its own: wait for it, not for the promise.
    await waitFor(() =>
      expect(result.current.submit.error).toMatchObject({
        name: 'RunlineError',
        code: 'missing_tool_outputs',
      }),
    )
    expect(result.current.submit.error?.message).toContain(calls[1]!.id)
    expect(backend.count('POST', /submit_tool_outputs$/)).toBe(0)
    expect(result.current.run.status).toBe('requires_action')

    const outputs = calls.map((call) => ({ tool_call_id: call.id, output: 'Sunny' }))
    await act(async () => {
      result.current.submit.mutate(outputs)
      result.current.submit.mutate(outputs) // double click
    })
    await waitFor(() => expect(result.current.run.status).toBe('completed'))
    await waitFor(() => expect(result.current.submit.isSuccess).toBe(true))
    expect(backend.count('POST', /submit_tool_outputs$/)).toBe(1)
    // A late third click after the run moved on sends nothing either.
    await act(async () => {
      await result.current.submit.mutateAsync(outputs).catch(() => {})
    })
    expect(backend.count('POST', /submit_tool_outputs$/)).toBe(1)
  })
})
