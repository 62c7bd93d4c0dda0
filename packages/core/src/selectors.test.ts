import { describe, expect, it } from 'vitest'
import { reduceRun } from './all-wires.js'
import { parseRunStream } from './parse.js'
import { initialRunState } from './reduce.js'
import * as selectors from './selectors.js'
import {
  selectError,
  selectMessages,
  selectMessageText,
  selectRequiredToolCalls,
  selectRunSteps,
  selectStatus,
  selectTimeline,
  selectUsage,
} from './selectors.js'
import { isActiveStatus, isTerminalStatus, statusWords } from './status.js'
import { generateRunStream } from './test-utils/generate.js'
import { loadRecordings, streamOf, utf8 } from './test-utils/recordings.js'
import type { RunState, RunStreamEvent } from './types.js'

async function statesOf(bytes: Uint8Array): Promise<RunState[]> {
  const states: RunState[] = []
  let state = initialRunState
  for await (const event of parseRunStream(streamOf([bytes]))) {
    state = reduceRun(state, event)
    states.push(state)
  }
  return states
}
const recording = (fragment: string) => loadRecordings().find((r) => r.name.includes(fragment))!.bytes

describe('selectors return stable references', () => {
  it('for every selector, the same state gives the same object, and unchanged parts stay identical', async () => {
    const states = await statesOf(recording('openai-dotnet__file-search'))
    for (const state of states) {
      for (const select of [
        selectMessages,
        selectRunSteps,
        selectTimeline,
        selectRequiredToolCalls,
        selectError,
      ]) {
        expect(select(state)).toBe(select(state))
      }
    }
    // Across a text delta: the steps list is unchanged, so it is the same array.
    const i = states.findIndex(
      (s, k) => k > 0 && s.messages !== states[k - 1]!.messages && s.steps === states[k - 1]!.steps,
    )
    expect(i).toBeGreaterThan(0)
    expect(selectRunSteps(states[i]!)).toBe(selectRunSteps(states[i - 1]!))
    expect(selectMessages(states[i]!)).not.toBe(selectMessages(states[i - 1]!))
  })

  it('a text delta changes only the timeline row of its message', async () => {
    const states = await statesOf(utf8(generateRunStream(5, { terminal: 'completed', textDeltas: 10 }).sse))
    let compared = 0
    for (let k = 1; k < states.length; k++) {
      const [prev, next] = [selectTimeline(states[k - 1]!), selectTimeline(states[k]!)]
      if (prev.length !== next.length || states[k]!.steps !== states[k - 1]!.steps) continue
      const changed = next.filter((item, j) => item !== prev[j])
      expect(changed.length).toBeLessThanOrEqual(1)
      compared++
    }
    expect(compared).toBeGreaterThan(5)
  })

  it('empty states share one empty array', () => {
    expect(selectMessages(initialRunState)).toBe(selectRunSteps(initialRunState))
    expect(selectTimeline(initialRunState)).toBe(selectRequiredToolCalls(initialRunState))
  })
})

describe('selector values', () => {
  it('timeline joins each step with its message or tool calls, in creation order', async () => {
    const states = await statesOf(recording('openai-dotnet__file-search'))
    const last = states.at(-1)!
    const timeline = selectTimeline(last)
    expect(timeline.map((t) => t.id)).toEqual(last.stepIds)
    const messageRow = timeline.find((t) => t.step?.type === 'message_creation')!
    expect(messageRow.message?.id).toBe(
      messageRow.step!.step_details.type === 'message_creation' &&
        messageRow.step!.step_details.message_creation.message_id,
    )
    const toolRow = timeline.find((t) => t.step?.type === 'tool_calls')!
    expect(toolRow.toolCalls[0]?.type).toBe('file_search')
    expect(selectMessageText(messageRow.message!)).toContain('【')
  })

  it('required tool calls while the run requires action, usage once it ends', async () => {
    const first = (await statesOf(recording('function-call__1'))).at(-1)!
    expect(selectStatus(first)).toBe('requires_action')
    expect(selectRequiredToolCalls(first).map((c) => c.function.name)).toEqual(['get_current_weather'])
    expect(selectUsage(first)).toBeNull()
    const text = (await statesOf(recording('text-only__gpt-4o'))).at(-1)!
    expect(selectUsage(text)).toMatchObject({ total_tokens: expect.any(Number) })
    expect(selectRequiredToolCalls(text)).toHaveLength(0)
  })

  it('status follows the stream and the run', () => {
    const ev = (event: string, data?: unknown) => ({ event, data }) as unknown as RunStreamEvent
    let state = initialRunState
    expect(selectStatus(state)).toBe('idle')
    state = reduceRun(state, ev('runline.connecting'))
    expect(selectStatus(state)).toBe('connecting')
    // One vocabulary: once there is a run, its own status (the badge's words come from the same value).
    state = reduceRun(state, ev('thread.run.created', { id: 'run_1', status: 'queued', thread_id: 't' }))
    expect(selectStatus(state)).toBe('queued')
    expect(statusWords(selectStatus(state))).toBe('Queued')
    state = reduceRun(
      state,
      ev('thread.run.in_progress', { id: 'run_1', status: 'in_progress', thread_id: 't' }),
    )
    expect(selectStatus(state)).toBe('in_progress')
    expect(isActiveStatus(selectStatus(state))).toBe(true)
    state = reduceRun(
      state,
      ev('thread.run.failed', {
        id: 'run_1',
        status: 'failed',
        last_error: { code: 'server_error', message: 'no' },
      }),
    )
    expect(selectStatus(state)).toBe('failed')
    expect(isTerminalStatus(selectStatus(state))).toBe(true)
    expect(isActiveStatus(selectStatus(state))).toBe(false)
    expect(selectError(state)).toEqual({ code: 'server_error', message: 'no' })
    const dropped = reduceRun(
      reduceRun(initialRunState, ev('runline.connecting')),
      ev('runline.error', { code: 'network_error', message: 'offline' }),
    )
    expect(selectStatus(dropped)).toBe('error')
    expect(selectError(dropped)).toMatchObject({ code: 'network_error', message: 'offline' })
  })
})

