import { describe, expect, it } from 'vitest'
import { createRunCallbacks, createRunStore, reduceRun } from './all-wires.js'
import { selectRequiredApprovals } from './approvals.js'
import { needsSnapshots } from './callbacks.js'
import { parseRunStream } from './parse.js'
import { initialRunState } from './reduce.js'
import { selectResponses } from './responses/select.js'
import { selectRequiredToolCalls, selectStatus, selectTimeline, selectUsage } from './selectors.js'
import { generateRunStream } from './test-utils/generate.js'
import { streamOf, utf8 } from './test-utils/recordings.js'
import { loadResponsesRecordings } from './test-utils/responses.js'
import type { RunState, RunStreamEvent } from './types.js'

async function eventsOf(seed: number) {
  const events: RunStreamEvent[] = []
  const sse = generateRunStream(seed, { terminal: 'completed', textDeltas: 200 }).sse
  for await (const event of parseRunStream(streamOf([utf8(sse)]))) events.push(event)
  return events
}

/** A manual frame clock: `tick()` runs the pending frame callback. */
function manualFrames() {
  let pending: (() => void) | null = null
  return {
    scheduler: (flush: () => void) => {
      pending = flush
      return () => {
        pending = null
      }
    },
    tick() {
      const run = pending
      pending = null
      run?.()
    },
  }
}

describe('createRunStore', () => {
  it('commits at most once per frame while streaming, and at once on terminal events', async () => {
    const events = await eventsOf(3)
    const frames = manualFrames()
    const store = createRunStore({ scheduler: frames.scheduler })
    let commits = 0
    store.subscribe(() => commits++)
    const perFrame = 25
    let frameCount = 0
    events.forEach((event, i) => {
      store.dispatch(event)
      if (i % perFrame === perFrame - 1) {
        frames.tick()
        frameCount++
      }
    })
    frames.tick()
    const expected = events.reduce(reduceRun, initialRunState)
    expect(store.getState()).toEqual(expected)
    expect(selectStatus(store.getState())).toBe('completed')
    // Immediate commits only for terminal events, plus one per frame at most.
    const atOnce = events.filter((e) => ['thread.run.completed', 'done'].includes(e.event)).length
    expect(commits).toBeLessThanOrEqual(frameCount + 1 + atOnce)
    expect(commits).toBeLessThan(events.length / 10)
  })

  it('commits a Responses turn at once when a response ends (completed, or waiting for the client)', () => {
    for (const recording of loadResponsesRecordings()) {
      const frames = manualFrames()
      const store = createRunStore({ scheduler: frames.scheduler })
      const events = recording.events.map((data) => ({ event: data.type, data }) as RunStreamEvent)
      const end = events.findIndex((event) =>
        /^response\.(completed|failed|incomplete|cancelled)$/.test(event.event),
      )
      if (end < 0) continue
      // No frame ever comes: only the events that commit at once reach subscribers.
      for (const event of events.slice(0, end + 1)) store.dispatch(event)
      expect(store.getState(), recording.name).toBe(store.getPendingState())
      expect(selectResponses(store.getState()).at(-1)?.status, recording.name).toBe(
        events[end]!.event.slice('response.'.length),
      )
    }
  })

  it('holds pending events until the frame, then commits them all', () => {
    const frames = manualFrames()
    const store = createRunStore({ scheduler: frames.scheduler })
    store.dispatch({
      event: 'thread.run.created',
      data: { id: 'run_1', status: 'queued', thread_id: 't' },
    } as any)
    expect(store.getState()).toBe(initialRunState)
    expect(store.getPendingState().run?.id).toBe('run_1')
    frames.tick()
    expect(store.getState().run?.id).toBe('run_1')
  })

  it('commits every event with the sync scheduler', async () => {
    const events = (await eventsOf(4)).slice(0, 50)
    const store = createRunStore({ scheduler: 'sync' })
    let commits = 0
    store.subscribe(() => commits++)
    let changes = 0
    let state = initialRunState
    for (const event of events) {
      store.dispatch(event)
      const next = reduceRun(state, event)
      if (next !== state) changes++
      state = next
    }
    // One commit per event that changed something (message.in_progress, for one, does not).
    expect(commits).toBe(changes)
    expect(changes).toBeGreaterThan(40)
  })

  it('reset commits the initial state and onEvent sees every event', () => {
    const seen: string[] = []
    const store = createRunStore({ scheduler: 'sync', onEvent: (event) => seen.push(event.event) })
    store.dispatch({ event: 'runline.connecting' })
    store.reset()
    expect(store.getState().phase).toBe('idle')
    expect(seen).toEqual(['runline.connecting', 'runline.reset'])
  })

  it('takes junk like the reducer does: an error in state, no throw, later events still apply', async () => {
    const frames = manualFrames()
    const store = createRunStore({ scheduler: frames.scheduler })
    for (const junk of [null, undefined, 5, {}, { event: 7 }]) {
      expect(() => store.dispatch(junk as unknown as RunStreamEvent)).not.toThrow()
    }
    frames.tick()
    expect(store.getState().error).toMatchObject({ code: 'invalid_event', source: 'input' })
    for (const event of await eventsOf(3)) store.dispatch(event)
    expect(selectStatus(store.getState())).toBe('completed')
  })
})

describe('createRunStore: callbacks on the pending state', () => {
  // Callbacks that are handed no state objects read the pending state (no snapshot per event), which
  // later events of the same frame write in place. What the Responses adapter reads there (its run
  // view) must not stay in the selectors' caches as the answer for the state the store commits.
  const READS = {
    status: selectStatus,
    usage: selectUsage,
    toolCalls: selectRequiredToolCalls,
    approvals: selectRequiredApprovals,
    responses: selectResponses,
    rows: (state: RunState) => selectTimeline(state).length,
  }

  it('Responses: the committed state reads as the pure fold', async () => {
    for (const recording of loadResponsesRecordings()) {
      const events: RunStreamEvent[] = []
      for await (const event of parseRunStream(streamOf([recording.bytes]))) events.push(event)
      const frames = manualFrames()
      const callbacks = { onRunCreated() {}, onRunRequiresAction() {}, onRunCompleted() {} }
      expect(needsSnapshots(callbacks)).toBe(false)
      const store = createRunStore({
        scheduler: frames.scheduler,
        onEvent: createRunCallbacks(callbacks),
        onEventSnapshots: () => needsSnapshots(callbacks),
      })
      for (const event of events) store.dispatch(event)
      store.flush()
      const pure = events.reduce(reduceRun, initialRunState)
      for (const [name, read] of Object.entries(READS))
        expect(read(store.getState()), `${recording.name}: ${name}`).toEqual(read(pure))
    }
  })
})
