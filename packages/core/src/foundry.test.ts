// Foundry classic agents on the Assistants reducer: made-up but spec-shaped events (Azure.AI.Agents
// TypeSpec) read by the real parser under any chunking and folded by the real reducer.
import { describe, expect, it } from 'vitest'
import { createRunCallbacks, reduceRun } from './all-wires.js'
import { selectHandledApprovals, selectRequiredApprovals } from './approvals.js'
import type { AnyToolCall } from './foundry-types.js'
import { parseRunStream } from './parse.js'
import { initialRunState } from './reduce.js'
import {
  selectIncompleteReason,
  selectMessages,
  selectRequiredToolCalls,
  selectRunSteps,
  selectStatus,
  selectTimeline,
  selectUsage,
} from './selectors.js'
import { selectStepToolCalls } from './step-tool-calls.js'
import {
  APPROVAL_CALLS,
  approvalContinuationEvents,
  approvalRequestEvents,
  DOCS_TOOLS_ACTIVITY,
  messageEvents,
  runEvent,
  SAMPLE_CALLS,
  stepDelta,
  toolCallStepEvents,
  toSse,
  urlCitation,
} from './test-utils/foundry.js'
import { chunkBytes, streamOf, utf8 } from './test-utils/recordings.js'
import type { AssistantStreamEvent, RunState, RunStreamEvent } from './types.js'

const fold = (events: readonly RunStreamEvent[], from: RunState = initialRunState) =>
  events.reduce(reduceRun, from)

/** Every state along the SSE text of `events`, read by the real parser in random chunks. */
async function statesOf(events: readonly AssistantStreamEvent[], seed = 1): Promise<RunState[]> {
  const states: RunState[] = []
  let state = initialRunState
  const chunks = chunkBytes(utf8(toSse(events)), { seed, max: 23 })
  for await (const event of parseRunStream(streamOf(chunks))) {
    state = reduceRun(state, event)
    states.push(state)
  }
  return states
}

const lastOf = async (events: readonly AssistantStreamEvent[], seed?: number) =>
  (await statesOf(events, seed)).at(-1)!

describe('Foundry tool calls are kept whole', () => {
  const calls = Object.values(SAMPLE_CALLS)
  const unknown = { id: 'call_new_1', type: 'quantum_search', quantum_search: { qubits: '7' } }

  it.each([1, 2, 3])('every Azure tool type and an unknown one, under chunking %i', async (seed) => {
    const events = [
      runEvent('in_progress'),
      ...toolCallStepEvents('step_tools', [...calls, unknown]),
      runEvent('completed'),
    ]
    const state = await lastOf(events, seed)
    expect(state.error).toBeNull()
    const step = selectRunSteps(state)[0]!
    expect(selectStepToolCalls(step)).toEqual([...calls, unknown])
    expect(selectTimeline(state)[0]!.toolCalls).toBe(selectStepToolCalls(step))
  })

  it('step deltas of type mcp place arguments by index; the timeline reads them meanwhile', async () => {
    const request = approvalRequestEvents()
    const continuation = approvalContinuationEvents(
      APPROVAL_CALLS.map((c) => ({ tool_call_id: c.id, approve: true })),
    )
    const states = await statesOf([...request, ...continuation])
    expect(states.every((s) => s.error === null)).toBe(true)
    // After the last `mcp` delta and before the step completes: the merged type reads `mcp`.
    const lastDelta = states.findLast((s) => s.steps.step_mcp?.step_details.type === ('mcp' as string))!
    const streamed = selectStepToolCalls(lastDelta.steps.step_mcp) as Array<{ arguments: string }>
    expect(streamed.map((call) => call.arguments)).toEqual(APPROVAL_CALLS.map((call) => call.arguments))
    expect(selectTimeline(lastDelta).find((item) => item.id === 'step_mcp')!.toolCalls).toBe(streamed)
    const final = states.at(-1)!
    expect(final.steps.step_mcp!.step_details.type).toBe('tool_calls')
    expect(selectStatus(final)).toBe('completed')
  })

  it('an openapi step delta is merged like a tool_calls one', () => {
    const events = [
      ...toolCallStepEvents('step_api', []).slice(0, 1),
      stepDelta('step_api', {
        type: 'openapi',
        tool_calls: [{ index: 0, id: 'call_api', type: 'openapi', openapi: {} }],
      }),
    ]
    const state = fold(events)
    expect(state.error).toBeNull()
    expect(selectStepToolCalls(state.steps.step_api)).toEqual([
      { index: 0, id: 'call_api', type: 'openapi', openapi: {} },
    ])
  })

  it('tool-call callbacks fire for mcp deltas', () => {
    const created: AnyToolCall[] = []
    const deltas: unknown[] = []
    const done: AnyToolCall[] = []
    const fire = createRunCallbacks({
      onToolCallCreated: (call) => created.push(call),
      onToolCallDelta: (delta) => deltas.push(delta),
      onToolCallDone: (call) => done.push(call),
    })
    let state = initialRunState
    const approvals = APPROVAL_CALLS.map((c) => ({ tool_call_id: c.id, approve: true }))
    for (const event of [...approvalRequestEvents(), ...approvalContinuationEvents(approvals)]) {
      state = reduceRun(state, event)
      fire(event, state)
    }
    expect(created.map((call) => call.id)).toEqual(APPROVAL_CALLS.map((call) => call.id))
    expect(deltas).toHaveLength(2)
    expect(done.map((call) => (call as { output?: string }).output)).toEqual([
      expect.stringContaining('Approvals'),
      expect.stringContaining('# Approvals'),
    ])
  })
})

