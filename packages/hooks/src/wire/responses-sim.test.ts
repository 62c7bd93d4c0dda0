// The Responses wire's parity with the Assistants wire, through the simulator's real Responses face
// (its fetch handler): client tool handlers, the tool-output form, approvals, double submits, callbacks,
// how a turn ends, cancel (in flight and while the turn waits for the client).
import {
  isRunlineError,
  type RunState,
  selectRequiredApprovals,
  selectRequiredToolCalls,
  selectResponses,
  selectStatus,
} from '@runline/core'
import { describe, expect, it } from 'vitest'
import {
  responsesOnSim as controllerOn,
  RESPONSES_KEY as KEY,
  untilText,
  WEATHER,
} from '../test-utils/responses-sim.js'
import { memoryStorage } from '../test-utils/sim.js'

/** The turn's function outputs by call id, from the input items its responses were begun with. */
function functionOutputsOf(state: RunState): Record<string, unknown> {
  const outputs: Record<string, unknown> = {}
  for (const rs of state.responses ?? []) {
    for (const item of rs.input ?? []) {
      if (item.type === 'function_call_output') outputs[String(item.call_id)] = item.output
    }
  }
  return outputs
}

describe('the Responses wire on the simulator: answers', () => {
  it('client tool handlers answer every function call; the next response carries function_call_output', async () => {
    const seen: string[] = []
    const { controller, ends, creates } = controllerOn({
      tools: {
        get_weather: ({ location }: { location: string }) => {
          seen.push(location)
          return `Sunny in ${location}`
        },
      },
    })
    const state = await controller.start({ message: WEATHER })
    expect(selectStatus(state)).toBe('completed')
    expect(seen).toEqual(['Paris', 'Tokyo'])
    const [first, second] = selectResponses(state)
    const calls = first!.output.filter((item) => item.type === 'function_call')
    expect(creates()).toHaveLength(2)
    expect(creates()[1].input).toEqual(
      calls.map((call) => ({
        type: 'function_call_output',
        call_id: (call as { call_id: string }).call_id,
        output: `Sunny in ${JSON.parse((call as { arguments: string }).arguments).location}`,
      })),
    )
    expect(second!.output_text).toContain('Sunny in Tokyo')
    // The API never echoes them: the store learned what was sent (the function cards show it).
    expect(functionOutputsOf(state)).toEqual(
      Object.fromEntries(
        calls.map((call) => {
          const { call_id, arguments: args } = call as { call_id: string; arguments: string }
          return [call_id, `Sunny in ${JSON.parse(args).location}`]
        }),
      ),
    )
    expect(state.pendingInput).toBeNull()
    expect(ends.done.map((run) => run.status)).toEqual(['completed'])
    expect(ends.completed).toHaveLength(1)
    expect(ends.end).toHaveLength(1)
  })

  it('the tool-output form: a missing output is refused; a double submit sends once; a late click sends nothing', async () => {
    const { controller, ends, creates } = controllerOn()
    const waiting = await controller.start({ message: WEATHER })
    expect(selectStatus(waiting)).toBe('requires_action')
    const calls = selectRequiredToolCalls(waiting)
    expect(calls.map((call) => call.function.name)).toEqual(['get_weather', 'get_weather'])

    const missing = await controller
      .submitToolOutputsOrThrow([{ tool_call_id: calls[0]!.id, output: 'Sunny' }])
      .catch((error: unknown) => error)
    expect(isRunlineError(missing) && missing.code).toBe('missing_tool_outputs')
    expect(creates()).toHaveLength(1)

    const outputs = calls.map((call) => ({ tool_call_id: call.id, output: 'Rain' }))
    const [a, b] = await Promise.all([
      controller.submitToolOutputsOrThrow(outputs),
      controller.submitToolOutputsOrThrow(outputs),
    ])
    expect(a).toBe(b)
    expect(selectStatus(a)).toBe('completed')
    expect(creates()).toHaveLength(2)
    expect(functionOutputsOf(a)).toEqual({ [calls[0]!.id]: 'Rain', [calls[1]!.id]: 'Rain' })
    // The turn moved on to its next response: a late click is the same answer, nothing sent, no error.
    expect(await controller.submitToolOutputsOrThrow(outputs)).toBe(a)
    expect(creates()).toHaveLength(2)
    expect(controller.getState().error).toBeNull()
    expect(ends.done.map((run) => run.status)).toEqual(['completed'])
  })

  it('the approve rule answers an MCP approval request with mcp_approval_response', async () => {
    const asked: string[] = []
    const { controller, ends, creates } = controllerOn({
      approve: (call) => {
        asked.push(`${call.server_label}/${call.name}`)
        return true
      },
    })
    const state = await controller.start({ message: 'Use the mcp docs tool' })
    expect(selectStatus(state)).toBe('completed')
    expect(asked).toEqual(['runline_docs/search_docs'])
    const request = selectResponses(state)[0]!.output.find((item) => item.type === 'mcp_approval_request')!
    expect(creates()[1].input).toEqual([
      { type: 'mcp_approval_response', approval_request_id: request.id, approve: true },
    ])
    expect(selectResponses(state)[1]!.output.some((item) => item.type === 'mcp_call')).toBe(true)
    expect(state.responses![1]!.input).toEqual(creates()[1].input)
    expect(ends.done).toHaveLength(1)
  })

  it('approvals from the UI: a double submit sends once, a denial is answered in text', async () => {
    const { controller, creates } = controllerOn()
    const waiting = await controller.start({ message: 'Use the mcp docs tool' })
    expect(selectStatus(waiting)).toBe('requires_action')
    const [call] = selectRequiredApprovals(waiting)
    expect(call).toMatchObject({ type: 'mcp', name: 'search_docs', server_label: 'runline_docs' })
    const approvals = [{ tool_call_id: call!.id, approve: false }]
    const [a, b] = await Promise.all([
      controller.submitToolApprovalsOrThrow(approvals),
      controller.submitToolApprovalsOrThrow(approvals),
    ])
    expect(a).toBe(b)
    expect(creates()).toHaveLength(2)
    expect(selectStatus(a)).toBe('completed')
    expect(selectResponses(a)[1]!.output_text).toContain('did not run')
  })
})

