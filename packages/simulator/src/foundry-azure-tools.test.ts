// The Azure tool scenarios of the Foundry face, end to end: Bing Custom Search, SharePoint, Fabric,
// an Azure Function, Deep Research, Browser Automation, and the run that calls every tool.
import { describe, expect, it } from 'vitest'
import { createSimulator, foundryScenarioFor } from './index.js'
import { allOf, approveStream, dataOf, foundryStream } from './test-utils/foundry.js'

const newSim = () => createSimulator({ delayMs: 0, now: () => 1_767_261_600_000 })
const events = (frames: { event: string }[]) => frames.map((frame) => frame.event)

/** The one call of the run's first tool step, as the completed step holds it. */
const firstCall = (frames: { event: string; data: string }[]) => {
  const step = allOf(frames, 'thread.run.step.completed')[0]
  expect(step.type).toBe('tool_calls')
  expect(step).not.toHaveProperty('usage')
  expect(step.step_details.tool_calls).toHaveLength(1)
  return step.step_details.tool_calls[0]
}

/** The tool-call deltas of the stream, flattened. */
const callDeltas = (frames: { event: string; data: string }[]) =>
  allOf(frames, 'thread.run.step.delta').flatMap((d) => d.delta.step_details.tool_calls ?? [])

/** The completed answer's text and its annotations. */
const answerOf = (frames: { event: string; data: string }[]) =>
  dataOf(frames, 'thread.message.completed').content[0].text

describe('foundryScenarioFor: the Azure tool words', () => {
  it('knows them, after the outcomes and before bing/web', () => {
    expect(foundryScenarioFor('bing custom search for streaming')).toBe('bing_custom_search')
    expect(foundryScenarioFor('search SharePoint')).toBe('sharepoint_grounding')
    expect(foundryScenarioFor('ask the Fabric data agent')).toBe('fabric_dataagent')
    expect(foundryScenarioFor('deep research on the web')).toBe('deep_research')
    expect(foundryScenarioFor('browse the web for it')).toBe('browser_automation')
    expect(foundryScenarioFor('call the Azure Function')).toBe('azure_function')
    expect(foundryScenarioFor('use every tool, I will approve')).toBe('all_tools')
    expect(foundryScenarioFor('use all the tools')).toBe('all_tools')
    expect(foundryScenarioFor('fail with all tools')).toBe('fail')
    // Words that only look alike stay where they were.
    expect(foundryScenarioFor('what does a customer see on the web')).toBe('bing')
    expect(foundryScenarioFor('delegate to the researcher')).toBe('connected_agent')
  })
})

