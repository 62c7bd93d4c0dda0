import { Lexer, type Token, type Tokens } from 'marked'
import { createContext, Fragment, memo, type ReactNode, useContext } from 'react'

// Assistant text is rendered from marked's tokens straight to React elements: nothing is ever
// injected as HTML, so raw HTML in the text shows as text. Text streams in, so the source is cut
// into blocks at blank lines and each finished block is memoized: a delta re-lexes only the last one.

/** Marks a citation's place in the text; the number between the two marks indexes `citations`. */
export const CITATION_OPEN = '\uE000'
/** Closes a citation mark. */
export const CITATION_CLOSE = '\uE001'
const CITATION_MARK = /\uE000(\d+)\uE001/g

/** Draws citation number `index` (the value between the marks) where it appears in the text. */
export type CitationRenderer = (index: number, label?: ReactNode) => ReactNode

const CitationContext = createContext<CitationRenderer | null>(null)

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
function decodeEntities(text: string): string {
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

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const STARTS_LIST_OR_INDENT = /^(\s|[-*+] |\d{1,9}[.)] )/

/**
 * Cuts markdown into top-level blocks at blank lines outside fenced code, keeping indented
 * continuations and following list items with their block. Earlier blocks never change while text
 * is appended, so their rendering can be reused.
 */
export function splitMarkdownBlocks(source: string): string[] {
  const lines = source.split('\n')
  const blocks: string[] = []
  let current: string[] = []
  let fence: string | null = null
  let afterBlank = false
  for (const line of lines) {
    const fenceMatch = FENCE.exec(line)
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = null
      current.push(line)
      continue
    }
    if (line.trim() === '') {
      afterBlank = true
      current.push(line)
      continue
    }
    if (afterBlank && current.some((l) => l.trim() !== '') && !STARTS_LIST_OR_INDENT.test(line)) {
      blocks.push(current.join('\n'))
      current = []
    }
    afterBlank = false
    if (fenceMatch) fence = fenceMatch[1]!
    current.push(line)
  }
  if (current.length > 0) blocks.push(current.join('\n'))
  return blocks
}

/** Props of {@link Markdown}. */
export interface MarkdownProps {
  /** The markdown text (may be cut anywhere: it is streaming). */
  source: string
  /** Draws citation marks (see {@link CITATION_OPEN}); without it they are dropped. */
  renderCitation?: CitationRenderer
  /** Added to heading depth, so `#` inside a message is not the page's h1 (default 2: `#` → h3). */
  headingOffset?: number
}

/**
 * Renders markdown safely as React elements, block by block. Returns a fragment: the caller owns the
 * surrounding element.
 */
export function Markdown({ source, renderCitation, headingOffset = 2 }: MarkdownProps): ReactNode {
  const blocks = splitMarkdownBlocks(source)
  return (
    <CitationContext.Provider value={renderCitation ?? null}>
      {blocks.map((block, i) => (
        // Blocks only ever grow at the end, so the index is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: blocks are append-only
        <MarkdownBlock key={i} source={block} headingOffset={headingOffset} />
      ))}
    </CitationContext.Provider>
  )
}

const MarkdownBlock = memo(function MarkdownBlock({
  source,
  headingOffset,
}: {
  source: string
  headingOffset: number
}) {
  const renderCitation = useContext(CitationContext)
  const tokens = Lexer.lex(source, { gfm: true, breaks: false })
  const ctx: RenderContext = { renderCitation, headingOffset }
  return <>{renderBlocks(tokens, ctx)}</>
})

interface RenderContext {
  renderCitation: CitationRenderer | null
  headingOffset: number
}

function renderBlocks(tokens: readonly Token[], ctx: RenderContext): ReactNode[] {
  return tokens.map((token, i) => renderBlock(token, ctx, i))
}

function renderBlock(token: Token, ctx: RenderContext, key: number): ReactNode {
  const t = token as Tokens.Generic
  switch (t.type) {
    case 'space':
    case 'def':
      return null
    case 'paragraph':
      return <p key={key}>{renderInline((t as Tokens.Paragraph).tokens, ctx)}</p>
    case 'heading': {
      const heading = t as Tokens.Heading
      const level = Math.min(6, Math.max(1, heading.depth + ctx.headingOffset))
      const Tag = `h${level}` as 'h3'
      return <Tag key={key}>{renderInline(heading.tokens, ctx)}</Tag>
    }
    case 'code': {
      const code = t as Tokens.Code
      const lang = code.lang?.match(/^[\w+#.-]+/)?.[0]
      return (
        <pre key={key} data-language={lang}>
          <code className={lang ? `language-${lang}` : undefined}>{withCitations(code.text, ctx)}</code>
        </pre>
      )
    }
    case 'blockquote':
      return <blockquote key={key}>{renderBlocks((t as Tokens.Blockquote).tokens, ctx)}</blockquote>
    case 'hr':
      return <hr key={key} />
    case 'list': {
      const list = t as Tokens.List
      const items = list.items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity but their place
        <li key={i} data-task={item.task ? (item.checked ? 'done' : 'open') : undefined}>
          {renderListItem(item, list.loose, ctx)}
        </li>
      ))
      return list.ordered ? (
        <ol key={key} start={typeof list.start === 'number' && list.start !== 1 ? list.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      )
    }
    case 'table': {
      const table = t as Tokens.Table
      return (
        <div key={key} className="rl-md-table">
          <table>
            <thead>
              <tr>
                {table.header.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <th key={i} style={cell.align ? { textAlign: cell.align } : undefined}>
                    {renderInline(cell.tokens, ctx)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                <tr key={r}>
                  {row.map((cell, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                    <td key={i} style={cell.align ? { textAlign: cell.align } : undefined}>
                      {renderInline(cell.tokens, ctx)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )
    }
    case 'html':
      // Raw HTML is shown as the text it is, never parsed.
      return <p key={key}>{withCitations((t as Tokens.HTML).raw.trimEnd(), ctx)}</p>
    case 'text': {
      const text = t as Tokens.Text
      return (
        <p key={key}>
          {text.tokens ? renderInline(text.tokens, ctx) : withCitations(decodeEntities(text.text), ctx)}
        </p>
      )
    }
    default:
      return t.raw ? <p key={key}>{withCitations(t.raw, ctx)}</p> : null
  }
}

function renderListItem(item: Tokens.ListItem, loose: boolean, ctx: RenderContext): ReactNode {
  return item.tokens.map((token, i) => {
    const t = token as Tokens.Generic
    if (t.type === 'checkbox') {
      return (
        // biome-ignore lint/suspicious/noArrayIndexKey: positional
        <span key={i} className="rl-md-task" role="img" aria-label={t.checked ? 'done' : 'not done'}>
          {t.checked ? '☑ ' : '☐ '}
        </span>
      )
    }
    // Tight lists keep their text inline; loose ones get paragraphs.
    if (t.type === 'text' && !loose) {
      const text = t as Tokens.Text
      return (
        // biome-ignore lint/suspicious/noArrayIndexKey: positional
        <Fragment key={i}>
          {text.tokens ? renderInline(text.tokens, ctx) : decodeEntities(text.text)}
        </Fragment>
      )
    }
    return renderBlock(token, ctx, i)
  })
}

function renderInline(tokens: readonly Token[] | undefined, ctx: RenderContext): ReactNode[] {
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
function withCitations(text: string, ctx: RenderContext): ReactNode {
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