describe('selectors on objects stored as the server sent them', () => {
  const messages = [
    { id: 'm' },
    { id: 'm', content: null },
    {
      id: 'm',
      content: [
        null,
        { type: 'text' },
        { type: 'text', text: null },
        { type: 'text', text: { value: 'kept' } },
      ],
    },
    { id: 'm', content: 'x', created_at: 'x' },
  ]
  const steps = [
    { id: 's' },
    { id: 's', step_details: null },
    { id: 's', step_details: { type: 'tool_calls', tool_calls: null } },
    { id: 's', step_details: { type: 'message_creation', message_creation: null } },
    { id: 's', step_details: { type: 'message_creation', message_creation: { message_id: 5 } } },
  ]
  const runs = [
    { id: 'r', status: 'requires_action', required_action: null },
    { id: 'r', status: 'requires_action', required_action: { submit_tool_outputs: null } },
    { id: 'r', status: 'failed', last_error: 'x' },
    { id: 'r', status: 'failed', last_error: {} },
    { id: 'r', usage: 'x' },
  ]
  const stateOf = (message: unknown, step: unknown, run: unknown) =>
    [
      { event: 'thread.message.created', data: message },
      { event: 'thread.run.step.created', data: step },
      { event: 'thread.run.created', data: run },
    ].reduce((state, event) => reduceRun(state, event as RunStreamEvent), initialRunState)

  it('never throw, whatever shape the stored objects have', () => {
    for (const message of messages)
      for (const step of steps)
        for (const run of runs) {
          const state = stateOf(message, step, run)
          for (const [name, select] of Object.entries(selectors)) {
            const call = () =>
              name === 'selectMessageText'
                ? selectMessages(state).map((m) => selectMessageText(m))
                : (select as (state: RunState) => unknown)(state)
            expect(call, `${name} ${JSON.stringify([message, step, run])}`).not.toThrow()
          }
        }
  })

  it('read what they can and fall back to strings the UI can show', () => {
    const state = stateOf(messages[2], steps[0], runs[3])
    expect(selectMessageText(selectMessages(state)[0]!)).toBe('kept')
    expect(selectError(state)).toEqual({ code: 'run_error', message: 'The run failed.' })
    expect(selectError(stateOf(messages[0], steps[0], runs[2]))).toBeNull()
  })

  it('required tool calls: only those that can be answered, the same array on every call', () => {
    const answerable = { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }
    const withCalls = (tool_calls: unknown[]) =>
      stateOf(messages[0], steps[0], {
        id: 'r',
        status: 'requires_action',
        required_action: { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls } },
      })
    const mixed = withCalls([null, {}, { id: 'call_0', type: 'function' }, answerable])
    expect(selectRequiredToolCalls(mixed)).toEqual([answerable])
    expect(selectRequiredToolCalls(mixed)).toBe(selectRequiredToolCalls(mixed))
    const clean = withCalls([answerable])
    expect(selectRequiredToolCalls(clean)).toBe(clean.run?.required_action?.submit_tool_outputs.tool_calls)
    expect(selectRequiredToolCalls(withCalls([null]))).toBe(selectRequiredToolCalls(initialRunState))
  })
})
