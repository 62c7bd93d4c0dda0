// Foundry's `tool_approvals` on submit_tool_outputs: the shape is checked before anything is forwarded.
import { describe, expect, it } from 'vitest'
import { checkBody } from './index.js'

const foundry = { assistantIds: '*' as const, allowRunOverrides: [], toolApprovals: true }
const submit = (body: unknown, policy = foundry) => checkBody('runs.submitToolOutputs', body, policy)

describe('tool_approvals', () => {
  it('accepts approvals and denials, with or without MCP headers, next to tool_outputs and stream', () => {
    const body = {
      tool_approvals: [
        {
          tool_call_id: 'call_1',
          approve: true,
          headers: { 'x-mcp-session': 'abc', Authorization: 'Bearer t' },
        },
        { tool_call_id: 'call_2', approve: false },
      ],
      tool_outputs: [],
      stream: true,
    }
    expect(submit(body)).toBeNull()
    expect(submit({ tool_approvals: [] })).toBeNull()
  })

  const invalid: Array<[unknown, string]> = [
    ['yes', 'tool_approvals'],
    [[null], 'tool_approvals[0]'],
    [[{ tool_call_id: 'call_1' }], 'tool_approvals[0].approve'],
    [[{ tool_call_id: 'call_1', approve: 'true' }], 'tool_approvals[0].approve'],
    [[{ approve: true }], 'tool_approvals[0].tool_call_id'],
    [[{ tool_call_id: '../x', approve: true }], 'tool_approvals[0].tool_call_id'],
    [[{ tool_call_id: 'call_1', approve: true, reason: 'x' }], 'tool_approvals[0].reason'],
    [[{ tool_call_id: 'call_1', approve: true, headers: ['a'] }], 'tool_approvals[0].headers'],
    [[{ tool_call_id: 'call_1', approve: true, headers: { a: 1 } }], 'tool_approvals[0].headers'],
    [[{ tool_call_id: 'call_1', approve: true, headers: { 'bad name': 'v' } }], 'tool_approvals[0].headers'],
    [
      [{ tool_call_id: 'call_1', approve: true, headers: { a: 'v\r\nx-injected: 1' } }],
      'tool_approvals[0].headers',
    ],
    [Array(129).fill({ tool_call_id: 'call_1', approve: true }), 'tool_approvals'],
  ]
  it.each(invalid)('refuses %j (param %s) with 400', (approvals, param) => {
    expect(submit({ tool_approvals: approvals })).toMatchObject({ status: 400, param })
  })

  it('is an unknown parameter without the foundry flavor', () => {
    const approvals = [{ tool_call_id: 'call_1', approve: true }]
    expect(submit({ tool_approvals: approvals }, { ...foundry, toolApprovals: false })).toMatchObject({
      status: 400,
      code: 'unknown_parameter',
      param: 'tool_approvals',
    })
  })
})
