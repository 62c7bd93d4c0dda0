// The whole Foundry path offline: Runline's own client and controller, through the proxy's `foundry`
// flavor (bearer token, api-version), to the simulator's Foundry face: MCP approvals, the thread list.
import { createRunlineClient, selectRequiredApprovals, selectStatus } from '@runline/core'
import { createRunController } from '@runline/hooks'
import { afterEach, describe, expect, it } from 'vitest'
import { loadServerConfig, type RunningServer, startServer } from './index.js'

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function foundryServer() {
  server = await startServer({
    ...loadServerConfig({ PORT: '0', RUNLINE_SIM_WIRE: 'foundry', RUNLINE_SIM_DELAY_MS: '0' }),
    staticDir: null,
    log: null,
  })
  return createRunlineClient({ baseUrl: `${server.url}/api/v1` })
}

describe('Foundry classic agents through the proxy, offline', () => {
  it('an MCP call waits for approval; approving it runs it, and the run completes', async () => {
    const client = await foundryServer()
    const controller = createRunController({ client, assistantId: 'asst_runline_demo', scheduler: 'sync' })
    const waiting = await controller.start({ message: 'Use the mcp docs tool, I will approve it' })
    expect(selectStatus(waiting)).toBe('requires_action')
    const calls = selectRequiredApprovals(waiting)
    expect(calls.length).toBeGreaterThan(0)
    const done = await controller.submitToolApprovals(
      calls.map((call) => ({ tool_call_id: call.id, approve: true })),
    )
    expect(selectStatus(done)).toBe('completed')
    expect(done.error).toBeNull()
    // Each approved call ran server-side: its step carries an output.
    const run = done.run!
    const steps = await client.steps.list(run.thread_id, run.id, { order: 'asc', limit: 100 })
    const mcpCalls = steps.data.flatMap((step) =>
      step.step_details.type === 'tool_calls'
        ? (step.step_details.tool_calls as unknown as Array<{ id: string; type: string; output?: string }>)
        : [],
    )
    for (const call of calls) {
      const ran = mcpCalls.find((candidate) => candidate.id === call.id)
      expect(ran?.output, call.id).toBeTruthy()
    }
    // The thread list is on for the Foundry face, newest first.
    const threads = await client.threads.list({ limit: 5 })
    expect(threads.data[0]?.id).toBe(run.thread_id)
  })

  it('a denied call never runs; the run still ends', async () => {
    const client = await foundryServer()
    const controller = createRunController({
      client,
      assistantId: 'asst_runline_demo',
      scheduler: 'sync',
      approve: () => false,
    })
    const state = await controller.start({ message: 'Use the mcp docs tool please' })
    expect(selectStatus(state)).toBe('completed')
    const run = state.run!
    const steps = await client.steps.list(run.thread_id, run.id, { order: 'asc', limit: 100 })
    const outputs = steps.data.flatMap((step) =>
      step.step_details.type === 'tool_calls'
        ? (step.step_details.tool_calls as unknown as Array<{ type: string; output?: string }>)
            .filter((call) => call.type === 'mcp')
            .map((call) => call.output)
        : [],
    )
    expect(outputs.length).toBeGreaterThan(0)
    expect(outputs.every((output) => !output)).toBe(true)
  })
})
