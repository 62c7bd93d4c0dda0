/**
 * The Foundry face against the Azure.AI.Agents TypeSpec (no public recording of Foundry streams
 * exists): every object of every scenario carries the spec's fields and nothing else, every stream
 * keeps the event grammar; and the same seed, requests and clock give the same bytes.
 */
import { describe, expect, it } from 'vitest'
import { createSimulator, type Simulator } from './index.js'
import { approveStream, dataOf, foundryCall, foundryJson, foundryStream } from './test-utils/foundry.js'
import * as spec from './test-utils/foundry-spec.js'
import { parseSse, type SseFrame } from './test-utils/sse.js'

const NOW = () => 1_767_261_600_000
const PROMPTS = [
  'hello',
  'search the docs and send me a file',
  'plot 3, 1, 4',
  'fail please',
  'an incomplete answer',
  'expire now',
  'hit the guardrail',
  'what does bing say',
  'search the index',
  'call the openapi tool',
  'delegate to the connected agent',
  'bing custom search for streaming',
  'search sharepoint for the release process',
  'ask the fabric data agent for runs by status',
  'deep research on streaming interfaces',
  'use the browser to read the status page',
  'ask the azure function for the 1.4.0 release notes',
]

/** Every stream of every scenario on one simulator (the paused ones continued). */
async function allStreams(sim: Simulator): Promise<Map<string, SseFrame[]>> {
  const streams = new Map<string, SseFrame[]>()
  for (const prompt of PROMPTS) streams.set(prompt, await foundryStream(sim, prompt))
  for (const [name, prompt] of [
    ['mcp', 'approve the mcp search'],
    ['all tools', 'use all the tools'],
  ]) {
    const paused = await foundryStream(sim, prompt!)
    streams.set(name!, paused)
    streams.set(
      `${name} (continued)`,
      await approveStream(sim, dataOf(paused, 'thread.run.requires_action'), (_, i) => i === 0),
    )
  }
  const weather = await foundryStream(sim, 'weather in Paris and in Tokyo')
  streams.set('weather', weather)
  const run = dataOf(weather, 'thread.run.requires_action')
  const response = await foundryCall(
    sim,
    'POST',
    `/threads/${run.thread_id}/runs/${run.id}/submit_tool_outputs`,
    {
      stream: true,
      tool_outputs: run.required_action.submit_tool_outputs.tool_calls.map((call: any) => ({
        tool_call_id: call.id,
        output: '{"temperature":21}',
      })),
    },
  )
  streams.set('weather (continued)', parseSse(await response.text()))
  return streams
}

function checkToolCall(call: any, where: string): string[] {
  const fields = spec.TOOL_CALLS[call.type]
  if (!fields) return [`${where}: unknown tool call type ${call.type}`]
  const problems = spec.fieldProblems(call, fields, where)
  if ((spec.STRING_RECORDS as readonly string[]).includes(call.type)) {
    const payload = call[call.type]
    if (Object.values(payload).some((value) => typeof value !== 'string'))
      problems.push(`${where}: ${call.type} is not a Record<string>`)
  }
  if (call.type === 'connected_agent')
    problems.push(
      ...spec.fieldProblems(call.connected_agent, spec.CONNECTED_AGENT, `${where}.connected_agent`),
    )
  const payload = spec.PAYLOADS[call.type]
  if (payload) problems.push(...spec.fieldProblems(call[call.type], payload, `${where}.${call.type}`))
  if (call.type === 'browser_automation')
    for (const [i, step] of call.browser_automation.steps.entries())
      problems.push(...spec.fieldProblems(step, spec.BROWSER_STEP, `${where}.steps[${i}]`))
  return problems
}

/** A `tool_calls` step delta: each call placed by `index`, of a type the spec streams, its payload typed. */
function checkStepDelta(details: any, where: string): string[] {
  if (details.type !== 'tool_calls') return []
  const problems: string[] = []
  for (const call of details.tool_calls ?? []) {
    if (typeof call.index !== 'number') problems.push(`${where}: a tool call delta without index`)
    if (!spec.DELTA_TOOL_CALLS.includes(call.type))
      problems.push(`${where}: no ${call.type} deltas in the spec`)
    const payload = call[call.type]
    if ((spec.STRING_RECORDS as readonly string[]).includes(call.type) && payload !== undefined)
      if (Object.values(payload).some((value) => typeof value !== 'string'))
        problems.push(`${where}: ${call.type} delta is not a Record<string>`)
    if (call.type === 'deep_research' && typeof payload?.input !== 'string')
      problems.push(`${where}: deep_research delta without its input`)
  }
  return problems
}

function checkStep(step: any, where: string): string[] {
  const problems = spec.fieldProblems(step, spec.STEP, where)
  if (step.usage) problems.push(...spec.fieldProblems(step.usage, spec.USAGE, `${where}.usage`))
  const details = step.step_details
  if (details.type === 'tool_calls')
    for (const [i, call] of details.tool_calls.entries())
      problems.push(...checkToolCall(call, `${where}.tool_calls[${i}]`))
  if (details.type === 'activities')
    for (const activity of details.activities)
      problems.push(...spec.fieldProblems(activity, spec.ACTIVITY, `${where}.activity`))
  return problems
}

