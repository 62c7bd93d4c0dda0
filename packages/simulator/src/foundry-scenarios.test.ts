// The Foundry-only scenarios, end to end on the Foundry face: MCP approval (approve, deny, never),
// Bing and Azure AI Search with url_citations, OpenAPI, a connected agent, a guardrail.
import { describe, expect, it } from 'vitest'
import { createSimulator, foundryScenarioFor } from './index.js'
import {
  allOf,
  approveStream,
  dataOf,
  foundryCall,
  foundryJson,
  foundryStream,
} from './test-utils/foundry.js'

const newSim = () => createSimulator({ delayMs: 0, now: () => 1_767_261_600_000 })
const events = (frames: { event: string }[]) => frames.map((frame) => frame.event)

describe('foundryScenarioFor', () => {
  it('knows the Foundry words, after the outcomes and before the tools', () => {
    expect(foundryScenarioFor('approve the MCP call')).toBe('mcp')
    expect(foundryScenarioFor('what does bing say')).toBe('bing')
    expect(foundryScenarioFor('search the web')).toBe('bing')
    expect(foundryScenarioFor('search the index')).toBe('azure_ai_search')
    expect(foundryScenarioFor('call the openapi tool')).toBe('openapi')
    expect(foundryScenarioFor('delegate to the researcher')).toBe('connected_agent')
    expect(foundryScenarioFor('hit the guardrail')).toBe('guardrail')
    expect(foundryScenarioFor('fail the mcp call')).toBe('fail')
    expect(foundryScenarioFor('weather in Paris')).toBe('weather')
    expect(foundryScenarioFor('hello')).toBe('default')
  })
})

