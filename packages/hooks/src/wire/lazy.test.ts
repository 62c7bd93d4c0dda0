// The lazily loaded wire: one load however many calls race for it, a failed load rejects only the
// calls that waited for it, and every method reaches the real wire once it is there.
import type { RunStreamEvent } from '@runline/core'
import { describe, expect, it } from 'vitest'
import { lazyWire } from './lazy.js'
import type { RunWire, WireStream } from './wire.js'

const target = { threadId: 'conv_1', runId: 'resp_1' }
const signal = new AbortController().signal
const ended: RunStreamEvent[] = [{ event: 'done', data: '[DONE]' }]

/** A wire that records the calls it gets. */
function recordingWire(calls: string[]): RunWire {
  const stream: WireStream = { forEach: async () => {} }
  const record = <T>(name: string, value: T): T => {
    calls.push(name)
    return value
  }
  return {
    start: async () => record('start', stream),
    answer: async () => record('answer', stream),
    cancel: async () => record('cancel', ended),
    follow: async () => record('follow', undefined),
    waitForEnd: async () => record('waitForEnd', ended),
    activeRunOf: () => record('activeRunOf', target),
  }
}

describe('lazyWire', () => {
  it('loads once for calls that race (double clicks, a StrictMode remount), then passes each through', async () => {
    const calls: string[] = []
    let loads = 0
    const wire = lazyWire(async () => {
      loads++
      return recordingWire(calls)
    })
    expect(wire.activeRunOf(new Error('409'), 'conv_1')).toBeNull()
    await Promise.all([
      wire.start({ threadId: null, params: {} }, signal),
      wire.start({ threadId: null, params: {} }, signal),
    ])
    await wire.answer(target, { toolOutputs: [] }, signal)
    expect(await wire.cancel(target, signal)).toEqual(ended)
    await wire.follow(target, () => {}, { signal, until: 'end' })
    expect(await wire.waitForEnd(target, { cancel: false, signal })).toEqual(ended)
    expect(wire.activeRunOf(new Error('409'), 'conv_1')).toEqual(target)
    expect(loads).toBe(1)
    expect(calls).toEqual(['start', 'start', 'answer', 'cancel', 'follow', 'waitForEnd', 'activeRunOf'])
  })

  it('a failed load rejects the calls that waited for it; the next call loads again', async () => {
    const calls: string[] = []
    let loads = 0
    const wire = lazyWire(async () => {
      loads++
      if (loads === 1) throw new TypeError('Failed to fetch dynamically imported module')
      return recordingWire(calls)
    })
    await expect(wire.start({ threadId: null, params: {} }, signal)).rejects.toThrow(/dynamically imported/)
    await wire.start({ threadId: null, params: {} }, signal)
    expect(loads).toBe(2)
    expect(calls).toEqual(['start'])
  })
})
