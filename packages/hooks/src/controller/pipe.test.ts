// The one event path, without a client or React: events in, callbacks and duties out.
import {
  ASSISTANTS_NOT_LOADED,
  assistantsParts,
  RESPONSES_NOT_LOADED,
  type Run,
  type RunStreamEvent,
  responsesParts,
} from '@runline/core'
import { describe, expect, it, vi } from 'vitest'
import { createRunPipe } from './pipe.js'

const run = (status: string) => ({ id: 'run_1', thread_id: 'thread_1', status }) as unknown as Run

describe('createRunPipe', () => {
  it('fires the end once, whether the terminal event or a snapshot says it first', () => {
    const onRunDone = vi.fn()
    const runEnded = vi.fn()
    const pipe = createRunPipe(() => ({ onRunDone }), { runCreated: () => {}, runEnded }, 'sync')
    // As the Assistants wire does when it loads.
    pipe.store.addAssistants(assistantsParts)
    pipe.dispatch({ event: 'thread.run.created', data: run('queued') } as RunStreamEvent)
    pipe.dispatch({ event: 'runline.snapshot', data: { run: run('cancelled') } })
    pipe.dispatch({ event: 'thread.run.cancelled', data: run('cancelled') } as RunStreamEvent)
    pipe.dispatch({ event: 'runline.snapshot', data: { run: run('cancelled') } })
    expect(onRunDone).toHaveBeenCalledTimes(1)
    expect(runEnded).toHaveBeenCalledTimes(1)
    // The user's callback first, then the duties (pointer, onRunEnd).
    expect(onRunDone.mock.invocationCallOrder[0]).toBeLessThan(runEnded.mock.invocationCallOrder[0]!)
  })

  it('reads the latest callbacks at each event, and records failures in the state', () => {
    let callbacks: { onRunCreated?: (run: Run) => void; onError?: (e: unknown) => void } = {}
    const runCreated = vi.fn()
    const pipe = createRunPipe(() => callbacks, { runCreated, runEnded: () => {} }, 'sync')
    pipe.store.addAssistants(assistantsParts)
    const onRunCreated = vi.fn()
    callbacks = { onRunCreated, onError: vi.fn() }
    pipe.dispatch({ event: 'thread.run.created', data: run('queued') } as RunStreamEvent)
    expect(onRunCreated).toHaveBeenCalledOnce()
    expect(runCreated).toHaveBeenCalledOnce()
    pipe.fail(new TypeError('fetch failed'))
    expect(pipe.getState().error).toMatchObject({
      kind: 'network',
      message: 'fetch failed',
      source: 'client',
    })
    expect(pipe.getState().phase).toBe('errored')
    expect(callbacks.onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'fetch failed' }))
  })

  it('folds Runline’s own events from the start, and the Assistants wire only once given its parts', () => {
    const onRunCreated = vi.fn()
    const onError = vi.fn()
    const runCreated = vi.fn()
    const pipe = createRunPipe(() => ({ onRunCreated, onError }), { runCreated, runEnded: () => {} }, 'sync')
    pipe.dispatch({ event: 'runline.connecting', data: { threadId: 'thread_1' } })
    expect(pipe.getState()).toMatchObject({ phase: 'connecting', threadId: 'thread_1' })
    pipe.dispatch({ event: 'thread.run.created', data: run('queued') } as RunStreamEvent)
    expect(pipe.getState().error).toMatchObject({ code: ASSISTANTS_NOT_LOADED, source: 'input' })
    expect(pipe.getState().run).toBeNull()
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: ASSISTANTS_NOT_LOADED }))
    expect(onRunCreated).not.toHaveBeenCalled()
    expect(runCreated).not.toHaveBeenCalled()

    pipe.store.addAssistants(assistantsParts)
    pipe.dispatch({ event: 'thread.run.created', data: run('queued') } as RunStreamEvent)
    expect(pipe.getState().run?.id).toBe('run_1')
    expect(onRunCreated).toHaveBeenCalledOnce()
    expect(runCreated).toHaveBeenCalledOnce()
  })

  it('a client tool output is state: it survives until the next run', () => {
    const pipe = createRunPipe(() => ({}), { runCreated: () => {}, runEnded: () => {} }, 'sync')
    pipe.dispatch({ event: 'runline.tool_output', data: { tool_call_id: 'call_1', output: '21' } })
    expect(pipe.store.getState().handledToolCalls).toEqual({ call_1: '21' })
    pipe.store.reset()
    expect(pipe.store.getState().handledToolCalls).toEqual({})
  })

  it('folds the Responses wire only once given its parts: before, its events are input errors', () => {
    const onRunCreated = vi.fn()
    const onError = vi.fn()
    const pipe = createRunPipe(
      () => ({ onRunCreated, onError }),
      { runCreated: () => {}, runEnded: () => {} },
      'sync',
    )
    const created = {
      event: 'response.created',
      data: {
        type: 'response.created',
        sequence_number: 0,
        response: { id: 'resp_1', object: 'response', status: 'in_progress', output: [], created_at: 1 },
      },
    } as unknown as RunStreamEvent
    pipe.dispatch({ event: 'runline.connecting', data: { threadId: 'conv_1' } })
    expect(pipe.store.responses).toBeNull()
    expect(() => pipe.dispatch(created)).not.toThrow()
    expect(pipe.getState().error).toMatchObject({ code: RESPONSES_NOT_LOADED, source: 'input' })
    expect(pipe.getState().responses).toEqual([])
    expect(onError).toHaveBeenCalledOnce()
    expect(onRunCreated).not.toHaveBeenCalled()

    pipe.store.addResponses(responsesParts)
    pipe.dispatch(created)
    expect(pipe.getState().responses).toHaveLength(1)
    expect(onRunCreated).toHaveBeenCalledWith(expect.objectContaining({ thread_id: 'conv_1' }))
  })
})