describe('the activities step', () => {
  it('keeps mcp_list_tools whole; its timeline row has no tool calls', async () => {
    const state = await lastOf(approvalRequestEvents())
    const step = state.steps.step_list!
    expect(step.type as string).toBe('activities')
    expect(step.step_details).toEqual({ type: 'activities', activities: [DOCS_TOOLS_ACTIVITY] })
    expect(selectTimeline(state)[0]!.toolCalls).toEqual([])
  })
})

describe('approvals', () => {
  it('selectRequiredApprovals reads submit_tool_approval; tool outputs are not asked for', async () => {
    const state = await lastOf(approvalRequestEvents())
    expect(selectStatus(state)).toBe('requires_action')
    expect(selectRequiredApprovals(state)).toEqual(APPROVAL_CALLS)
    expect(selectRequiredApprovals(state)).toBe(selectRequiredApprovals(state))
    expect(selectRequiredToolCalls(state)).toEqual([])
  })

  it('stays the same array across events that leave the required action alone', () => {
    const waiting = fold(approvalRequestEvents())
    const later = reduceRun(waiting, { event: 'runline.disconnected' })
    expect(later).not.toBe(waiting)
    expect(selectRequiredApprovals(later)).toBe(selectRequiredApprovals(waiting))
  })

  it('skips calls without an id, stably; is empty once the run moves on', () => {
    const calls = [APPROVAL_CALLS[0], { type: 'mcp', name: 'x' }, null]
    const state = fold(approvalRequestEvents(calls as never))
    expect(selectRequiredApprovals(state)).toEqual([APPROVAL_CALLS[0]])
    expect(selectRequiredApprovals(state)).toBe(selectRequiredApprovals({ ...state }))
    expect(selectRequiredApprovals(fold([runEvent('in_progress')], state))).toEqual([])
  })

  it('a run without a required_action key at all asks for nothing', () => {
    const state = fold([runEvent('requires_action')])
    expect(state.run).not.toHaveProperty('required_action')
    expect(selectRequiredApprovals(state)).toEqual([])
    expect(selectRequiredToolCalls(state)).toEqual([])
    expect(state.error).toBeNull()
  })

  it('selectHandledApprovals is one empty object until a rule decided', () => {
    expect(selectHandledApprovals(initialRunState)).toBe(
      selectHandledApprovals(fold(approvalRequestEvents())),
    )
    expect(selectHandledApprovals(initialRunState)).toEqual({})
  })
})

describe('url_citation annotations', () => {
  it('delta annotations without text merge by index; the completed message carries the markers', async () => {
    const text = 'Runline streams runs【3:0†source】 and shows approvals【3:1†source】.'
    const annotations = [
      urlCitation(text, '【3:0†source】', 'https://runline.example.com/docs', 'Runline docs'),
      urlCitation(text, '【3:1†source】', 'https://runline.example.com/approvals'),
    ]
    const events = messageEvents('msg_cited', text, undefined, annotations)
    const states = await statesOf(events)
    expect(states.every((s) => s.error === null)).toBe(true)
    const beforeCompleted = states.findLast((s) => selectMessages(s)[0]?.status === 'in_progress')!
    const streamed = selectMessages(beforeCompleted)[0]!.content[0]
    expect(streamed).toMatchObject({ text: { value: text } })
    const streamedAnnotations = (streamed as { text: { annotations: object[] } }).text.annotations
    expect(streamedAnnotations).toHaveLength(2)
    expect(streamedAnnotations[0]).not.toHaveProperty('text')
    const final = selectMessages(states.at(-1)!)[0]!.content[0]
    expect(final).toEqual({ type: 'text', text: { value: text, annotations } })
  })
})

describe('usage and ends', () => {
  it('steps without usage: the run total stands; a run without usage sums its steps', () => {
    const approvals = APPROVAL_CALLS.map((c) => ({ tool_call_id: c.id, approve: false }))
    const done = fold([...approvalRequestEvents(), ...approvalContinuationEvents(approvals)])
    expect(selectRunSteps(done).every((step) => !('usage' in step))).toBe(true)
    expect(selectUsage(done)).toEqual({ prompt_tokens: 812, completion_tokens: 64, total_tokens: 876 })

    const stepUsage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }
    const withStepUsage = [...toolCallStepEvents('a', []), ...toolCallStepEvents('b', [])].map((event) =>
      event.event === 'thread.run.step.completed'
        ? { ...event, data: { ...event.data, usage: stepUsage } }
        : event,
    ) as AssistantStreamEvent[]
    const running = fold([runEvent('in_progress'), ...withStepUsage])
    expect(selectUsage(running)).toBeNull()
    const ended = fold([runEvent('completed')], running)
    expect(selectUsage(ended)).toEqual({ prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 })
    expect(selectUsage(ended)).toBe(selectUsage({ ...ended }))
  })

  it('incomplete with no details reads as unspecified (a guardrail); a token limit keeps its reason', () => {
    const guarded = fold([runEvent('in_progress'), runEvent('incomplete')])
    expect(selectStatus(guarded)).toBe('incomplete')
    expect(selectIncompleteReason(guarded)).toBe('unspecified')
    const limited = fold([runEvent('incomplete', { incomplete_details: { reason: 'max_prompt_tokens' } })])
    expect(selectIncompleteReason(limited)).toBe('max_prompt_tokens')
    expect(selectIncompleteReason(fold([runEvent('completed')]))).toBeNull()
  })
})
