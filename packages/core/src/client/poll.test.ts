// pollRun's pace on a clock of its own (fake timers): how often an idle run is asked, with and without
// backoff, and that any change goes back to the server's pace. No real time passes.
import type { Run } from 'openai/resources/beta/threads/runs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pollRun } from './poll.js'
import type { JsonResult } from './transport.js'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

/** A retrieve that answers `status(n)` on the n-th call, with the server's pace header when given. */
function retriever(status: (n: number) => string, paceMs?: number) {
  const at: number[] = []
  const retrieve = async (): Promise<JsonResult<Run>> => {
    at.push(Date.now())
    const headers = paceMs === undefined ? undefined : { 'openai-poll-after-ms': String(paceMs) }
    return {
      data: { id: 'run_1', status: status(at.length) } as Run,
      response: new Response('{}', { headers }),
    }
  }
  return { retrieve, at }
}

/** Lets the poll run for `ms` of fake time, then stops it. */
async function runFor(poll: (signal: AbortSignal) => Promise<unknown>, ms: number): Promise<void> {
  const abort = new AbortController()
  const done = poll(abort.signal).catch(() => {})
  await vi.advanceTimersByTimeAsync(ms)
  abort.abort()
  await done
}

describe('pollRun pace', () => {
  it('an idle run: every second without backoff, ~15 looks in 5 minutes with it (waits double up to 30 s)', async () => {
    const flat = retriever(() => 'in_progress')
    await runFor((signal) => pollRun(flat.retrieve, { signal, pollIntervalMs: 1000 }), 300_000)
    const backed = retriever(() => 'in_progress')
    await runFor((signal) => pollRun(backed.retrieve, { signal, pollIntervalMs: 1000, backoff: 2 }), 300_000)
    expect(flat.at.length).toBeGreaterThanOrEqual(300)
    expect(backed.at.length).toBeLessThanOrEqual(16)
    const waits = backed.at.slice(1).map((t, i) => t - backed.at[i]!)
    expect(waits.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 16000, 30000])
    expect(Math.max(...waits)).toBe(30_000)
  })

  it('a change goes back to the server’s pace (openai-poll-after-ms)', async () => {
    // Queued for 5 looks, then in progress: the wait after the change is the server's again.
    const polled = retriever((n) => (n <= 5 ? 'queued' : 'in_progress'), 500)
    await runFor((signal) => pollRun(polled.retrieve, { signal, backoff: 2 }), 60_000)
    const waits = polled.at.slice(1).map((t, i) => t - polled.at[i]!)
    expect(waits.slice(0, 4)).toEqual([500, 1000, 2000, 4000])
    expect(waits[5]).toBe(500)
  })

  it('onPending saying something changed keeps the pace', async () => {
    const polled = retriever(() => 'in_progress', 200)
    await runFor((signal) => pollRun(polled.retrieve, { signal, backoff: 2, onPending: () => true }), 10_000)
    const waits = polled.at.slice(1).map((t, i) => t - polled.at[i]!)
    expect(new Set(waits)).toEqual(new Set([200]))
  })
})
