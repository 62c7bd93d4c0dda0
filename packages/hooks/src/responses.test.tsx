// The tool-output and approval forms' hooks on the Responses wire, in React, against the simulator's
// real Responses face: the same mutations as on the Assistants wire, answered by the next response.
import { selectRequiredApprovals, selectRequiredToolCalls, selectResponses } from '@runline/core'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBackend, createWrapper } from './test-utils/sim.js'
import { useRunStream } from './use-run-stream.js'
import { useSubmitToolApprovals } from './use-submit-tool-approvals.js'
import { useSubmitToolOutputs } from './use-submit-tool-outputs.js'

afterEach(cleanup)

const creates = (backend: ReturnType<typeof createTestBackend>) =>
  backend.requests.filter((r) => r.method === 'POST' && r.path === '/responses').map((r) => r.body as any)

describe('the forms’ hooks on the Responses wire', () => {
  it('useSubmitToolOutputs refuses a missing output, sends one response for a double click', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    const { result } = renderHook(
      () => {
        const run = useRunStream({ wire: 'responses', model: 'runline-sim' })
        return { run, submit: useSubmitToolOutputs(run) }
      },
      { wrapper: Wrapper },
    )
    await act(async () => {
      await result.current.run.start({ message: 'What is the weather in Paris and in Tokyo?' })
    })
    expect(result.current.run.status).toBe('requires_action')
    const calls = selectRequiredToolCalls(result.current.run.state)
    expect(calls).toHaveLength(2)

    await act(async () => {
      await result.current.submit
        .mutateAsync([{ tool_call_id: calls[0]!.id, output: 'Sunny' }])
        .catch(() => {})
    })
    await waitFor(() => expect(result.current.submit.error?.code).toBe('missing_tool_outputs'))
    expect(creates(backend)).toHaveLength(1)

    const outputs = calls.map((call) => ({ tool_call_id: call.id, output: 'Sunny' }))
    await act(async () => {
      result.current.submit.mutate(outputs)
      result.current.submit.mutate(outputs)
    })
    await waitFor(() => expect(result.current.run.status).toBe('completed'))
    await waitFor(() => expect(result.current.submit.isSuccess).toBe(true))
    expect(creates(backend)).toHaveLength(2)
    expect(creates(backend)[1].input).toEqual(
      calls.map((call) => ({ type: 'function_call_output', call_id: call.id, output: 'Sunny' })),
    )
    // A late click after the turn moved on sends nothing and shows no error.
    await act(async () => {
      await result.current.submit.mutateAsync(outputs)
    })
    expect(creates(backend)).toHaveLength(2)
    expect(result.current.run.error).toBeNull()
  })

  it('useSubmitToolApprovals answers an MCP approval request with mcp_approval_response', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    const { result } = renderHook(
      () => {
        const run = useRunStream({ wire: 'responses', model: 'runline-sim' })
        return { run, submit: useSubmitToolApprovals(run) }
      },
      { wrapper: Wrapper },
    )
    await act(async () => {
      await result.current.run.start({ message: 'Use the mcp docs tool' })
    })
    expect(result.current.run.status).toBe('requires_action')
    const [call] = selectRequiredApprovals(result.current.run.state)
    const approvals = [{ tool_call_id: call!.id, approve: true }]
    await act(async () => {
      await Promise.all([
        result.current.submit.mutateAsync(approvals),
        result.current.submit.mutateAsync(approvals),
      ])
    })
    await waitFor(() => expect(result.current.run.status).toBe('completed'))
    expect(creates(backend)).toHaveLength(2)
    expect(creates(backend)[1].input).toEqual([
      { type: 'mcp_approval_response', approval_request_id: call!.id, approve: true },
    ])
    expect(
      selectResponses(result.current.run.state)[1]!.output.some((item) => item.type === 'mcp_call'),
    ).toBe(true)
  })

  it('cancel on a turn waiting for the form ends it: status cancelled, onRunDone once', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    const done: string[] = []
    const { result } = renderHook(
      () =>
        useRunStream({ wire: 'responses', model: 'runline-sim', onRunDone: (run) => done.push(run.status) }),
      { wrapper: Wrapper },
    )
    await act(async () => {
      await result.current.start({ message: 'What is the weather in Paris?' })
    })
    expect(result.current.status).toBe('requires_action')
    await act(async () => {
      await result.current.cancel()
    })
    expect(result.current.status).toBe('cancelled')
    expect(done).toEqual(['cancelled'])
  })
})
