import { Fragment, type ReactNode } from 'react'
import { safeHref } from '../markdown.js'
import { type CitationRenderer, withCitations } from './citations.js'
import type { Inline } from './tokens.js'

// Inline tokens (emphasis, code spans, links, images) to React elements, with the citation marks
// drawn in their place (markdown/citations.tsx). Never HTML: raw HTML shows as text.

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
      return <Fragment key={key}>{withCitations(token.text, ctx.renderCitation)}</Fragment>
    case 'strong':
      return <strong key={key}>{renderInline(token.children, ctx)}</strong>
    case 'em':
      return <em key={key}>{renderInline(token.children, ctx)}</em>
    case 'del':
      return <del key={key}>{renderInline(token.children, ctx)}</del>
    case 'code':
      return <code key={key}>{withCitations(token.text, ctx.renderCitation)}</code>
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
