/**
 * Microsoft's own client, `@azure/ai-agents` 1.1.0, drives the Foundry face over TLS (its bearer
 * policy refuses plain http): agents, threads, messages, streamed runs, tool outputs, MCP approvals,
 * steps and the thread list. Every event and object must be one the SDK can deserialize.
 */
import type { AgentsClient } from '@azure/ai-agents'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimulator } from './index.js'
import {
  APPROVALS_HEADER,
  collect,
  eventProblems,
  messageProblems,
  type SdkEvent,
  type SdkSetup,
  sdkClient,
  stepProblems,
} from './test-utils/azure-sdk.js'

const AGENT = 'asst_runline_demo'
const sim = createSimulator({ delayMs: 0 })
let setup: SdkSetup
let client: AgentsClient

beforeAll(async () => {
  setup = await sdkClient(sim)
  client = setup.client
})
afterAll(() => setup?.front.close())

/** A new thread with one user message, and the SDK's stream of a run on it (what it misread goes to `problems`). */
async function streamRun(
  text: string,
  problems: string[],
): Promise<{ threadId: string; events: SdkEvent[] }> {
  const thread = await client.threads.create()
  await client.messages.create(thread.id, 'user', text)
  const events = await collect(await client.runs.create(thread.id, AGENT).stream())
  problems.push(...eventProblems(events, text))
  return { threadId: thread.id, events }
}

const last = (events: SdkEvent[], event: string) => events.filter((e) => e.event === event).at(-1)?.data

