// The Responses turn seen as a run: its status and its end, from the fold of real recordings plus the
// client's own lifecycle events (`runline.cancelling`), through the one reducer and callback adapter.
import { describe, expect, it } from 'vitest'
import { createRunCallbacks, createRunStore, reduceRun } from '../all-wires.js'
import { selectRequiredApprovals } from '../approvals.js'
import { initialRunState } from '../reduce.js'
import { selectRequiredToolCalls, selectStatus } from '../selectors.js'
import { loadResponsesRecordings } from '../test-utils/responses.js'
import type { Run, RunState, RunStreamEvent } from '../types.js'
import { selectResponsesRun } from './run.js'

const recordings = loadResponsesRecordings()
const eventsOf = (part: string, response = 0) => {
  const events = recordings.find((r) => r.name.includes(part))!.events
  const starts = events.flatMap((event, i) => (event.type === 'response.created' ? [i] : []))
  return events.slice(starts[response], starts[response + 1])
}
const asEvent = (data: Record<string, any>) => ({ event: data.type, data }) as RunStreamEvent

/** Folds the events through `reduceRun`, firing the callback adapter like a run store does. */
function fold(events: readonly RunStreamEvent[], ends: Run[] = []) {
  const fire = createRunCallbacks({ onRunDone: (run) => ends.push(run) })
  let state: RunState = initialRunState
  for (const event of events) {
    state = reduceRun(state, event)
    fire(event, state)
  }
  return { state, ends }
}

const CANCEL: RunStreamEvent = { event: 'runline.cancelling' }

describe('the turn as a run, read while a store batches', () => {
  it('a run store committing once per frame still sees the turn wait for its function calls', () => {
    const required: Run[] = []
    let flush: (() => void) | null = null
    const store = createRunStore({
      // A frame that has not come yet: every event folds into the same batch (in place).
      scheduler: (run) => {
        flush = run
        return () => {
          flush = null
        }
      },
      onEvent: createRunCallbacks({ onRunRequiresAction: (run) => required.push(run) }),
      onEventSnapshots: false,
    })
    for (const event of eventsOf('reasoning-encrypted-content').map(asEvent)) store.dispatch(event)
    ;(flush as (() => void) | null)?.()
    const state = store.getState()
    expect(selectStatus(state)).toBe('requires_action')
    expect(selectRequiredToolCalls(state)).toHaveLength(1)
    expect(required.map((run) => run.status)).toEqual(['requires_action'])
  })
})

describe('a Responses turn cancelled by the client', () => {
  it('while it waits for function outputs: cancelled, nothing left to answer, onRunDone once', () => {
    const waiting = eventsOf('reasoning-encrypted-content').map(asEvent)
    const { state, ends } = fold([...waiting, CANCEL, { event: 'done', data: '[DONE]' }])
    expect(fold(waiting).state.run).toBeNull()
    expect(selectStatus(fold(waiting).state)).toBe('requires_action')
    expect(selectStatus(state)).toBe('cancelled')
    expect(selectResponsesRun(state)).toMatchObject({ status: 'cancelled', required_action: null })
    expect(selectRequiredToolCalls(state)).toEqual([])
    expect(ends.map((run) => run.status)).toEqual(['cancelled'])
  })

  it('while it waits for approvals: cancelled', () => {
    const { state, ends } = fold([...eventsOf('mcp-tool-approval.1').map(asEvent), CANCEL])
    expect(selectStatus(state)).toBe('cancelled')
    expect(selectRequiredApprovals(state)).toEqual([])
    expect(ends.map((run) => run.status)).toEqual(['cancelled'])
  })

  it('while a response is in flight: its status until the server says how it ended', () => {
    const raw = eventsOf('github-copilot-id-rotation')
    const events = raw.map(asEvent)
    const midway = fold([...events.slice(0, 5), CANCEL])
    expect(selectStatus(midway.state)).toBe('in_progress')
    expect(midway.ends).toEqual([])
    const created = raw[0]!.response as Record<string, unknown>
    const cancelled = reduceRun(midway.state, {
      event: 'response.cancelled',
      data: { type: 'response.cancelled', response: { ...created, status: 'cancelled' } },
    } as unknown as RunStreamEvent)
    expect(selectStatus(cancelled)).toBe('cancelled')
    // The cancel came too late: the response completed without waiting, and so did the turn.
    const { state, ends } = fold([...events.slice(0, 5), CANCEL, ...events.slice(5)])
    expect(selectStatus(state)).toBe('completed')
    expect(ends.map((run) => run.status)).toEqual(['completed'])
  })

  it('the request is recorded once and clears a client error, on either wire', () => {
    const failed = reduceRun(initialRunState, {
      event: 'runline.error',
      data: { code: 'boom', message: 'Boom', kind: 'network' },
    })
    const cancelling = reduceRun(failed, CANCEL)
    expect(cancelling).toMatchObject({ cancelRequested: true, error: null })
    expect(reduceRun(cancelling, CANCEL)).toBe(cancelling)
    expect(reduceRun(cancelling, { event: 'runline.reset' }).cancelRequested).toBe(false)
  })
})