describe('MCP approval', () => {
  it('lists the tools, asks to approve both calls, runs the approved one, skips the denied one', async () => {
    const sim = newSim()
    const frames = await foundryStream(sim, 'approve an MCP search for streaming')
    expect(events(frames).slice(-2)).toEqual(['thread.run.requires_action', 'done'])
    const steps = allOf(frames, 'thread.run.step.created')
    expect(steps.map((s) => s.type)).toEqual(['activities', 'tool_calls'])
    const activity = steps[0].step_details.activities[0]
    expect(activity).toMatchObject({ type: 'mcp_list_tools', server_label: 'runline_docs' })
    expect(Object.keys(activity.tools)).toEqual(['search_docs', 'fetch_page'])
    const listed = allOf(frames, 'thread.run.step.completed')[0]
    expect(listed).not.toHaveProperty('usage')

    const deltas = allOf(frames, 'thread.run.step.delta').map((d) => d.delta.step_details)
    expect(new Set(deltas.map((d) => d.type))).toEqual(new Set(['mcp']))
    const run = dataOf(frames, 'thread.run.requires_action')
    expect(run.required_action.type).toBe('submit_tool_approval')
    const calls = run.required_action.submit_tool_approval.tool_calls
    expect(calls.map((c: any) => [c.type, c.name, c.server_label])).toEqual([
      ['mcp', 'search_docs', 'runline_docs'],
      ['mcp', 'fetch_page', 'runline_docs'],
    ])
    for (const [index, call] of calls.entries()) {
      const streamed = deltas
        .flatMap((d) => d.tool_calls)
        .filter((c: any) => c.index === index)
        .map((c: any) => c.arguments)
        .join('')
      expect(streamed).toBe(call.arguments)
      expect(JSON.parse(call.arguments)).toBeTypeOf('object')
    }

    const rest = await approveStream(sim, run, (_call, index) => index === 0)
    expect(events(rest).slice(0, 3)).toEqual([
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.step.completed',
    ])
    expect(events(rest).slice(-2)).toEqual(['thread.run.completed', 'done'])
    const done = dataOf(rest, 'thread.run.step.completed').step_details.tool_calls
    expect(done[0].output.length).toBeGreaterThan(0)
    expect(done[1]).not.toHaveProperty('output')
    const reply = dataOf(rest, 'thread.message.completed').content[0].text.value
    expect(reply).toContain('`fetch_page` was not approved')

    // The stored step says the same.
    const listedSteps = await foundryJson(
      sim,
      'GET',
      `/threads/${run.thread_id}/runs/${run.id}/steps?order=asc`,
    )
    const stored = listedSteps.data[1].step_details.tool_calls
    expect(stored[0].output).toBe(done[0].output)
    expect(stored[1]).not.toHaveProperty('output')
  })

  it('a run whose calls are all denied answers without them and completes', async () => {
    const sim = newSim()
    const run = dataOf(await foundryStream(sim, 'mcp please'), 'thread.run.requires_action')
    const rest = await approveStream(sim, run, () => false)
    const calls = dataOf(rest, 'thread.run.step.completed').step_details.tool_calls
    expect(calls.every((call: any) => !('output' in call))).toBe(true)
    expect(dataOf(rest, 'thread.run.completed').status).toBe('completed')
    expect(dataOf(rest, 'thread.message.completed').content[0].text.value).toContain('did not reach')
  })

  it("runs without asking when the run's tool_resources say never", async () => {
    const sim = newSim()
    const frames = await foundryStream(sim, 'mcp search', {
      tool_resources: {
        mcp: [{ server_label: 'runline_docs', require_approval: 'never', headers: { 'x-k': 'v' } }],
      },
    })
    expect(events(frames)).not.toContain('thread.run.requires_action')
    const calls = allOf(frames, 'thread.run.step.completed')[1].step_details.tool_calls
    expect(calls.every((call: any) => call.output.length > 0)).toBe(true)
    // Only the listed tools ask when the policy names them.
    const some = await foundryStream(sim, 'mcp search', {
      tool_resources: {
        mcp: [{ server_label: 'runline_docs', require_approval: { always: ['fetch_page'] } }],
      },
    })
    const asked = dataOf(some, 'thread.run.requires_action').required_action.submit_tool_approval.tool_calls
    expect(asked.map((call: any) => call.name)).toEqual(['fetch_page'])
  })

  it('refuses tool outputs, incomplete approvals and bad policies with 400s that change nothing', async () => {
    const sim = newSim()
    const run = dataOf(await foundryStream(sim, 'mcp'), 'thread.run.requires_action')
    const path = `/threads/${run.thread_id}/runs/${run.id}/submit_tool_outputs`
    const [first] = run.required_action.submit_tool_approval.tool_calls
    const outputs = await foundryCall(sim, 'POST', path, {
      tool_outputs: [{ tool_call_id: first.id, output: 'x' }],
    })
    expect(outputs.status).toBe(400)
    expect((await outputs.json()).error.message).toContain('waits for tool_approvals')
    const partial = await foundryCall(sim, 'POST', path, {
      tool_approvals: [{ tool_call_id: first.id, approve: true }],
    })
    expect(partial.status).toBe(400)
    expect((await partial.json()).error.message).toMatch(/^Expected tool approvals for call_ids/)
    const both = await foundryCall(sim, 'POST', path, {
      tool_outputs: [{ tool_call_id: first.id, output: 'x' }],
      tool_approvals: [{ tool_call_id: first.id, approve: true }],
    })
    expect(both.status).toBe(400)
    const badApprove = await foundryCall(sim, 'POST', path, {
      tool_approvals: [{ tool_call_id: first.id, approve: 'yes' }],
    })
    expect((await badApprove.json()).error.code).toBe('invalid_type')
    expect((await foundryJson(sim, 'GET', `/threads/${run.thread_id}/runs/${run.id}`)).status).toBe(
      'requires_action',
    )
    const badPolicy = await foundryCall(sim, 'POST', '/threads/runs', {
      assistant_id: 'asst_runline_demo',
      thread: { messages: [{ role: 'user', content: 'mcp' }] },
      tool_resources: { mcp: [{ server_label: 'runline_docs', require_approval: 'sometimes' }] },
    })
    expect(badPolicy.status).toBe(400)
    // A function run refuses approvals the same way.
    const weather = dataOf(await foundryStream(sim, 'weather in Oslo'), 'thread.run.requires_action')
    expect(weather.required_action.type).toBe('submit_tool_outputs')
    const wrong = await foundryCall(
      sim,
      'POST',
      `/threads/${weather.thread_id}/runs/${weather.id}/submit_tool_outputs`,
      {
        tool_approvals: [{ tool_call_id: 'call_x', approve: true }],
      },
    )
    expect((await wrong.json()).error.message).toContain('waits for tool_outputs')
  })
})

