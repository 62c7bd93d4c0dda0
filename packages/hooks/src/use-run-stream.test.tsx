// useRunStream against the real simulator, in-process through the client's `fetch` option.
import {
  type RunState,
  type RunStreamEvent,
  selectMessages,
  selectMessageText,
  selectRequiredToolCalls,
  selectStatus,
} from '@runline/core'
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react'
import { memo, StrictMode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useRunSelector } from './run-source.js'
import { ASSISTANT, createTestBackend, createWrapper, FIXED_NOW, memoryStorage } from './test-utils/sim.js'
import { UNHANDLED } from './tool-calls.js'
import { type RunHandle, useRunStream } from './use-run-stream.js'

const firstText = (state: RunState) => {
  const message = selectMessages(state)[0]
  return message ? selectMessageText(message) : ''
}

type Renders = { app: number; status: number; text: number }

/** Records every text it renders, to check the transcript grows in steps. */
function Transcript({ seen }: { seen: string[] }) {
  const run = useRunStream({ assistantId: ASSISTANT })
  const text = useRunSelector(run, firstText)
  seen.push(text)
  return (
    <>
      <button type="button" onClick={() => void run.start({ message: 'Hello' })}>
        Send
      </button>
      <output data-testid="status">{run.status}</output>
      <div role="log">{text}</div>
    </>
  )
}

const StatusView = memo(function StatusView({ run, renders }: { run: RunHandle; renders: Renders }) {
  renders.status++
  return <output>{useRunSelector(run, selectStatus)}</output>
})

const TextView = memo(function TextView({ run, renders }: { run: RunHandle; renders: Renders }) {
  renders.text++
  return <div role="log">{useRunSelector(run, firstText)}</div>
})

/** Subscribes to the status only (selector form) and hands the handle to two slice readers. */
function CountingApp({ renders }: { renders: Renders }) {
  renders.app++
  const run = useRunStream({ assistantId: ASSISTANT }, selectStatus)
  return (
    <>
      <button type="button" onClick={() => void run.start({ message: 'Hello' })}>
        Send
      </button>
      <StatusView run={run} renders={renders} />
      <TextView run={run} renders={renders} />
    </>
  )
}

afterEach(() => {
  cleanup()
  window.sessionStorage.clear()
})

