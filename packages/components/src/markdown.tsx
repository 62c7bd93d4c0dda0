import { Lexer, type Token, type Tokens } from 'marked'
import {
  createContext,
  Fragment,
  memo,
  type ReactNode,
  useContext,
  useEffect,
  useReducer,
  useRef,
} from 'react'

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
  /**
   * Show a streaming caret (`span.rl-caret`) at the end of the last text: inside the last paragraph,
   * list item, heading, table cell or code block, never on a line of its own.
   */
  caret?: boolean
}

/** Blocks of a source: the finished ones (never change again) and the one still growing. */
interface SplitCache {
  source: string
  finished: readonly string[]
  /** Where the growing block starts in `source`. */
  lastStart: number
  last: string
}

const NO_BLOCKS: readonly string[] = Object.freeze([])

/**
 * Splits `source` into blocks, reusing `prev` when `source` only appended to it: then only the
 * growing block is split again (a block boundary never moves once the next block has started), so a
 * delta costs the length of the last block, not of the whole text. `finished` keeps its identity
 * while no block finishes.
 */
function splitIncrementally(prev: SplitCache | null, source: string): SplitCache {
  const appended = prev !== null && source.length >= prev.source.length && source.startsWith(prev.source)
  const base = appended ? prev.lastStart : 0
  const blocks = splitMarkdownBlocks(base === 0 ? source : source.slice(base))
  const last = blocks.pop() ?? ''
  let finished: readonly string[]
  if (appended) {
    finished = blocks.length === 0 ? prev.finished : [...prev.finished, ...blocks]
  } else {
    finished =
      prev && blocks.length === prev.finished.length && blocks.every((b, i) => b === prev.finished[i])
        ? prev.finished
        : blocks.length === 0
          ? NO_BLOCKS
          : blocks
  }
  let lastStart = base
  // Blocks are whole lines joined by '\n': each finished block is followed by the newline it was cut at.
  for (const block of blocks) lastStart += block.length + 1
  return { source, finished, lastStart, last }
}

/**
 * How much newly finished text one render adds to a growing message, in characters (at least one
 * block). A burst that outruns the frames — thousands of deltas between two commits — is then drawn
 * over the next few frames instead of in one long task; a stream at reading pace never comes near it.
 */
const MAX_NEW_TEXT_PER_RENDER = 2000

