/**
 * Grounded answers (Foundry): Grounding with Bing Search, Bing Custom Search and Azure AI Search.
 * One tool call with an opaque `Record<string, string>` payload, then an answer whose markers carry
 * `url_citation`s.
 */
import type { RunDriver } from '../engine/driver.js'
import {
  citedPieces,
  type Finding,
  queryOf,
  recordCall,
  type Source,
  singleToolScript,
  startToolStep,
  type ToolStep,
} from './common.js'

const WEB_SOURCES: readonly Source[] = [
  {
    url: 'https://runline.example.com/blog/streaming-runs',
    title: 'Streaming agent runs, step by step',
    claim: 'A streamed run reports every step as it happens, so a UI can show tool calls while they run',
  },
  {
    url: 'https://news.example.org/2026/agents-in-production',
    title: 'Agents in production: what teams learned',
    claim: 'Teams that show citations next to answers see readers check sources far more often',
  },
]

/** What the Bing Custom Search instance covers: the project's own sites only. */
const CUSTOM_SOURCES: readonly Source[] = [
  {
    url: 'https://runline.example.com/docs/approvals',
    title: 'Approvals: a person decides',
    claim: 'An MCP call that needs approval waits until a person approves or denies it',
  },
  {
    url: 'https://runline.example.com/docs/foundry',
    title: 'Runline on Azure AI Foundry',
    claim: 'The same timeline shows classic Foundry agents and the Responses API',
  },
]

const INDEX_SOURCES: readonly Source[] = [
  {
    url: 'https://runline.example.com/index/runline-guide',
    title: 'Runline guide',
    claim: 'Runline renders each run step as soon as its first event arrives',
  },
  {
    url: 'https://runline.example.com/index/streaming-faq',
    title: 'Streaming FAQ',
    claim: 'A run that needs tool outputs waits in requires_action until all of them are submitted',
  },
]

/** The Bing Custom Search configuration the demo agent uses (`instance_name`). */
export const BING_CUSTOM_INSTANCE = 'runline-sites'

/** The question without the scenario's own words. */
const searchQuery = (userText: string) =>
  queryOf(userText, /\b(bing|custom|web|index|search|please|the)\b/gi, 'Runline streaming', 80)

/** The marker turn of each grounding tool's citations (`【turn:i†source】`). */
const TURN = { bing_grounding: 3, azure_ai_search: 4, bing_custom_search: 5 } as const

type BingType = 'bing_grounding' | 'bing_custom_search'

/**
 * A Bing search (Grounding with Bing Search, or Bing Custom Search on the agent's configured sites):
 * the call's delta carries an empty `requesturl` (as services have been seen to stream it); the
 * completed step has the Bing query URL and the response metadata.
 */
export function bingStep(type: BingType): ToolStep {
  const sources = type === 'bing_grounding' ? WEB_SOURCES : CUSTOM_SOURCES
  return async (driver: RunDriver, ask?: string): Promise<Finding> => {
    const step = startToolStep(driver)
    await driver.tick(2)
    const payload: Record<string, string> = { requesturl: '' }
    const call = { id: driver.newId('call_'), type, [type]: payload }
    recordCall(step, call)
    driver.emitStepDelta(step, {
      type: 'tool_calls',
      tool_calls: [{ index: 0, id: call.id, type, [type]: { requesturl: '' } }],
    })
    await driver.tick(6) // searching
    const query = ask ?? searchQuery(driver.userText)
    payload.requesturl =
      type === 'bing_grounding'
        ? `https://api.bing.microsoft.com/v7.0/search?q=${encodeURIComponent(query)}`
        : `https://api.bing.microsoft.com/v7.0/custom/search?q=${encodeURIComponent(query)}&customconfig=${BING_CUSTOM_INSTANCE}`
    payload.response_metadata = `{'market': 'en-US', 'num_docs_retrieved': 5, 'num_docs_actually_used': ${sources.length}}`
    driver.completeStep(step, null)
    const where = type === 'bing_grounding' ? 'the web' : `the project's sites (${BING_CUSTOM_INSTANCE})`
    return { summary: `searched ${where} for “${query}” and used ${sources.length} pages`, sources }
  }
}

/** Azure AI Search: the completed call holds the query (`input`) and the hits (`output`, JSON text). */
export const azureAISearchStep: ToolStep = async (driver, ask) => {
  const step = startToolStep(driver)
  await driver.tick(2)
  const azure_ai_search: Record<string, string> = {}
  const call = { id: driver.newId('call_'), type: 'azure_ai_search', azure_ai_search }
  recordCall(step, call)
  driver.emitStepDelta(step, {
    type: 'tool_calls',
    tool_calls: [{ index: 0, id: call.id, type: 'azure_ai_search', azure_ai_search: {} }],
  })
  await driver.tick(5) // querying the index
  azure_ai_search.input = ask ?? searchQuery(driver.userText)
  azure_ai_search.output = JSON.stringify({
    summary: `${INDEX_SOURCES.length} documents match.`,
    metadata: {
      urls: INDEX_SOURCES.map((source) => source.url),
      titles: INDEX_SOURCES.map((source) => source.title),
    },
  })
  driver.completeStep(step, null)
  return {
    summary: `found ${INDEX_SOURCES.length} documents in the runline-docs index`,
    sources: INDEX_SOURCES,
  }
}

/** An answer made of the finding's cited claims, numbered by the tool's turn. */
const citedAnswer = (turn: number) => (driver: RunDriver, found: Finding) => ({
  type: 'text' as const,
  pieces: citedPieces(driver, found.sources ?? [], turn),
})

/** The `bing` scenario: Grounding with Bing Search, then the cited answer. */
export const bingScript = singleToolScript(bingStep('bing_grounding'), citedAnswer(TURN.bing_grounding))

/** The `bing_custom_search` scenario: Bing Custom Search on the agent's sites, then the cited answer. */
export const bingCustomSearchScript = singleToolScript(
  bingStep('bing_custom_search'),
  citedAnswer(TURN.bing_custom_search),
)

/** The `azure_ai_search` scenario: the index query, then the cited answer. */
export const azureAISearchScript = singleToolScript(azureAISearchStep, citedAnswer(TURN.azure_ai_search))