describe('the Responses wire on the simulator: callbacks', () => {
  it('messages, text and tool calls are reported as on the Assistants wire', async () => {
    const seen: string[] = []
    const args = new Map<string, string>()
    let text = ''
    const { controller } = controllerOn({
      tools: { get_weather: () => 'Sunny' },
      onRunStepCreated: (step) => seen.push(`step ${step.type}`),
      onToolCallCreated: (call) => seen.push(`call ${call.type}`),
      onToolCallDelta: (delta, call) => {
        if (delta.type === 'function')
          args.set(call.id, (args.get(call.id) ?? '') + delta.function?.arguments)
      },
      onToolCallDone: (call) =>
        seen.push(`done ${call.type === 'function' ? call.function.name : call.type}`),
      onRunRequiresAction: (run) =>
        seen.push(`requires ${run.required_action?.submit_tool_outputs.tool_calls.length}`),
      onMessageCreated: (message) => seen.push(`message ${message.role}`),
      onTextDelta: (delta) => (text += delta.value),
      onMessageDone: (message) => seen.push(`message done ${message.status}`),
    })
    const state = await controller.start({ message: WEATHER })
    expect(seen).toEqual([
      'step tool_calls',
      'call function',
      'done get_weather',
      'step tool_calls',
      'call function',
      'done get_weather',
      'requires 2',
      'step message_creation',
      'message assistant',
      'message done completed',
    ])
    const calls = selectResponses(state)[0]!.output as { call_id: string; arguments: string }[]
    expect(Object.fromEntries(args)).toEqual(Object.fromEntries(calls.map((c) => [c.call_id, c.arguments])))
    expect(text).toBe(selectResponses(state)[1]!.output_text)
  })
})

describe('the Responses wire on the simulator: endings', () => {
  it.each([
    ['This will fail', 'failed'],
    ['Give an incomplete answer', 'incomplete'],
  ])('%s: the turn ends %s, end callbacks once', async (message, status) => {
    const errors: string[] = []
    const { controller, ends } = controllerOn({ onError: (error) => errors.push(error.code ?? '') })
    const state = await controller.start({ message })
    expect(selectStatus(state)).toBe(status)
    expect(ends.done.map((run) => run.status)).toEqual([status])
    expect(ends.end).toHaveLength(1)
    expect(ends.completed).toEqual([])
    expect(errors).toEqual(status === 'failed' ? ['server_error'] : [])
  })
})

