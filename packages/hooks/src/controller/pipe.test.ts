// The one event path, without a client or React: events in, callbacks and duties out.
import type { Run, RunStreamEvent } from '@runline/core'
import { describe, expect, it, vi } from 'vitest'
import { createRunPipe } from './pipe.js'

const run = (status: string) => ({ id: 'run_1', thread_id: 'thread_1', status }) as unknown as Run

describe('createRunPipe', () => {
  it('fires the end once, whether the terminal event or a snapshot says it first', () => {
    const onRunDone = vi.fn()
    const runEnded = vi.fn()
    const pipe = createRunPipe(() => ({ onRunDone }), { runCreated: () => {}, runEnded }, 'sync')
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

  it('a client tool output is state: it survives until the next run', () => {
    const pipe = createRunPipe(() => ({}), { runCreated: () => {}, runEnded: () => {} }, 'sync')
    pipe.dispatch({ event: 'runline.tool_output', data: { tool_call_id: 'call_1', output: '21' } })
    expect(pipe.store.getState().handledToolCalls).toEqual({ call_1: '21' })
    pipe.store.reset()
    expect(pipe.store.getState().handledToolCalls).toEqual({})
  })
})
