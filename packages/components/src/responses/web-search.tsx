'use client'
// A `web_search_call` item: what the model did on the web (search, open a page, find in a page)
// and the sources it read, as links.
import type { ReactNode } from 'react'
import type { ToolCardInfo } from '../context.js'
import { hostOf } from '../derive.js'
import { CardHead, Facts, RawJson, SourceList } from '../foundry/card-parts.js'
import type { Source } from '../foundry/payload.js'
import { GlobeIcon } from '../icons.js'
import { safeHref } from '../markdown.js'
import { partStatus } from './part-status.js'

type Json = Readonly<Record<string, unknown>>

const ACTION_WORDS: Readonly<Record<string, string>> = {
  search: 'Search',
  open_page: 'Open page',
  find_in_page: 'Find in page',
  find: 'Find in page',
}

/** The action's sources (and the page it opened) as safe links, each once. */
function sourcesOf(action: Json | null): Source[] {
  const out = new Map<string, string>()
  const add = (url: unknown, title: unknown) => {
    const href = typeof url === 'string' ? safeHref(url) : null
    if (href && !out.has(href)) out.set(href, typeof title === 'string' && title ? title : hostOf(href))
  }
  if (Array.isArray(action?.sources)) for (const s of action.sources) add(s?.url, s?.title)
  add(action?.url, null)
  return [...out].map(([url, title]) => ({ url, title }))
}

/**
 * A `web_search_call` item: the action (its query, or the page and pattern), the sources as a
 * numbered list of links (new tab, safe hrefs only), and the raw JSON. One `div` with `data-type`.
 */
export function ResponsesWebSearch({ item }: { item: Json }): ReactNode {
  const action = item.action && typeof item.action === 'object' ? (item.action as Json) : null
  const type = typeof action?.type === 'string' ? action.type : null
  const facts: [string, string][] = []
  for (const key of ['query', 'pattern'] as const) {
    if (typeof action?.[key] === 'string' && action[key]) facts.push([key, action[key] as string])
  }
  if (Array.isArray(action?.queries)) {
    const more = action.queries.filter((q) => typeof q === 'string' && q !== action.query)
    if (more.length) facts.push(['queries', more.join(' · ')])
  }
  const info: ToolCardInfo = { stepStatus: partStatus(item) }
  return (
    <div className="rl-tool rl-tool--card" data-type="web_search_call" data-state={info.stepStatus}>
      <CardHead
        icon={<GlobeIcon />}
        title="Web search"
        name={type ? (ACTION_WORDS[type] ?? type) : null}
        info={info}
      />
      <Facts entries={facts} />
      <SourceList sources={sourcesOf(action)} label="Web search sources" />
      <RawJson value={item} />
    </div>
  )
}
