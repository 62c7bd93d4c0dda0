// Cards for Foundry's grounding and search tools: Bing (standard and custom), Azure AI Search,
// SharePoint and Microsoft Fabric. Their payloads are opaque records: what a card finds (the query,
// sources with links, short facts) it shows; the raw JSON keeps the rest.
import type { ReactNode } from 'react'
import { GlobeIcon, SearchIcon } from '../icons.js'
import type { CardProps } from './call-cards.js'
import { CardHead, CodeText, Facts, RawJson, Section, SourceList } from './card-parts.js'
import { parseLoose, recordOf, searchQueryOf, sourcesOf, textIn } from './payload.js'

// Bing's API endpoint answers the service, not a person: never offered as a source.
const isBingApi = (url: string) => /^https:\/\/api\.bing\.microsoft\.com\//i.test(url)

/** Short values of a payload as facts; an object-valued one (e.g. `response_metadata`) is opened up. */
function factsOf(payload: Readonly<Record<string, unknown>> | null, skip: readonly string[]) {
  const facts: Array<[string, string]> = []
  for (const [key, value] of Object.entries(payload ?? {})) {
    if (skip.includes(key)) continue
    const parsed = typeof value === 'string' ? parseLoose(value) : value
    const inner = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : { [key]: value }
    for (const [name, item] of Object.entries(inner as Record<string, unknown>)) {
      if (typeof item === 'number' || typeof item === 'boolean') facts.push([name, String(item)])
      else if (typeof item === 'string' && item.length <= 80 && !/^https?:/i.test(item))
        facts.push([name, item])
    }
  }
  return facts
}

/** Props of the cards that read one payload key. */
interface PayloadCardProps extends CardProps {
  /** The call's key that holds the payload (its type, e.g. `bing_custom_search`). */
  payloadKey: string
  title: string
}

/** Grounding with Bing Search (or Bing Custom Search, by `payloadKey`): the query, the sources, the facts. */
export function BingCard({ call, info, payloadKey, title }: PayloadCardProps): ReactNode {
  const payload = recordOf(call, payloadKey)
  const requestUrl = textIn(payload, 'requesturl') ?? textIn(payload, 'request_url')
  const query = searchQueryOf(requestUrl)
  const sources = sourcesOf(Object.values(payload ?? {}), (url) => url === requestUrl || isBingApi(url))
  return (
    <>
      <CardHead icon={<GlobeIcon />} title={title} info={info} />
      <Section label="Query">
        {query && (
          <p className="rl-tool__query">
            <span>{query}</span>{' '}
            <a
              className="rl-tool__link"
              href={`https://www.bing.com/search?q=${encodeURIComponent(query)}`}
              target="_blank"
              rel="noopener noreferrer"
            >
              Search on Bing
            </a>
          </p>
        )}
      </Section>
      <Section label="Sources">
        {sources.length > 0 && <SourceList sources={sources} label={`${title} sources`} />}
      </Section>
      <Facts entries={factsOf(payload, ['requesturl', 'request_url'])} />
      <RawJson value={call} />
    </>
  )
}

/** Azure AI Search: the query, the answer's summary, the documents found as links. */
export function AzureAISearchCard({ call, info }: CardProps): ReactNode {
  const payload = recordOf(call, 'azure_ai_search')
  const input = textIn(payload, 'input')
  const output = textIn(payload, 'output')
  const parsed = output ? parseLoose(output) : undefined
  const summary =
    parsed && typeof parsed === 'object' && typeof (parsed as { summary?: unknown }).summary === 'string'
      ? (parsed as { summary: string }).summary
      : null
  const sources = sourcesOf(Object.values(payload ?? {}))
  return (
    <>
      <CardHead icon={<SearchIcon />} title="Azure AI Search" info={info} />
      <Section label="Query">{input && <p className="rl-tool__query">{input}</p>}</Section>
      <Section label="Summary">{summary && <p className="rl-tool__text">{summary}</p>}</Section>
      <Section label="Documents">
        {sources.length > 0 && <SourceList sources={sources} label="Azure AI Search documents" />}
      </Section>
      {!summary && sources.length === 0 && (
        <Section label="Output">
          <CodeText text={output} output />
        </Section>
      )}
      <RawJson value={call} />
    </>
  )
}

/** A tool whose payload is `{ input, output }` text (SharePoint, Fabric): both, and any links. */
export function InputOutputCard({ call, info, payloadKey, title }: PayloadCardProps): ReactNode {
  const payload = recordOf(call, payloadKey)
  const input = textIn(payload, 'input')
  const output = textIn(payload, 'output')
  const sources = sourcesOf(output ? [output] : [])
  return (
    <>
      <CardHead icon={<SearchIcon />} title={title} info={info} />
      <Section label="Input">{input && <p className="rl-tool__query">{input}</p>}</Section>
      <Section label="Output">
        <CodeText text={output} output />
      </Section>
      <Section label="Sources">
        {sources.length > 0 && <SourceList sources={sources} label={`${title} sources`} />}
      </Section>
      <RawJson value={call} />
    </>
  )
}
