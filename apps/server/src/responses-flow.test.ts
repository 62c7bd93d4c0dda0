// The Responses wire end to end, offline: Runline's client and controller (`wire: 'responses'`) through the
// proxy (agent profile `runline-sim`) to the simulator's Responses face — a turn in a conversation, the
// weather loop answered by a client tool handler, an MCP approval answered by the approve rule.
import { createRunlineClient, selectResponses, selectStatus, selectThreadId } from '@runline/core'
import { createRunController } from '@runline/hooks'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadServerConfig, type RunningServer, startServer } from './index.js'

let server: RunningServer
beforeAll(async () => {
  server = await startServer({
    ...loadServerConfig({ PORT: '0', RUNLINE_SIM_DELAY_MS: '0' }),
    staticDir: null,
    log: null,
  })
})
afterAll(() => server.close())

const controllerWith = (options: Record<string, unknown> = {}) =>
  createRunController({
    client: createRunlineClient({ baseUrl: `${server.url}/api/v1` }),
    wire: 'responses',
    model: 'runline-sim',
    scheduler: 'sync',
    pollIntervalMs: 5,
    ...options,
  })

describe('the Responses wire through pnpm serve', () => {
  it('a turn: a conversation is created, the text streams, the turn completes once', async () => {
    const done = vi.fn()
    let text = ''
    const controller = controllerWith({
      onRunDone: done,
      onTextDelta: (d: { value?: string }) => (text += d.value ?? ''),
    })
    const state = await controller.start({ message: 'hello there' })
    expect(selectStatus(state)).toBe('completed')
    expect(selectThreadId(state)).toMatch(/^conv_/)
    expect(text.length).toBeGreaterThan(0)
    expect(text).toBe(selectResponses(state).at(-1)!.output_text)
    expect(done).toHaveBeenCalledTimes(1)
  })

  it('the weather loop: a client tool handler answers, the next response completes the turn', async () => {
    const get_weather = vi.fn(async ({ location }: { location: string }) => `Sunny in ${location}`)
    const controller = controllerWith({ tools: { get_weather } })
    const state = await controller.start({ message: 'What is the weather in Paris and in Tokyo?' })
    expect(selectStatus(state)).toBe('completed')
    expect(get_weather).toHaveBeenCalledTimes(2)
    expect(selectResponses(state).length).toBeGreaterThanOrEqual(2)
  })

  it('an MCP approval: the approve rule answers, the call runs', async () => {
    const controller = controllerWith({ approve: () => true })
    const state = await controller.start({ message: 'use the mcp docs tool' })
    expect(selectStatus(state)).toBe('completed')
    const items = selectResponses(state).flatMap((response) => response.output)
    expect(items.some((item) => item.type === 'mcp_approval_request')).toBe(true)
    expect(items.some((item) => item.type === 'mcp_call')).toBe(true)
  })
})
