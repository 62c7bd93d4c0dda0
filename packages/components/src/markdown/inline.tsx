import type { Token, Tokens } from 'marked'
import { Fragment, type ReactNode } from 'react'

// Inline tokens (emphasis, code spans, links, images) to React elements, with the citation marks
// drawn in their place and character references decoded. Never HTML: raw HTML shows as text.

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

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  times: '×',
  divide: '÷',
  deg: '°',
  middot: '·',
  bull: '•',
  larr: '←',
  rarr: '→',
}

/** Decodes the character references marked leaves in text tokens (it decodes numeric ones itself). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&([a-z]+|#\d+|#x[0-9a-f]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole
  })
}

/** How tokens are drawn: citations, heading depth, and whether this token carries the caret. */
export interface RenderContext {
  renderCitation: CitationRenderer | null
  headingOffset: number
  /** This token ends the streaming text: draw the caret at the end of its last text. */
  caret: boolean
}

/** Renders inline tokens (the caret, if any, is the caller's to draw after them). */
export function renderInline(tokens: readonly Token[] | undefined, ctx: RenderContext): ReactNode[] {
  if (!tokens) return []
  return tokens.map((token, key) => renderInlineToken(token, ctx, key))
}

function renderInlineToken(token: Token, ctx: RenderContext, key: number): ReactNode {
  const t = token as Tokens.Generic
  switch (t.type) {
    case 'text': {
      const text = t as Tokens.Text
      return text.tokens ? (
        <Fragment key={key}>{renderInline(text.tokens, ctx)}</Fragment>
      ) : (
        <Fragment key={key}>{withCitations(decodeEntities(text.text), ctx)}</Fragment>
      )
    }
    case 'escape':
      return <Fragment key={key}>{t.text}</Fragment>
    case 'strong':
      return <strong key={key}>{renderInline(t.tokens, ctx)}</strong>
    case 'em':
      return <em key={key}>{renderInline(t.tokens, ctx)}</em>
    case 'del':
      return <del key={key}>{renderInline(t.tokens, ctx)}</del>
    case 'codespan':
      return <code key={key}>{withCitations(t.text, ctx)}</code>
    case 'br':
      return <br key={key} />
    case 'link': {
      const link = t as Tokens.Link
      const cited = citationIn(link.href)
      if (cited !== null && ctx.renderCitation) {
        // `[download](sandbox:/mnt/data/x.csv)`: the path is a file_path annotation; link the file.
        return <Fragment key={key}>{ctx.renderCitation(cited, renderInline(link.tokens, ctx))}</Fragment>
      }
      const href = safeHref(link.href)
      const children = renderInline(link.tokens, ctx)
      if (!href) return <Fragment key={key}>{children}</Fragment>
      return (
        <a key={key} href={href} title={link.title ?? undefined} target="_blank" rel="noopener noreferrer">
          {children}
        </a>
      )
    }
    case 'image': {
      // Markdown images are not loaded (they could track the reader); they become links.
      const image = t as Tokens.Image
      const href = safeHref(image.href)
      const label = image.text || image.href
      if (!href) return <Fragment key={key}>{label}</Fragment>
      return (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer" className="rl-md-image-link">
          {label}
        </a>
      )
    }
    case 'html':
      return <Fragment key={key}>{t.raw}</Fragment>
    default:
      return <Fragment key={key}>{t.raw}</Fragment>
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