describe('@azure/ai-agents 1.1.0 against the Foundry face', () => {
  it('authenticates with a bearer for https://ai.azure.com/.default and reads the agents', async () => {
    const agent = await client.getAgent(AGENT)
    expect(agent.tools.map((tool) => tool.type)).toContain('mcp')
    expect(setup.scopes).toContain('https://ai.azure.com/.default')
    const agents = []
    for await (const listed of client.listAgents()) agents.push(listed.id)
    expect(agents).toEqual(['asst_runline_researcher', AGENT])
    await expect(client.getAgent('asst_missing')).rejects.toMatchObject({ statusCode: 404 })
    const wrong = await sdkClient(sim, 'not-the-token')
    await expect(wrong.client.getAgent(AGENT)).rejects.toMatchObject({ statusCode: 401 })
    await wrong.front.close()
  })

  it('streams every scenario with events the SDK reads', async () => {
    const problems: string[] = []
    const outcomes: Record<string, string> = {}
    for (const prompt of [
      'hello',
      'plot 3, 1, 4',
      'search the docs and send me a file',
      'what does bing say',
      'search the index',
      'call the openapi tool',
      'delegate to the connected agent',
      'bing custom search for streaming',
      'search sharepoint for the release process',
      'ask the fabric data agent for runs by status',
      'ask the azure function for the release notes',
      'deep research on streaming interfaces',
      'use the browser to read the status page',
      'hit the guardrail',
      'fail please',
      'an incomplete answer',
    ]) {
      const { events } = await streamRun(prompt, problems)
      expect(events.at(-1)?.event, prompt).toBe('done')
      outcomes[prompt] = events.at(-2)?.event ?? ''
    }
    expect(outcomes).toMatchObject({
      hello: 'thread.run.completed',
      'hit the guardrail': 'thread.run.incomplete',
      'fail please': 'thread.run.failed',
    })
    expect(problems).toEqual([])
  })

  it('reads url_citation annotations, whose deltas carry no text value', async () => {
    const problems: string[] = []
    const { events } = await streamRun('what does bing say about streaming', problems)
    expect(problems).toEqual([])
    const deltas = events
      .filter((e) => e.event === 'thread.message.delta')
      .map((e) => e.data.delta.content[0])
    const citing = deltas.filter((part) => part.text?.annotations?.length)
    expect(citing).toHaveLength(2)
    expect(citing.every((part) => part.text.value === undefined)).toBe(true)
    expect(citing[0].text.annotations[0].urlCitation.url).toMatch(/^https:\/\//)
    const message = last(events, 'thread.message.completed')
    const [annotation] = message.content[0].text.annotations
    expect(annotation).toMatchObject({ type: 'url_citation', text: expect.stringMatching(/^【/) })
    expect(annotation.urlCitation.title).toBeTypeOf('string')
  })

  it('submits function outputs on the stream the SDK opens', async () => {
    const problems: string[] = []
    const { threadId, events } = await streamRun('weather in Paris and in Tokyo', problems)
    const run = last(events, 'thread.run.requires_action')
    const calls = run.requiredAction.submitToolOutputs.toolCalls
    expect(calls.map((call: any) => call.function.name)).toEqual(['get_weather', 'get_weather'])
    const outputs = calls.map((call: any) => ({ toolCallId: call.id, output: '{"temperature":21}' }))
    const rest = await collect(await client.runs.submitToolOutputs(threadId, run.id, outputs).stream())
    problems.push(...eventProblems(rest, 'weather (continued)'))
    expect(rest.at(-2)?.event).toBe('thread.run.completed')
    expect(problems).toEqual([])
  })

  it('approves one MCP call and denies the other through tool_approvals', async () => {
    const problems: string[] = []
    const { threadId, events } = await streamRun('approve the mcp docs search', problems)
    const paused = last(events, 'thread.run.requires_action')
    // 1.1.0 knows submit_tool_outputs only: it keeps the action's type and drops its tool calls.
    expect(paused.requiredAction).toEqual({ type: 'submit_tool_approval' })
    let raw: any
    await client.runs.get(threadId, paused.id, { onResponse: (response) => (raw = response.parsedBody) })
    const calls = raw.required_action.submit_tool_approval.tool_calls
    const approvals = calls.map((call: any, index: number) => ({
      tool_call_id: call.id,
      approve: index === 0,
    }))
    const requestOptions = { headers: { [APPROVALS_HEADER]: JSON.stringify(approvals) } }
    const rest = await collect(
      await client.runs.submitToolOutputs(threadId, paused.id, [], { requestOptions }).stream(),
    )
    problems.push(...eventProblems(rest, 'mcp (continued)'))
    expect(rest.at(-2)?.event).toBe('thread.run.completed')

    const steps = []
    for await (const step of client.runSteps.list(threadId, paused.id, { order: 'asc' })) steps.push(step)
    expect(steps.map((step) => step.type)).toEqual(['activities', 'tool_calls', 'message_creation'])
    for (const step of steps) problems.push(...stepProblems(step, `step ${step.id}`))
    const toolStep = steps[1]!
    let rawStep: any
    const typed = await client.runSteps.get(threadId, paused.id, toolStep.id, {
      onResponse: (response) => (rawStep = response.parsedBody),
    })
    expect(typed.stepDetails.type).toBe('tool_calls')
    const [approved, denied] = rawStep.step_details.tool_calls
    expect(approved.output.length).toBeGreaterThan(0)
    expect(denied).not.toHaveProperty('output')
    expect(problems).toEqual([])
  })

  it('reads every Azure tool call of the all-tools run, approved, as a tool call with its type', async () => {
    const problems: string[] = []
    const { threadId, events } = await streamRun('use all the tools', problems)
    const paused = last(events, 'thread.run.requires_action')
    let raw: any
    await client.runs.get(threadId, paused.id, { onResponse: (response) => (raw = response.parsedBody) })
    const approvals = raw.required_action.submit_tool_approval.tool_calls.map((call: any) => ({
      tool_call_id: call.id,
      approve: true,
    }))
    const requestOptions = { headers: { [APPROVALS_HEADER]: JSON.stringify(approvals) } }
    const rest = await collect(
      await client.runs.submitToolOutputs(threadId, paused.id, [], { requestOptions }).stream(),
    )
    problems.push(...eventProblems(rest, 'all tools (continued)'))
    expect(rest.at(-2)?.event).toBe('thread.run.completed')
    const types: string[] = []
    for await (const step of client.runSteps.list(threadId, paused.id, { order: 'asc' })) {
      problems.push(...stepProblems(step, `step ${step.id}`))
      if (step.stepDetails.type === 'tool_calls')
        types.push(...(step.stepDetails as any).toolCalls.map((call: any) => call.type))
    }
    expect(new Set(types)).toEqual(
      new Set([
        'mcp',
        'bing_grounding',
        'bing_custom_search',
        'azure_ai_search',
        'sharepoint_grounding',
        'fabric_dataagent',
        'azure_function',
        'openapi',
        'connected_agent',
        'deep_research',
        'browser_automation',
      ]),
    )
    expect(problems).toEqual([])
  })

  it('lists messages, runs and threads (newest first, with cursors), and polls a run', async () => {
    const problems: string[] = []
    const { threadId } = await streamRun('search the docs', problems)
    for await (const message of client.messages.list(threadId))
      problems.push(...messageProblems(message, message.id))
    const runs = []
    for await (const run of client.runs.list(threadId)) runs.push(run.status)
    expect(runs).toEqual(['completed'])
    const thread = await client.threads.create()
    await client.messages.create(thread.id, 'user', 'hello')
    const polled = await client.runs.createAndPoll(thread.id, AGENT, { pollingOptions: { intervalInMs: 5 } })
    expect(polled.status).toBe('completed')

    const page = await client.threads.list({ limit: 2 }).byPage().next()
    const [newest, second] = page.value ?? []
    expect(newest?.id).toBe(thread.id)
    expect(second?.id).toBe(threadId)
    const after = await client.threads.list({ limit: 1, after: second?.id }).byPage().next()
    expect(after.value?.[0]?.id).not.toBe(second?.id)
    expect(problems).toEqual([])
  })
})
