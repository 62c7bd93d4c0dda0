// Which link targets assistant text may have: used by the markdown drawing and by every part that
// links a URL from a run (citations, web search sources, Foundry payloads).

/** Hrefs allowed in links: http(s) and mailto only (no javascript:, data:, relative paths). */
export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null
  const trimmed = href.trim()
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : null
}