describe('grounded answers', () => {
  for (const [prompt, type] of [
    ['what does bing say about streaming', 'bing_grounding'],
    ['search the index for the guide', 'azure_ai_search'],
  ] as const) {
    it(`${type}: url_citations whose deltas carry neither a text value nor the marker`, async () => {
      const frames = await foundryStream(newSim(), prompt)
      const [toolStep] = allOf(frames, 'thread.run.step.completed')
      const [call] = toolStep.step_details.tool_calls
      expect(call.type).toBe(type)
      expect(Object.values(call[type]).every((value) => typeof value === 'string')).toBe(true)
      expect(toolStep).not.toHaveProperty('usage')
      const deltas = allOf(frames, 'thread.message.delta')
      expect(deltas.every((d) => Array.isArray(d.delta.content) && d.delta.role === 'assistant')).toBe(true)
      const annotationDeltas = deltas.filter((d) => d.delta.content[0].text.annotations?.length)
      expect(annotationDeltas).toHaveLength(2)
      for (const d of annotationDeltas) {
        expect(d.delta.content[0].text).not.toHaveProperty('value')
        expect(d.delta.content[0].text.annotations[0]).not.toHaveProperty('text')
        expect(d.delta.content[0].text.annotations[0].url_citation.url).toMatch(/^https:\/\//)
      }
      const text = dataOf(frames, 'thread.message.completed').content[0].text
      expect(text.annotations).toHaveLength(2)
      for (const annotation of text.annotations) {
        expect(text.value.slice(annotation.start_index, annotation.end_index)).toBe(annotation.text)
        expect(annotation.text).toMatch(/^【\d+:\d+†source】$/)
      }
      const messageStep = allOf(frames, 'thread.run.step.completed')[1]
      expect(messageStep.usage.total_tokens).toBeGreaterThan(0)
    })
  }
})

describe('other Foundry tools', () => {
  it('openapi: step deltas typed openapi, then the operation with its output', async () => {
    const frames = await foundryStream(newSim(), 'ask the openapi status tool')
    const delta = dataOf(frames, 'thread.run.step.delta').delta.step_details
    expect(delta.type).toBe('openapi')
    expect(delta.tool_calls[0]).toMatchObject({ index: 0, type: 'openapi', openapi: {} })
    const [call] = allOf(frames, 'thread.run.step.completed')[0].step_details.tool_calls
    expect(call.function.name).toBe('runline_status_getStatus')
    expect(JSON.parse(call.function.output).status).toBe('operational')
  })

  it('connected agent: streamed arguments, then its answer with its own thread and run', async () => {
    const frames = await foundryStream(newSim(), 'delegate this to the connected researcher')
    const [call] = allOf(frames, 'thread.run.step.completed')[0].step_details.tool_calls
    expect(call.connected_agent).toMatchObject({
      name: 'runline_researcher',
      assistant_id: 'asst_runline_researcher',
    })
    expect(JSON.parse(call.connected_agent.arguments).query).toContain('delegate')
    expect(call.connected_agent.thread_id).toMatch(/^thread_/)
    expect(call.connected_agent.run_id).toMatch(/^run_/)
  })

  it('guardrail: message and run end incomplete with reason content_filter', async () => {
    const frames = await foundryStream(newSim(), 'this trips the guardrail')
    expect(dataOf(frames, 'thread.message.incomplete').incomplete_details).toEqual({
      reason: 'content_filter',
    })
    const run = dataOf(frames, 'thread.run.incomplete')
    expect(run).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'content_filter' } })
    expect(events(frames).at(-1)).toBe('done')
  })

  it('the Assistants scenarios run on the Foundry face too (words it does not know stay default)', async () => {
    const sim = newSim()
    const plot = await foundryStream(sim, 'plot 3, 1, 4')
    expect(allOf(plot, 'thread.run.step.completed')[0].step_details.tool_calls[0].type).toBe(
      'code_interpreter',
    )
    const weather = dataOf(await foundryStream(sim, 'weather in Paris'), 'thread.run.requires_action')
    expect(weather.required_action.submit_tool_outputs.tool_calls).toHaveLength(1)
    const failed = await foundryStream(sim, 'fail')
    expect(dataOf(failed, 'thread.run.failed').last_error.code).toBe('server_error')
  })
})
