import { describe, expect, it } from 'vitest'
import { createEventLog, describeEvent } from './event-log.js'

function manualClock() {
  let t = 0
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('event log', () => {
  it('counts per type in first-seen order with timings relative to begin()', () => {
    const clock = manualClock()
    const log = createEventLog({
      now: clock.now,
      schedule: (flush) => {
        flush()
        return () => {}
      },
    })
    clock.advance(100)
    log.begin()
    clock.advance(30)
    log.record({ event: 'thread.run.created', data: {} })
    clock.advance(5)
    log.record({ event: 'thread.message.delta', data: {} })
    clock.advance(2)
    log.record({ event: 'thread.message.delta', data: {} })
    const snap = log.getSnapshot()
    expect(snap.total).toBe(3)
    expect(snap.counts).toEqual([
      { event: 'thread.run.created', count: 1, firstAt: 30 },
      { event: 'thread.message.delta', count: 2, firstAt: 35 },
    ])
    expect(snap.recent.map((e) => [e.seq, e.at, e.gap])).toEqual([
      [1, 30, 30],
      [2, 35, 5],
      [3, 37, 2],
    ])
    expect(snap.firstAt).toBe(30)
    expect(snap.lastAt).toBe(37)
  })

  it('keeps only the most recent events, oldest first, but counts them all', () => {
    const log = createEventLog({ capacity: 3 })
    for (let i = 0; i < 7; i++) log.record({ event: `e${i}` })
    const snap = log.getSnapshot()
    expect(snap.total).toBe(7)
    expect(snap.recent.map((e) => e.event)).toEqual(['e4', 'e5', 'e6'])
  })

  it('returns the same snapshot until something changes, and begin() clears it', () => {
    const log = createEventLog()
    log.record({ event: 'a' })
    const first = log.getSnapshot()
    expect(log.getSnapshot()).toBe(first)
    log.begin()
    expect(log.getSnapshot().total).toBe(0)
  })

  it('coalesces notifications and schedules none without subscribers', () => {
    const pending: Array<() => void> = []
    const log = createEventLog({
      schedule: (flush) => {
        pending.push(flush)
        return () => {}
      },
    })
    log.record({ event: 'a' })
    expect(pending).toHaveLength(0)
    let calls = 0
    const stop = log.subscribe(() => calls++)
    for (let i = 0; i < 100; i++) log.record({ event: 'b' })
    expect(pending).toHaveLength(1)
    pending.shift()!()
    expect(calls).toBe(1)
    stop()
  })

  it('summarises deltas and run events', () => {
    expect(
      describeEvent('thread.message.delta', {
        delta: { content: [{ index: 0, type: 'text', text: { value: 'Hel' } }] },
      }),
    ).toBe('"Hel"')
    expect(describeEvent('thread.run.in_progress', { id: 'run_1', status: 'in_progress' })).toBe(
      'run_1 · in_progress',
    )
    expect(
      describeEvent('thread.run.step.delta', {
        delta: {
          step_details: { tool_calls: [{ index: 1, type: 'function', function: { arguments: '{"lo' } }] },
        },
      }),
    ).toBe('function #1 "{\\"lo"')
    expect(describeEvent('done', '[DONE]')).toBe('')
  })

  it('summarises payloads of any shape without throwing (the inspector shows what the server sent)', () => {
    const odd = [
      null,
      'x',
      5,
      {},
      { delta: null },
      { delta: { content: 'x' } },
      { delta: { content: [null, 5] } },
    ]
    const oddSteps = [
      { delta: { step_details: { tool_calls: [null, { code_interpreter: { outputs: [null] } }] } } },
    ]
    for (const data of [...odd, ...oddSteps]) {
      for (const event of ['thread.message.delta', 'thread.run.step.delta', 'thread.run.created', 'error']) {
        expect(() => describeEvent(event, data), `${event} ${JSON.stringify(data)}`).not.toThrow()
      }
    }
    expect(
      describeEvent('thread.message.delta', { delta: { content: [null, { text: { value: 'ok' } }] } }),
    ).toBe('"ok"')
  })
})
