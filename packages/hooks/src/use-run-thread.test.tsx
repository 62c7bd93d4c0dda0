// useRunThread against the real simulator, in-process through the client's `fetch` option.
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ASSISTANT, createTestBackend, createWrapper } from './test-utils/sim.js'
import type { ThreadTurn } from './thread-history.js'
import { useRunStream } from './use-run-stream.js'
import { type RunThreadState, useRunThread } from './use-run-thread.js'

afterEach(cleanup)

const selectNothing = () => 0

/** Every render's turns, to check no message ever shows twice, not even for one render. */
function renderThread(
  backend: ReturnType<typeof createTestBackend>,
  props: { threadId?: string; onThreadCreated?: (id: string) => void } = {},
) {
  const { Wrapper } = createWrapper(backend.client)
  const seen: RunThreadState[] = []
  const view = renderHook(
    () => {
      const run = useRunStream({ assistantId: ASSISTANT, scheduler: 'sync' }, selectNothing)
      const thread = useRunThread({ run, threadId: props.threadId, onThreadCreated: props.onThreadCreated })
      seen.push(thread)
      return { run, thread }
    },
    { wrapper: Wrapper },
  )
  return { ...view, seen }
}

const userTexts = (turns: readonly ThreadTurn[]) =>
  turns.flatMap((turn) => (turn.kind === 'user' ? [turn.text] : []))

/** No render showed a user message twice. */
function expectNoDuplicates(seen: readonly RunThreadState[]) {
  for (const state of seen) {
    const texts = userTexts(state.turns)
    expect(new Set(texts).size).toBe(texts.length)
    const keys = state.turns.map((turn) => turn.key)
    expect(new Set(keys).size).toBe(keys.length)
  }
}

describe('useRunThread', () => {
  it('creates the thread on the first send and shows the message at once, then the server copy', async () => {
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const backend = createTestBackend({
      beforeFetch: (method, path) => (method === 'POST' && /\/messages$/.test(path) ? held : undefined),
    })
    const onThreadCreated = vi.fn()
    const { result, seen } = renderThread(backend, { onThreadCreated })
    expect(result.current.thread.empty).toBe(true)

    let sent!: Promise<boolean>
    act(() => {
      sent = result.current.thread.send('  Hello there  ')
    })
    // Shown before the server answered anything.
    expect(result.current.thread.turns).toMatchObject([
      { kind: 'user', text: 'Hello there', state: 'sending' },
    ])
    expect(result.current.thread.active).toBe(true)
    await waitFor(() => expect(onThreadCreated).toHaveBeenCalledTimes(1))
    const threadId = onThreadCreated.mock.calls[0]![0] as string
    expect(threadId).toMatch(/^thread_/)
    expect(result.current.thread.threadId).toBe(threadId)

    release()
    await act(async () => {
      expect(await sent).toBe(true)
    })
    await waitFor(() => expect(result.current.thread.status).toBe('completed'))
    // The history has the server's message (same key as the optimistic one); the answer is the live run's.
    await waitFor(() => expect(result.current.thread.history.turns).toHaveLength(1))
    const [turn] = result.current.thread.turns
    expect(result.current.thread.turns).toHaveLength(1)
    expect(turn).toMatchObject({ kind: 'user', text: 'Hello there', state: 'sent' })
    expect(turn?.kind === 'user' && turn.message?.id).toBe(turn?.key)
    expect(result.current.thread.live).toBe(true)
    expect(backend.count('POST', /^\/threads$/)).toBe(1)
    expectNoDuplicates(seen)
  })

  it('moves the finished run into the history when the next one starts, without duplicates', async () => {
    const backend = createTestBackend()
    const { result, seen } = renderThread(backend)
    await act(async () => {
      await result.current.thread.send('first question')
    })
    await waitFor(() => expect(result.current.thread.history.turns).toHaveLength(1))
    await act(async () => {
      await result.current.thread.send('second question')
    })
    await waitFor(() =>
      expect(result.current.thread.turns.map((turn) => turn.kind)).toEqual(['user', 'assistant', 'user']),
    )
    expect(userTexts(result.current.thread.turns)).toEqual(['first question', 'second question'])
    // The second run is live: its messages are not in the history.
    const runId = result.current.run.runId
    expect(
      result.current.thread.turns.some((turn) => turn.kind === 'assistant' && turn.runId === runId),
    ).toBe(false)
    expectNoDuplicates(seen)
  })

  it('reads an existing thread, and says when the server does not know it', async () => {
    const backend = createTestBackend()
    const thread = await backend.client.threads.create({ messages: [{ role: 'user', content: 'Earlier' }] })
    await backend.client.runs.createAndPoll(thread.id, { assistant_id: ASSISTANT })
    const { result } = renderThread(backend, { threadId: thread.id })
    expect(result.current.thread.history.status).toBe('pending')
    expect(result.current.thread.empty).toBe(false)
    await waitFor(() =>
      expect(result.current.thread.turns.map((turn) => turn.kind)).toEqual(['user', 'assistant']),
    )
    expect(result.current.thread.live).toBe(false)
    cleanup()

    const missing = renderThread(createTestBackend(), { threadId: 'thread_gone' })
    await waitFor(() => expect(missing.result.current.thread.history.missing).toBe(true))
    expect(missing.result.current.thread.history.status).toBe('error')
  })

  it('reports a send that failed and marks the message', async () => {
    const backend = createTestBackend({
      beforeFetch: (method, path) => {
        if (method === 'POST' && /\/messages$/.test(path)) throw new TypeError('network down')
      },
    })
    const { result } = renderThread(backend)
    await act(async () => {
      expect(await result.current.thread.send('lost')).toBe(false)
    })
    expect(result.current.thread.sendError?.message).toMatch(/network down/)
    expect(result.current.thread.turns).toMatchObject([{ kind: 'user', text: 'lost', state: 'failed' }])
    expect(result.current.thread.active).toBe(false)
  })
})