describe('grounding and knowledge tools', () => {
  it('bing_custom_search: the custom endpoint with the configured instance, then cited sites', async () => {
    const frames = await foundryStream(newSim(), 'bing custom search for streaming')
    const call = firstCall(frames)
    expect(call.type).toBe('bing_custom_search')
    const url = new URL(call.bing_custom_search.requesturl)
    expect(url.pathname).toBe('/v7.0/custom/search')
    expect(url.searchParams.get('customconfig')).toBe('runline-sites')
    expect(url.searchParams.get('q')).toBe('streaming')
    expect(callDeltas(frames)).toEqual([
      { index: 0, id: call.id, type: 'bing_custom_search', bing_custom_search: { requesturl: '' } },
    ])
    const text = answerOf(frames)
    expect(text.annotations.map((a: any) => a.url_citation.url)).toEqual([
      'https://runline.example.com/docs/approvals',
      'https://runline.example.com/docs/foundry',
    ])
    expect(text.annotations[0].text).toBe('【5:0†source】')
  })

  it('sharepoint_grounding: input and output strings, the documents cited by their SharePoint links', async () => {
    const frames = await foundryStream(newSim(), 'search sharepoint for the release process')
    const call = firstCall(frames)
    expect(call.type).toBe('sharepoint_grounding')
    expect(call.sharepoint_grounding.input).toBe('the release process')
    const documents = JSON.parse(call.sharepoint_grounding.output).documents
    expect(documents.map((d: any) => d.title)).toEqual(['Release process', 'On-call handbook'])
    const cited = answerOf(frames).annotations.map((a: any) => a.url_citation.url)
    expect(cited).toEqual(documents.map((d: any) => d.url))
    expect(
      cited.every((url: string) => url.startsWith('https://contoso.sharepoint.com/sites/runline/')),
    ).toBe(true)
  })

  it('fabric_dataagent: the question and the data agent’s answer; the reply repeats its numbers', async () => {
    const frames = await foundryStream(newSim(), 'ask the fabric data agent for runs by status')
    const call = firstCall(frames)
    expect(call.fabric_dataagent.input).toBe('Runs by status')
    const [, completed] = /completed (\d+)/.exec(call.fabric_dataagent.output) ?? []
    expect(Number(completed)).toBeGreaterThanOrEqual(900)
    const text = answerOf(frames)
    expect(text.value).toContain(`${completed} completed runs`)
    expect(text.annotations).toEqual([])
  })

  it('deep_research: the delta carries the question, the completed call the report; the answer cites it', async () => {
    const frames = await foundryStream(newSim(), 'deep research on streaming interfaces')
    const call = firstCall(frames)
    expect(callDeltas(frames)).toEqual([
      { index: 0, id: call.id, type: 'deep_research', deep_research: { input: 'streaming interfaces' } },
    ])
    expect(call.deep_research.input).toBe('streaming interfaces')
    expect(call.deep_research.output).toMatch(/^## Streaming interfaces\n\n1\. /)
    const cited = answerOf(frames).annotations.map((a: any) => a.url_citation.url)
    expect(cited).toHaveLength(2)
    for (const url of cited) expect(call.deep_research.output).toContain(`(${url})`)
  })
})

describe('tools that act', () => {
  it('azure_function: the name first, the arguments in fragments, the output from the queue', async () => {
    const frames = await foundryStream(newSim(), 'ask the azure function for the 1.4.0 release notes')
    const call = firstCall(frames)
    expect(call.azure_function).toMatchObject({ name: 'get_release_notes', arguments: '{"version":"1.4.0"}' })
    const deltas = callDeltas(frames)
    expect(deltas[0]).toEqual({
      index: 0,
      id: call.id,
      type: 'azure_function',
      azure_function: { name: 'get_release_notes', arguments: '' },
    })
    expect(deltas.map((d: any) => d.azure_function.arguments).join('')).toBe(call.azure_function.arguments)
    const notes = JSON.parse(call.azure_function.output)
    expect(notes.version).toBe('1.4.0')
    expect(answerOf(frames).value).toContain(notes.date)
    expect(events(frames).slice(-2)).toEqual(['thread.run.completed', 'done'])
  })

  it('browser_automation: no delta (the spec has none), then the task, three steps and the answer', async () => {
    const frames = await foundryStream(newSim(), 'use the browser to read the status page')
    expect(callDeltas(frames)).toEqual([])
    const call = firstCall(frames)
    expect(call.browser_automation.input).toBe('Read the status page')
    expect(call.browser_automation.steps.map((s: any) => s.current_state)).toEqual([
      'Status page',
      'Components page',
      'Simulator row',
    ])
    expect(call.browser_automation.output).toMatch(/^The simulator is Operational/)
    expect(answerOf(frames).value).toContain(call.browser_automation.output)
  })

  it('a run whose tools lack the scenario’s tool answers in text', async () => {
    const frames = await foundryStream(newSim(), 'call the azure function', {
      tools: [{ type: 'code_interpreter' }],
    })
    expect(allOf(frames, 'thread.run.step.created').map((s) => s.type)).toEqual(['message_creation'])
  })
})

describe('all_tools', () => {
  const TOUR = [
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
  ]

  it('asks to approve the MCP calls first, then calls every other Azure tool once and cites the web', async () => {
    const sim = newSim()
    const paused = await foundryStream(sim, 'use all the tools')
    expect(events(paused).slice(-2)).toEqual(['thread.run.requires_action', 'done'])
    expect(allOf(paused, 'thread.run.step.created').map((s) => s.type)).toEqual(['activities', 'tool_calls'])
    const run = dataOf(paused, 'thread.run.requires_action')
    const rest = await approveStream(sim, run, () => true)
    expect(events(rest).slice(-2)).toEqual(['thread.run.completed', 'done'])
    const steps = allOf(rest, 'thread.run.step.completed')
    const types = steps.flatMap((s) => s.step_details.tool_calls?.map((c: any) => c.type) ?? [s.type])
    expect(types).toEqual(['mcp', 'mcp', ...TOUR, 'message_creation'])
    expect(steps.filter((s) => 'usage' in s).map((s) => s.type)).toEqual(['message_creation'])
    // The message asks for every tool, so each tool is asked something of its own, not the message.
    const calls = steps.flatMap((s) => s.step_details.tool_calls ?? [])
    const of = (type: string) => calls.find((c: any) => c.type === type)
    expect(new URL(of('bing_grounding').bing_grounding.requesturl).searchParams.get('q')).toBe(
      'streaming agent runs',
    )
    expect(of('sharepoint_grounding').sharepoint_grounding.input).toBe('the release process')
    expect(of('deep_research').deep_research.input).toBe('streaming agent interfaces')
    expect(JSON.parse(of('mcp').arguments).query).toBe('streaming')
    const text = answerOf(rest)
    for (const title of ['MCP', 'Bing custom search', 'SharePoint', 'Deep Research', 'Browser Automation'])
      expect(text.value).toContain(`- **${title}**:`)
    expect(text.annotations.map((a: any) => a.text)).toEqual(['【3:0†source】', '【3:1†source】'])
  })

  it('calls only the Azure tools the run has (no MCP: no approval)', async () => {
    const frames = await foundryStream(newSim(), 'use every tool', {
      tools: [{ type: 'fabric_dataagent', fabric_dataagent: { connection_list: [] } }, { type: 'openapi' }],
    })
    expect(events(frames)).not.toContain('thread.run.requires_action')
    const steps = allOf(frames, 'thread.run.step.completed')
    expect(steps.map((s) => s.step_details.tool_calls?.[0]?.type ?? s.type)).toEqual([
      'fabric_dataagent',
      'openapi',
      'message_creation',
    ])
    expect(answerOf(frames).annotations).toEqual([])
  })
})