/** Runs `draw` at the next frame (or soon, where frames do not come, e.g. a hidden tab). */
function nextFrame(draw: () => void): () => void {
  const timer = setTimeout(draw, 100)
  if (typeof requestAnimationFrame !== 'function') return () => clearTimeout(timer)
  const frame = requestAnimationFrame(() => {
    clearTimeout(timer)
    draw()
  })
  return () => {
    cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}

/**
 * How many of `blocks` to draw: all of them when the text first renders; as it grows, at most
 * {@link MAX_NEW_TEXT_PER_RENDER} characters of new blocks per render, the rest at the next frames.
 */
function useDrawnBlocks(blocks: readonly string[]): number {
  const drawn = useRef(blocks.length)
  const [, drawMore] = useReducer((n: number) => n + 1, 0)
  let count = Math.min(drawn.current, blocks.length)
  for (let budget = MAX_NEW_TEXT_PER_RENDER; count < blocks.length && budget > 0; count++) {
    budget -= blocks[count]!.length
  }
  const total = blocks.length
  useEffect(() => {
    drawn.current = count
    return count < total ? nextFrame(drawMore) : undefined
  }, [count, total])
  return count
}

/**
 * Renders markdown safely as React elements, block by block. Returns a fragment: the caller owns the
 * surrounding element. While the source grows by appending (streaming), finished blocks are neither
 * split, lexed nor re-rendered again: only the last, growing block is. When a burst adds many blocks
 * at once, they are drawn a few at a time over the next frames (the growing block after them).
 */
export function Markdown({
  source,
  renderCitation,
  headingOffset = 2,
  caret = false,
}: MarkdownProps): ReactNode {
  const cache = useRef<SplitCache | null>(null)
  // A pure cache of `source` (same input, same output), so updating it while rendering is safe.
  if (cache.current?.source !== source) cache.current = splitIncrementally(cache.current, source)
  const { finished, last } = cache.current
  const drawn = useDrawnBlocks(finished)
  const behind = drawn < finished.length
  return (
    <CitationContext.Provider value={renderCitation ?? null}>
      <FinishedBlocks
        blocks={finished}
        count={drawn}
        headingOffset={headingOffset}
        caretOnLast={caret && behind}
      />
      {behind ? null : (
        <MarkdownBlock key={finished.length} source={last} headingOffset={headingOffset} caret={caret} />
      )}
    </CitationContext.Provider>
  )
}

/**
 * The blocks that will not change again (the first `count` of them): skipped as a whole while no
 * block finishes. `caretOnLast`: the text is still being drawn, so the caret ends the last one.
 */
const FinishedBlocks = memo(function FinishedBlocks({
  blocks,
  count,
  headingOffset,
  caretOnLast,
}: {
  blocks: readonly string[]
  count: number
  headingOffset: number
  caretOnLast: boolean
}) {
  return blocks.slice(0, count).map((block, i) => {
    const last = caretOnLast && i === count - 1
    // Blocks only ever grow at the end, so the index is a stable key.
    // biome-ignore lint/suspicious/noArrayIndexKey: blocks are append-only
    return <MarkdownBlock key={i} source={block} headingOffset={headingOffset} caret={last} />
  })
})

const MarkdownBlock = memo(function MarkdownBlock({
  source,
  headingOffset,
  caret,
}: {
  source: string
  headingOffset: number
  caret: boolean
}) {
  const renderCitation = useContext(CitationContext)
  const tokens = Lexer.lex(source, LEX_OPTIONS)
  // Nothing to show yet (empty text, blank lines): the caret stands alone.
  if (caret && lastContentIndex(tokens) < 0) return <Caret />
  return <>{renderBlocks(tokens, { renderCitation, headingOffset, caret })}</>
})

const LEX_OPTIONS = { gfm: true, breaks: false } as const

// Between them they touch every kind of block and inline token the renderer draws. The first one
// pays marked's one-time setup (10–16 ms in Chromium, however small the text); the others are cut
// fine so each idle slice stays short. Each is lexed twice: V8 compiles a regular expression to
// machine code on its second run, which would otherwise happen inside a streamed frame.
const WARM_UP_SAMPLES = [
  'Plain words in a sentence.\n\nAnother one.',
  'Some *em* and **strong** text, `code` and ~~del~~.',
  'A [link](https://example.com) &amp; <https://a.example>, www.example.com and x@example.com.',
  '## Heading\n\nText\n===\n\n---',
  '- one\n- [x] two\n\n1. first\n2. second',
  '> quote\n\n```ts\nconst x = 1\n```\n\n    indented',
  '| a | b |\n|---|---|\n| 1 | 2 |\n\n<b>raw</b>\n\n[def]: https://example.com',
]
let warmedUp = 0

/**
 * Lexes the next small sample (false once all are done), so marked's regular expressions are
 * compiled and its lexer optimized before the first streamed text instead of inside that frame.
 * The first call takes 10–20 ms once per page, the others a few ms: run them in idle time, one call
 * per slice (see `warmUpRunTimeline`).
 */
export function warmUpMarkdownStep(): boolean {
  const sample = WARM_UP_SAMPLES[warmedUp]
  if (sample === undefined) return false
  warmedUp++
  Lexer.lex(sample, LEX_OPTIONS)
  Lexer.lex(sample, LEX_OPTIONS)
  return warmedUp < WARM_UP_SAMPLES.length
}

/** The streaming caret: decorative, so screen readers skip it. */
function Caret(): ReactNode {
  return <span className="rl-caret" aria-hidden="true" />
}

/** Index of the last token that shows something (blank lines and link definitions do not). */
function lastContentIndex(tokens: readonly Token[]): number {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const type = tokens[i]!.type
    if (type !== 'space' && type !== 'def') return i
  }
  return -1
}

interface RenderContext {
  renderCitation: CitationRenderer | null
  headingOffset: number
  /** This token ends the streaming text: draw the caret at the end of its last text. */
  caret: boolean
}

const NO_CARET = (ctx: RenderContext): RenderContext => (ctx.caret ? { ...ctx, caret: false } : ctx)

/** Renders block tokens; with `ctx.caret`, only the last one that shows something carries the caret. */
function renderBlocks(tokens: readonly Token[], ctx: RenderContext): ReactNode[] {
  if (!ctx.caret) return tokens.map((token, i) => renderBlock(token, ctx, i))
  const last = lastContentIndex(tokens)
  const rest = NO_CARET(ctx)
  return tokens.map((token, i) => renderBlock(token, i === last ? ctx : rest, i))
}

