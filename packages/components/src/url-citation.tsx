// `url_citation` annotations (Foundry: Bing, Azure AI Search …): a numbered chip linking to the web
// page, and the page in the message's source list. Only safe links (http, https) are ever clickable.
import type { ReactNode } from 'react'
import { hostOf } from './derive.js'
import { safeHref } from './markdown.js'

/** The page a `url_citation` annotation names, or null when it names none. */
export function urlCitationOf(annotation: unknown): { url: string; title: string | null } | null {
  const details = (annotation as { url_citation?: { url?: unknown; title?: unknown } } | null)?.url_citation
  if (typeof details?.url !== 'string' || details.url.trim() === '') return null
  const title = typeof details.title === 'string' && details.title.trim() ? details.title.trim() : null
  return { url: details.url.trim(), title }
}

/** What a cited page is called: its title, else its host. */
export function urlCitationLabel(url: string, title: string | null): string {
  return title ?? hostOf(url)
}

/**
 * A citation chip for a web page: a link (new tab, `noopener noreferrer`) when the URL is safe, else
 * plain text naming it.
 */
export function UrlCitationChip({
  number,
  url,
  label,
  children,
}: {
  number: number
  url: string
  label: string
  children?: ReactNode
}): ReactNode {
  const href = safeHref(url)
  const content = (
    <>
      <span className="rl-cite__n">{number}</span>
      <span className="rl-cite__label">{children ?? label}</span>
    </>
  )
  return href ? (
    <a
      className="rl-cite"
      data-type="url_citation"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      title={`Source ${number}: ${label}`}
    >
      {content}
    </a>
  ) : (
    <span className="rl-cite" data-type="url_citation" title={`Source ${number}: ${label}`}>
      {content}
    </span>
  )
}
