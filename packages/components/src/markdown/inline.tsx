import { Fragment, type ReactNode } from 'react'
import type { Inline } from './tokens.js'

// Inline tokens (emphasis, code spans, links, images) to React elements, with the citation marks
// drawn in their place. Never HTML: raw HTML shows as text.

/** Marks a citation's place in the text; the number between the two marks indexes `citations`. */
export const CITATION_OPEN = '\uE000'
/** Closes a citation mark. */
export const CITATION_CLOSE = '\uE001'
const CITATION_MARK = /\uE000(\d+)\uE001/g

/** Draws citation number `index` (the value between the marks) where it appears in the text. */
export type CitationRenderer = (index: number, label?: ReactNode) => ReactNode

/** Hrefs allowed in links: http(s) and mailto only (no javascript:, data:, relative paths). */
export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null
  const trimmed = href.trim()
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : null
}

/** How tokens are drawn: citations, heading depth, and whether this token carries the caret. */
export interface RenderContext {
  renderCitation: CitationRenderer | null
  headingOffset: number
  /** This token ends the streaming text: draw the caret at the end of its last text. */
  caret: boolean
}

/** Renders inline tokens (the caret, if any, is the caller's to draw after them). */
export function renderInline(tokens: readonly Inline[], ctx: RenderContext): ReactNode[] {
  return tokens.map((token, key) => renderInlineToken(token, ctx, key))
}

/** A safe href as an attribute: characters URLs do not carry raw are percent-encoded. */
function encodeHref(href: string): string {
  try {
    // Keeps escapes already there (`%20`), encodes a lone `%`.
    return encodeURI(href).replace(/%25([0-9A-Fa-f]{2})/g, '%$1')
  } catch {
    return href // a lone surrogate: left as it is
  }
}

function renderInlineToken(token: Inline, ctx: RenderContext, key: number): ReactNode {
  switch (token.type) {
    case 'text':
      return <Fragment key={key}>{withCitations(token.text, ctx)}</Fragment>
    case 'strong':
      return <strong key={key}>{renderInline(token.children, ctx)}</strong>
    case 'em':
      return <em key={key}>{renderInline(token.children, ctx)}</em>
    case 'del':
      return <del key={key}>{renderInline(token.children, ctx)}</del>
    case 'code':
      return <code key={key}>{withCitations(token.text, ctx)}</code>
    case 'br':
      return <br key={key} />
    case 'link': {
      const cited = citationIn(token.href)
      if (cited !== null && ctx.renderCitation) {
        // `[download](sandbox:/mnt/data/x.csv)`: the path is a file_path annotation; link the file.
        return <Fragment key={key}>{ctx.renderCitation(cited, renderInline(token.children, ctx))}</Fragment>
      }
      const href = safeHref(token.href)
      const children = renderInline(token.children, ctx)
      if (!href) return <Fragment key={key}>{children}</Fragment>
      return (
        <a
          key={key}
          href={encodeHref(href)}
          title={token.title ?? undefined}
          target="_blank"
          rel="noopener noreferrer"
        >
          {children}
        </a>
      )
    }
    case 'image': {
      // Markdown images are not loaded (they could track the reader); they become links.
      const href = safeHref(token.href)
      const label = token.alt || token.href
      if (!href) return <Fragment key={key}>{label}</Fragment>
      return (
        <a
          key={key}
          href={encodeHref(href)}
          target="_blank"
          rel="noopener noreferrer"
          className="rl-md-image-link"
        >
          {label}
        </a>
      )
    }
  }
}

function citationIn(text: string): number | null {
  const match = /\uE000(\d+)\uE001/.exec(text)
  return match ? Number(match[1]) : null
}

/** Splits text at citation marks and draws each citation in its place. */
export function withCitations(text: string, ctx: RenderContext): ReactNode {
  if (!text.includes(CITATION_OPEN)) return text
  const out: ReactNode[] = []
  let last = 0
  CITATION_MARK.lastIndex = 0
  for (let match = CITATION_MARK.exec(text); match; match = CITATION_MARK.exec(text)) {
    if (match.index > last) out.push(text.slice(last, match.index))
    out.push(<Fragment key={match.index}>{ctx.renderCitation?.(Number(match[1])) ?? null}</Fragment>)
    last = match.index + match[0].length
  }
  if (last < text.length) out.push(text.slice(last))
  return out
}