describe('the Responses wire on the simulator: cancel', () => {
  it('a turn waiting for tool outputs ends cancelled, end callbacks once, nothing left to answer', async () => {
    const storage = memoryStorage()
    const { controller, ends, sim } = controllerOn({ resume: { storage } })
    await controller.start({ message: WEATHER })
    expect(storage.getItem(KEY)).not.toBeNull()
    const state = await controller.cancel()
    expect(selectStatus(state)).toBe('cancelled')
    expect(selectRequiredToolCalls(state)).toEqual([])
    expect(ends.done.map((run) => run.status)).toEqual(['cancelled'])
    expect(ends.end.map((run) => run.status)).toEqual(['cancelled'])
    expect(ends.completed).toEqual([])
    expect(storage.getItem(KEY)).toBeNull()
    // Nothing was in flight, so there was nothing to cancel server-side.
    expect(sim.count('POST', /\/cancel$/)).toBe(0)
    // The form refuses afterwards, sending nothing.
    const refused = await controller
      .submitToolOutputsOrThrow([{ tool_call_id: 'x', output: 'y' }])
      .catch((error: unknown) => error)
    expect(isRunlineError(refused) && refused.code).toBe('no_required_action')
    expect(await controller.cancel()).toBe(controller.getState())
    expect(ends.done).toHaveLength(1)
  })

  it('a turn waiting for approvals ends cancelled', async () => {
    const { controller, ends } = controllerOn()
    await controller.start({ message: 'Use the mcp docs tool' })
    const state = await controller.cancel()
    expect(selectStatus(state)).toBe('cancelled')
    expect(selectRequiredApprovals(state)).toEqual([])
    expect(ends.done.map((run) => run.status)).toEqual(['cancelled'])
  })

  it('whenActive: cancel ends a waiting turn (once) before the next turn starts', async () => {
    const { controller, ends, creates } = controllerOn({ whenActive: 'cancel' })
    await controller.start({ message: WEATHER })
    const next = await controller.start({ message: 'hello there' })
    expect(selectStatus(next)).toBe('completed')
    expect(ends.done.map((run) => run.status)).toEqual(['cancelled', 'completed'])
    expect(creates().map((body) => body.input[0].content)).toEqual([WEATHER, 'hello there'])
  })

  it('whenActive: wait (the default): the next turn waits for the waiting turn to be answered', async () => {
    const { controller, ends, creates, sim } = controllerOn()
    const first = await controller.start({ message: WEATHER })
    expect(selectStatus(first)).toBe('requires_action')
    const next = controller.start({ message: 'hello there' })
    // The wire's own wait asks the server (the response is completed there) and ends at once; the
    // next turn must still not begin while this one waits for its outputs.
    const id = selectResponses(first)[0]!.id
    for (let i = 0; i < 400 && sim.count('GET', new RegExp(`^/responses/${id}$`)) === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(sim.count('GET', new RegExp(`^/responses/${id}$`))).toBeGreaterThan(0)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(creates()).toHaveLength(1)
    expect(selectStatus(controller.getState())).toBe('requires_action')
    const calls = selectRequiredToolCalls(controller.getState())
    const answered = await controller.submitToolOutputs(
      calls.map((call) => ({ tool_call_id: call.id, output: 'Sunny' })),
    )
    expect(selectStatus(answered)).toBe('completed')
    expect(selectStatus(await next)).toBe('completed')
    // The turn ended (once, completed) before the next one began: no turn was reset unanswered.
    expect(ends.done.map((run) => run.status)).toEqual(['completed', 'completed'])
    const inputs = creates().map((body) => (body.input[0].type ?? 'message') as string)
    expect(inputs).toEqual(['message', 'function_call_output', 'message'])
  })

  it('a background response in flight: the stream is aborted and POST /responses/{id}/cancel sent', async () => {
    const { controller, ends, sim } = controllerOn({}, { delayMs: 20 })
    const started = controller.start({ message: 'Tell me something long' })
    await untilText(controller)
    const state = await controller.cancel()
    expect(selectStatus(state)).toBe('cancelled')
    expect(selectStatus(await started)).toBe('cancelled')
    const id = selectResponses(state)[0]!.id
    expect(sim.count('POST', new RegExp(`^/responses/${id}/cancel$`))).toBe(1)
    const stream = sim.requests.find((r) => r.method === 'POST' && r.path === '/responses')!
    expect(stream.signal?.aborted).toBe(true)
    expect(ends.done.map((run) => run.status)).toEqual(['cancelled'])
    expect(ends.end).toHaveLength(1)
  }, 20_000)
})