describe('useRunStream', () => {
  it('renders text progressively and ends completed', async () => {
    const { client } = createTestBackend({ delayMs: 2 })
    const { Wrapper } = createWrapper(client)
    const seen: string[] = []
    render(<Transcript seen={seen} />, { wrapper: Wrapper })
    act(() => screen.getByRole('button', { name: 'Send' }).click())
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('completed'), { timeout: 5000 })
    const final = screen.getByRole('log').textContent ?? ''
    expect(final.length).toBeGreaterThan(50)
    const partial = [...new Set(seen)].filter((text) => text !== '' && text !== final)
    // Several intermediate renders, each a prefix of the final text.
    expect(partial.length).toBeGreaterThan(2)
    for (const text of partial) expect(final.startsWith(text)).toBe(true)
  })

  it('runs client tool handlers in parallel and submits every output in one request', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    const get_weather = vi.fn(async ({ location }: { location: string }) => ({ location, temperature: 21 }))
    const { result } = renderHook(() => useRunStream({ assistantId: ASSISTANT, tools: { get_weather } }), {
      wrapper: Wrapper,
    })
    let final: RunState | undefined
    await act(async () => {
      final = await result.current.start({ message: 'What is the weather in Paris and in Tokyo?' })
    })
    expect(selectStatus(final!)).toBe('completed')
    expect(result.current.status).toBe('completed')
    expect(get_weather.mock.calls.map(([args]) => args.location).sort()).toEqual(['Paris', 'Tokyo'])
    const submits = backend.requests.filter((r) => r.path.endsWith('/submit_tool_outputs'))
    expect(submits).toHaveLength(1)
    const outputs = (submits[0]!.body as { tool_outputs: Array<{ output: string }> }).tool_outputs
    expect(outputs.map((o) => JSON.parse(o.output).location).sort()).toEqual(['Paris', 'Tokyo'])
    expect(Object.keys(result.current.handledToolCalls)).toHaveLength(2)
    expect(result.current.error).toBeNull()
  })

  it('mixes handled and unhandled calls: the UI submit carries the handled outputs too', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    const tools = {
      // Knows Paris only; Tokyo is left to the person.
      get_weather: ({ location }: { location: string }) =>
        location === 'Paris' ? 'Sunny, 21 °C' : UNHANDLED,
    }
    const { result } = renderHook(() => useRunStream({ assistantId: ASSISTANT, tools }), { wrapper: Wrapper })
    await act(async () => {
      await result.current.start({ message: 'weather in Paris and in Tokyo' })
    })
    expect(result.current.status).toBe('requires_action')
    const calls = selectRequiredToolCalls(result.current.state)
    const paris = calls.find((call) => call.function.arguments.includes('Paris'))!
    const tokyo = calls.find((call) => call.function.arguments.includes('Tokyo'))!
    expect(result.current.handledToolCalls).toEqual({ [paris.id]: 'Sunny, 21 °C' })
    expect(backend.count('POST', /submit_tool_outputs$/)).toBe(0)

    await act(async () => {
      await result.current.submitToolOutputs([{ tool_call_id: tokyo.id, output: 'Rain, 14 °C' }])
    })
    expect(result.current.status).toBe('completed')
    const submits = backend.requests.filter((r) => r.path.endsWith('/submit_tool_outputs'))
    expect(submits).toHaveLength(1)
    expect((submits[0]!.body as { tool_outputs: unknown[] }).tool_outputs).toEqual([
      { tool_call_id: paris.id, output: 'Sunny, 21 °C' },
      { tool_call_id: tokyo.id, output: 'Rain, 14 °C' },
    ])
  })

  it('a throwing tool handler submits {"error"} for its call and the run goes on', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    const onToolError = vi.fn()
    const tools = {
      get_weather: ({ location }: { location: string }) => {
        if (location === 'Tokyo') throw new Error('weather service down')
        return 'Sunny'
      },
    }
    const { result } = renderHook(() => useRunStream({ assistantId: ASSISTANT, tools, onToolError }), {
      wrapper: Wrapper,
    })
    await act(async () => {
      await result.current.start({ message: 'weather in Paris and in Tokyo' })
    })
    expect(result.current.status).toBe('completed')
    expect(onToolError).toHaveBeenCalledTimes(1)
    const body = backend.requests.find((r) => r.path.endsWith('/submit_tool_outputs'))!.body as {
      tool_outputs: Array<{ output: string }>
    }
    expect(body.tool_outputs.map((o) => o.output)).toContain('{"error":"weather service down"}')
  })

  it('cancel is a real cancel: the run ends cancelled on the server, with no error', async () => {
    const backend = createTestBackend({ delayMs: 2 })
    const { Wrapper } = createWrapper(backend.client)
    const onError = vi.fn()
    const { result } = renderHook(() => useRunStream({ assistantId: ASSISTANT, onError }), {
      wrapper: Wrapper,
    })
    let started!: Promise<RunState>
    act(() => {
      started = result.current.start({ message: 'tell me something slow' })
    })
    await waitFor(() => expect(firstText(result.current.state).length).toBeGreaterThan(0))
    await act(async () => {
      await result.current.cancel()
    })
    expect(result.current.status).toBe('cancelled')
    await act(async () => {
      expect(selectStatus(await started)).toBe('cancelled')
    })
    const run = await backend.client.runs.retrieve(result.current.threadId!, result.current.runId!)
    expect(run.status).toBe('cancelled')
    expect(backend.count('POST', /\/cancel$/)).toBe(1)
    expect(result.current.error).toBeNull()
    expect(onError).not.toHaveBeenCalled()
  })

  it('a failed run reports a RunlineError with the run’s last_error', async () => {
    const { client } = createTestBackend()
    const { Wrapper } = createWrapper(client)
    const onError = vi.fn()
    const { result } = renderHook(() => useRunStream({ assistantId: ASSISTANT, onRunDone: onError }), {
      wrapper: Wrapper,
    })
    await act(async () => {
      await result.current.start({ message: 'please fail' })
    })
    expect(result.current.status).toBe('failed')
    expect(result.current.error).toMatchObject({ name: 'RunlineError', code: 'server_error' })
    expect(onError).toHaveBeenCalledTimes(1)
  })

  it('an incomplete run ends incomplete, which is not an error', async () => {
    const { client } = createTestBackend()
    const { Wrapper } = createWrapper(client)
    const { result } = renderHook(() => useRunStream({ assistantId: ASSISTANT }), { wrapper: Wrapper })
    await act(async () => {
      await result.current.start({ message: 'give an incomplete answer' })
    })
    expect(result.current.status).toBe('incomplete')
    expect(result.current.state.run?.incomplete_details?.reason).toBe('max_completion_tokens')
    expect(result.current.error).toBeNull()
  })

  it('an HTTP error arrives as a RunlineError in `error`, never as a rejection', async () => {
    const { client } = createTestBackend()
    const { Wrapper } = createWrapper(client)
    const { result } = renderHook(() => useRunStream({ assistantId: 'asst_missing' }), { wrapper: Wrapper })
    await act(async () => {
      await result.current.start({ message: 'Hello' })
    })
    expect(result.current.status).toBe('error')
    expect(result.current.error).toMatchObject({ name: 'RunlineError', kind: 'api', status: 404 })
  })

  it('a stream cut mid-run is reconciled and ends like an unbroken run of the same seed', async () => {
    const finalState = async (cut?: { nth: number; afterBytes: number }) => {
      const backend = createTestBackend({ seed: 3, now: FIXED_NOW, delayMs: 1, cut })
      const { Wrapper } = createWrapper(backend.client)
      const { result } = renderHook(() => useRunStream({ assistantId: ASSISTANT, pollIntervalMs: 5 }), {
        wrapper: Wrapper,
      })
      await act(async () => {
        await result.current.start({ message: 'weather in Paris and in Tokyo' })
      })
      expect(result.current.status).toBe('requires_action')
      const outputs = selectRequiredToolCalls(result.current.state).map((call) => ({
        tool_call_id: call.id,
        output: call.function.arguments,
      }))
      await act(async () => {
        await result.current.submitToolOutputs(outputs)
      })
      return { state: result.current.state, backend, error: result.current.error }
    }
    const whole = await finalState()
    // The continuation (2nd stream) drops after 3 kB.
    const cut = await finalState({ nth: 2, afterBytes: 3000 })
    expect(cut.backend.count('GET', /\/steps$/)).toBeGreaterThan(0)
    expect(cut.error).toBeNull()
    expect(selectStatus(cut.state)).toBe('completed')
    expect(cut.state).toEqual(whole.state)
  })

  it('re-attaches after a reload to the run saved in sessionStorage', async () => {
    const backend = createTestBackend({ delayMs: 1 })
    const storage = memoryStorage()
    const options = { assistantId: ASSISTANT, resume: { storage }, pollIntervalMs: 10 }
    const { Wrapper } = createWrapper(backend.client)
    const first = renderHook(() => useRunStream(options), { wrapper: Wrapper })
    act(() => {
      void first.result.current.start({ message: 'a slow answer please' })
    })
    await waitFor(() => expect(firstText(first.result.current.state).length).toBeGreaterThan(0))
    const runId = first.result.current.runId!
    const threadId = first.result.current.threadId!
    expect(JSON.parse(storage.getItem('runline:run:asst_runline_demo')!)).toEqual({ threadId, runId })
    first.unmount() // the page goes away mid-run

    const second = renderHook(() => useRunStream(options), { wrapper: createWrapper(backend.client).Wrapper })
    // The text keeps coming after the reload: the followed run's text is seen at several lengths.
    const lengths = new Set<number>()
    const unsubscribe = second.result.current.store.subscribe((state) => {
      lengths.add(firstText(state).length)
    })
    await waitFor(() => expect(second.result.current.runId).toBe(runId))
    expect(second.result.current.threadId).toBe(threadId)
    await waitFor(() => expect(second.result.current.status).toBe('completed'), { timeout: 8000 })
    const messages = await backend.client.messages.list(threadId, { run_id: runId })
    expect(firstText(second.result.current.state)).toBe(selectMessageText(messages.data[0]!))
    unsubscribe()
    expect(lengths.size).toBeGreaterThan(3)
    expect(storage.getItem('runline:run:asst_runline_demo')).toBeNull()
    // No second run was created on reload.
    expect(backend.count('POST', /\/runs$/)).toBe(1)
  }, 15_000)

  it('uses window.sessionStorage by default', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    const { result } = renderHook(() => useRunStream({ assistantId: ASSISTANT, resume: true }), {
      wrapper: Wrapper,
    })
    await act(async () => {
      await result.current.start({ message: 'weather in Paris' })
    })
    // Still waiting for outputs: kept, so a reload comes back to the form.
    expect(JSON.parse(window.sessionStorage.getItem('runline:run:asst_runline_demo')!)).toEqual({
      threadId: result.current.threadId,
      runId: result.current.runId,
    })
  })

  it('StrictMode: a click creates exactly one run, and resume-on-mount happens once', async () => {
    const backend = createTestBackend()
    const storage = memoryStorage()
    const options = { assistantId: ASSISTANT, resume: { storage } }
    const { Wrapper } = createWrapper(backend.client)
    const strict = ({ children }: { children?: React.ReactNode }) => (
      <StrictMode>
        <Wrapper>{children}</Wrapper>
      </StrictMode>
    )
    const first = renderHook(() => useRunStream(options), { wrapper: strict })
    await act(async () => {
      await first.result.current.start({ message: 'weather in Paris' })
    })
    expect(first.result.current.status).toBe('requires_action')
    expect(backend.count('POST', /^\/threads\/runs$/)).toBe(1)
    first.unmount()

    const stepsBefore = backend.count('GET', /\/steps$/)
    const second = renderHook(() => useRunStream(options), { wrapper: strict })
    await waitFor(() => expect(second.result.current.status).toBe('requires_action'))
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)))
    // One reconcile (a run in requires_action needs no polling): one steps list, not two.
    expect(backend.count('GET', /\/steps$/) - stepsBefore).toBe(1)
    expect(backend.requests.filter((r) => r.signal?.aborted)).toHaveLength(0)
    expect(backend.count('POST', /\/runs$/)).toBe(1)
  })

  it('unmount aborts the request in flight, without an error', async () => {
    const backend = createTestBackend({ delayMs: 2 })
    const { Wrapper } = createWrapper(backend.client)
    const onError = vi.fn()
    const { result, unmount } = renderHook(() => useRunStream({ assistantId: ASSISTANT, onError }), {
      wrapper: Wrapper,
    })
    let started!: Promise<RunState>
    act(() => {
      started = result.current.start({ message: 'something slow' })
    })
    await waitFor(() => expect(result.current.runId).not.toBeNull())
    const stream = backend.requests.find((r) => r.path === '/threads/runs')!
    expect(stream.signal?.aborted).toBe(false)
    unmount()
    await Promise.resolve()
    expect(stream.signal?.aborted).toBe(true)
    const state = await started // resolves, never rejects
    expect(state.phase).not.toBe('errored')
    expect(onError).not.toHaveBeenCalled()
  })

  it('sending while a run is active cancels it (whenActive: cancel) without the API’s error', async () => {
    const backend = createTestBackend({ delayMs: 1 })
    const { Wrapper } = createWrapper(backend.client)
    const { result } = renderHook(() => useRunStream({ assistantId: ASSISTANT, whenActive: 'cancel' }), {
      wrapper: Wrapper,
    })
    let first!: Promise<RunState>
    act(() => {
      first = result.current.start({ message: 'something slow' })
    })
    await waitFor(() => expect(result.current.runId).not.toBeNull())
    const firstRun = result.current.runId!
    await act(async () => {
      await result.current.start({ message: 'Hello again' })
    })
    expect(selectStatus(await first)).toBe('cancelled')
    expect(result.current.status).toBe('completed')
    expect(result.current.runId).not.toBe(firstRun)
    expect(result.current.error).toBeNull()
    expect((await backend.client.runs.retrieve(result.current.threadId!, firstRun)).status).toBe('cancelled')
  })

  it('sending while another client’s run holds the thread waits for it (whenActive: wait)', async () => {
    const backend = createTestBackend({ delayMs: 1 })
    const thread = await backend.client.threads.create({ messages: [{ role: 'user', content: 'hi' }] })
    const other = await backend.client.runs.create(thread.id, { assistant_id: ASSISTANT })
    const { Wrapper } = createWrapper(backend.client)
    const { result } = renderHook(
      () => useRunStream({ assistantId: ASSISTANT, threadId: thread.id, pollIntervalMs: 10 }),
      { wrapper: Wrapper },
    )
    await act(async () => {
      await result.current.start({ message: 'Hello' })
    })
    expect((await backend.client.runs.retrieve(thread.id, other.id)).status).toBe('completed')
    expect(result.current.status).toBe('completed')
    expect(result.current.error).toBeNull()
  })

  it('disconnect stops listening without an error; the run goes on server-side', async () => {
    const backend = createTestBackend({ delayMs: 2 })
    const { Wrapper } = createWrapper(backend.client)
    const { result } = renderHook(() => useRunStream({ assistantId: ASSISTANT }), { wrapper: Wrapper })
    act(() => {
      void result.current.start({ message: 'something slow' })
    })
    await waitFor(() => expect(result.current.runId).not.toBeNull())
    act(() => result.current.disconnect())
    expect(result.current.state.phase).toBe('dropped')
    expect(result.current.error).toBeNull()
    const run = await backend.client.runs.retrieve(result.current.threadId!, result.current.runId!)
    expect(['queued', 'in_progress']).toContain(run.status)
    await backend.client.runs.cancel(run.thread_id, run.id)
  })

  it('a component that selects only the status does not re-render on text deltas', async () => {
    const { client } = createTestBackend({ delayMs: 2 })
    const { Wrapper } = createWrapper(client)
    const renders = { app: 0, status: 0, text: 0 }
    render(<CountingApp renders={renders} />, { wrapper: Wrapper })
    act(() => screen.getByRole('button', { name: 'Send' }).click())
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('completed'), { timeout: 5000 })
    // idle → connecting → streaming → completed, plus the ids arriving: a handful, not one per delta.
    expect(renders.status).toBeLessThanOrEqual(8)
    expect(renders.app).toBeLessThanOrEqual(8)
    expect(renders.text).toBeGreaterThan(renders.status * 2)
  })

  it('onEvent alone gets every event as it is folded; next to snapshot callbacks it gets them too', async () => {
    const { client } = createTestBackend({ delayMs: 1 })
    const { Wrapper } = createWrapper(client)
    const deltaText = (events: RunStreamEvent[]) =>
      events
        .flatMap((e) => (e.event === 'thread.message.delta' ? (e.data.delta.content ?? []) : []))
        .map((part) => (part.type === 'text' ? (part.text?.value ?? '') : ''))
        .join('')
    // onEvent alone: no state snapshot per event, yet every event arrives, in order, with its data.
    const alone: RunStreamEvent[] = []
    const solo = renderHook(() => useRunStream({ assistantId: ASSISTANT, onEvent: (e) => alone.push(e) }), {
      wrapper: Wrapper,
    })
    await act(async () => {
      await solo.result.current.start({ message: 'Hello' })
    })
    expect(solo.result.current.status).toBe('completed')
    const names = alone.map((e) => e.event)
    expect(names.indexOf('thread.run.created')).toBeLessThan(names.indexOf('thread.message.delta'))
    expect(names.filter((name) => name === 'thread.message.delta').length).toBeGreaterThan(5)
    expect(deltaText(alone)).toBe(firstText(solo.result.current.state))

    // With a callback that reads the state, onEvent still sees everything and the snapshots are right.
    const together: RunStreamEvent[] = []
    const snapshots: string[] = []
    const both = renderHook(
      () =>
        useRunStream({
          assistantId: ASSISTANT,
          onEvent: (e) => together.push(e),
          onTextDelta: (_delta, snapshot) => snapshots.push(snapshot.value),
        }),
      { wrapper: Wrapper },
    )
    await act(async () => {
      await both.result.current.start({ message: 'Hello' })
    })
    const final = firstText(both.result.current.state)
    expect(deltaText(together)).toBe(final)
    expect(snapshots.length).toBe(together.filter((e) => e.event === 'thread.message.delta').length)
    expect(snapshots.at(-1)).toBe(final)
  })
})