/** The caret when this context ends the streaming text, else nothing. */
function caretOf(ctx: RenderContext): ReactNode {
  return ctx.caret ? <Caret /> : null
}

function renderBlock(token: Token, ctx: RenderContext, key: number): ReactNode {
  const t = token as Tokens.Generic
  switch (t.type) {
    case 'space':
    case 'def':
      return null
    case 'paragraph':
      return (
        <p key={key}>
          {renderInline((t as Tokens.Paragraph).tokens, ctx)}
          {caretOf(ctx)}
        </p>
      )
    case 'heading': {
      const heading = t as Tokens.Heading
      const level = Math.min(6, Math.max(1, heading.depth + ctx.headingOffset))
      const Tag = `h${level}` as 'h3'
      return (
        <Tag key={key}>
          {renderInline(heading.tokens, ctx)}
          {caretOf(ctx)}
        </Tag>
      )
    }
    case 'code': {
      const code = t as Tokens.Code
      const lang = code.lang?.match(/^[\w+#.-]+/)?.[0]
      return (
        <pre key={key} data-language={lang}>
          <code className={lang ? `language-${lang}` : undefined}>
            {withCitations(code.text, ctx)}
            {caretOf(ctx)}
          </code>
        </pre>
      )
    }
    case 'blockquote':
      return <blockquote key={key}>{renderBlocks((t as Tokens.Blockquote).tokens, ctx)}</blockquote>
    case 'hr':
      // Nothing to write into: the caret follows the rule.
      return ctx.caret ? (
        <Fragment key={key}>
          <hr />
          <Caret />
        </Fragment>
      ) : (
        <hr key={key} />
      )
    case 'list': {
      const list = t as Tokens.List
      const rest = NO_CARET(ctx)
      const lastItem = list.items.length - 1
      const items = list.items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity but their place
        <li key={i} data-task={item.task ? (item.checked ? 'done' : 'open') : undefined}>
          {renderListItem(item, list.loose, i === lastItem ? ctx : rest)}
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
      // The caret ends the last cell: of the last row, or of the header while no row has come yet.
      const lastRow = table.rows.length - 1
      const caretCell = (row: number, column: number, width: number) =>
        ctx.caret && row === lastRow && column === width - 1 ? <Caret /> : null
      return (
        <div key={key} className="rl-md-table">
          <table>
            <thead>
              <tr>
                {table.header.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <th key={i} style={cell.align ? { textAlign: cell.align } : undefined}>
                    {renderInline(cell.tokens, ctx)}
                    {caretCell(-1, i, table.header.length)}
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
                      {caretCell(r, i, row.length)}
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
      return (
        <p key={key}>
          {withCitations((t as Tokens.HTML).raw.trimEnd(), ctx)}
          {caretOf(ctx)}
        </p>
      )
    case 'text': {
      const text = t as Tokens.Text
      return (
        <p key={key}>
          {text.tokens ? renderInline(text.tokens, ctx) : withCitations(decodeEntities(text.text), ctx)}
          {caretOf(ctx)}
        </p>
      )
    }
    default:
      if (!t.raw) return ctx.caret ? <Caret key={key} /> : null
      return (
        <p key={key}>
          {withCitations(t.raw, ctx)}
          {caretOf(ctx)}
        </p>
      )
  }
}

function renderListItem(item: Tokens.ListItem, loose: boolean, ctx: RenderContext): ReactNode {
  // The caret goes into the item's last token that shows text; an item with none (`- ` just
  // arrived) gets it alone.
  const shown = ctx.caret ? item.tokens.filter((t) => t.type !== 'checkbox') : []
  const lastToken: Token | undefined = shown[lastContentIndex(shown)]
  const rest = NO_CARET(ctx)
  const nodes = item.tokens.map((token, i) => {
    const t = token as Tokens.Generic
    const own = token === lastToken ? ctx : rest
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
          {text.tokens ? renderInline(text.tokens, own) : decodeEntities(text.text)}
          {caretOf(own)}
        </Fragment>
      )
    }
    return renderBlock(token, own, i)
  })
  if (ctx.caret && !lastToken) nodes.push(<Caret key="caret" />)
  return nodes
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
