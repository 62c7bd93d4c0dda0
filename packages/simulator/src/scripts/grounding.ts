/**
 * Grounded answers (Foundry): Grounding with Bing Search and Azure AI Search. One tool call with an
 * opaque `Record<string, string>` payload, then an answer whose markers carry `url_citation`s.
 */
import type { RunDriver } from '../engine/driver.js'
import type { Script, TextPiece } from '../engine/records.js'
import { textPieces } from '../text.js'
import { queryOf, recordCall, startToolStep } from './common.js'

interface Source {
  url: string
  title: string
  /** What the answer says, citing this source. */
  claim: string
}

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

/** The question without the scenario's own words. */
const searchQuery = (userText: string) =>
  queryOf(userText, /\b(bing|web|index|search|please|the)\b/gi, 'Runline streaming', 80)

/** The answer: one claim per source, each followed by its marker `【n:i†source】` and its url_citation. */
function citedAnswer(driver: RunDriver, sources: readonly Source[], turn: number): TextPiece[] {
  const pieces: TextPiece[] = []
  for (const [index, source] of sources.entries()) {
    pieces.push(...textPieces(`${index === 0 ? '' : ' '}${source.claim}`, driver.random))
    pieces.push({
      value: `【${turn}:${index}†source】`,
      annotation: { type: 'url_citation', url: source.url, title: source.title },
    })
    pieces.push({ value: '.' })
  }
  return pieces
}

/**
 * Grounding with Bing Search: the call's delta carries an empty `requesturl` (as services have been
 * seen to stream it); the completed step has the Bing query URL and the response metadata.
 */
export const bingScript: Script = async (driver) => {
  const step = startToolStep(driver)
  await driver.tick(2)
  const bing_grounding: Record<string, string> = { requesturl: '' }
  const call = { id: driver.newId('call_'), type: 'bing_grounding', bing_grounding }
  recordCall(step, call)
  driver.emitStepDelta(step, {
    type: 'tool_calls',
    tool_calls: [{ index: 0, id: call.id, type: 'bing_grounding', bing_grounding: { requesturl: '' } }],
  })
  await driver.tick(6) // searching
  const query = searchQuery(driver.userText)
  bing_grounding.requesturl = `https://api.bing.microsoft.com/v7.0/search?q=${encodeURIComponent(query)}`
  bing_grounding.response_metadata = `{'market': 'en-US', 'num_docs_retrieved': 5, 'num_docs_actually_used': ${WEB_SOURCES.length}}`
  driver.completeStep(step, null)
  await driver.writeMessage([{ type: 'text', pieces: citedAnswer(driver, WEB_SOURCES, 3) }])
  driver.completeRun()
}

/** Azure AI Search: the completed call holds the query (`input`) and the hits (`output`, JSON text). */
export const azureAISearchScript: Script = async (driver) => {
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
  azure_ai_search.input = searchQuery(driver.userText)
  azure_ai_search.output = JSON.stringify({
    summary: `${INDEX_SOURCES.length} documents match.`,
    metadata: {
      urls: INDEX_SOURCES.map((source) => source.url),
      titles: INDEX_SOURCES.map((source) => source.title),
    },
  })
  driver.completeStep(step, null)
  await driver.writeMessage([{ type: 'text', pieces: citedAnswer(driver, INDEX_SOURCES, 4) }])
  driver.completeRun()
}