function checkRun(run: any, where: string): string[] {
  const problems = spec.fieldProblems(run, spec.RUN, where)
  if (run.usage) problems.push(...spec.fieldProblems(run.usage, spec.USAGE, `${where}.usage`))
  if ('required_action' in run && run.status !== 'requires_action')
    problems.push(`${where}: required_action while ${run.status}`)
  const action = run.required_action
  if (action?.type === 'submit_tool_approval')
    for (const call of action.submit_tool_approval.tool_calls)
      problems.push(...spec.fieldProblems(call, spec.REQUIRED_MCP_CALL, `${where}.approval`))
  return problems
}

function checkMessage(message: any, where: string): string[] {
  const problems = spec.fieldProblems(message, spec.MESSAGE, where)
  for (const part of message.content)
    if (part.type === 'text') {
      if (!Array.isArray(part.text.annotations)) problems.push(`${where}: text without annotations`)
      for (const annotation of part.text.annotations)
        if (annotation.type === 'url_citation')
          problems.push(...spec.fieldProblems(annotation, spec.URL_CITATION, `${where}.url_citation`))
    }
  return problems
}

function checkFrame(frame: SseFrame, where: string): string[] {
  if (frame.event === 'done') return frame.data === '[DONE]' ? [] : [`${where}: done without [DONE]`]
  const data = JSON.parse(frame.data)
  if (frame.event === 'thread.message.delta') {
    const problems = spec.fieldProblems(data.delta, spec.MESSAGE_DELTA, where)
    for (const part of data.delta.content)
      for (const annotation of part.text?.annotations ?? [])
        if (annotation.type === 'url_citation')
          problems.push(...spec.fieldProblems(annotation, spec.URL_CITATION_DELTA, `${where}.url_citation`))
    return problems
  }
  if (frame.event === 'thread.run.step.delta')
    return data.delta.step_details
      ? checkStepDelta(data.delta.step_details, where)
      : [`${where}: no step_details`]
  if (frame.event === 'thread.created') return spec.fieldProblems(data, spec.THREAD, where)
  if (frame.event.startsWith('thread.run.step.')) return checkStep(data, where)
  if (frame.event.startsWith('thread.message.')) return checkMessage(data, where)
  if (frame.event.startsWith('thread.run.')) return checkRun(data, where)
  return [`${where}: unknown event`]
}

describe('Foundry face: wire shapes against the TypeSpec', () => {
  it('every event of every scenario carries exactly the spec fields; every stream ends with done', async () => {
    const streams = await allStreams(createSimulator({ delayMs: 0, now: NOW }))
    const problems: string[] = []
    const seen = new Set<string>()
    for (const [name, frames] of streams) {
      expect(frames.at(-1)?.event, name).toBe('done')
      frames.forEach((frame, i) => {
        seen.add(frame.event)
        problems.push(...checkFrame(frame, `${name}#${i} ${frame.event}`))
      })
    }
    expect(problems).toEqual([])
    for (const event of [
      'thread.run.incomplete',
      'thread.run.failed',
      'thread.run.expired',
      'thread.run.requires_action',
    ])
      expect(seen).toContain(event)
  })

  it('JSON bodies (lists and retrieves) have the same shapes', async () => {
    const sim = createSimulator({ delayMs: 0, now: NOW })
    await allStreams(sim)
    const problems: string[] = []
    for (const thread of (await foundryJson(sim, 'GET', '/threads?limit=100')).data) {
      problems.push(...spec.fieldProblems(thread, spec.THREAD, `thread ${thread.id}`))
      const messages = await foundryJson(sim, 'GET', `/threads/${thread.id}/messages`)
      for (const message of messages.data) problems.push(...checkMessage(message, `message ${message.id}`))
      for (const run of (await foundryJson(sim, 'GET', `/threads/${thread.id}/runs`)).data) {
        problems.push(...checkRun(run, `run ${run.id}`))
        const steps = await foundryJson(sim, 'GET', `/threads/${thread.id}/runs/${run.id}/steps`)
        for (const step of steps.data) problems.push(...checkStep(step, `step ${step.id}`))
      }
    }
    expect(problems).toEqual([])
  })
})

describe('Foundry face: determinism', () => {
  async function transcript(seed: number): Promise<string> {
    const streams = await allStreams(createSimulator({ delayMs: 0, seed, now: NOW }))
    return [...streams.values()]
      .map((frames) => frames.map((f) => `${f.event}\n${f.data}`).join('\n'))
      .join('\n')
  }

  it('same seed + same requests + same clock → the same bytes; another seed, other ids', async () => {
    const first = await transcript(7)
    expect(first.length).toBeGreaterThan(50_000)
    expect(await transcript(7)).toBe(first)
    expect(await transcript(8)).not.toBe(first)
  })
})
