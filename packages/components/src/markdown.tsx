'use client'

import { memo, type ReactNode, useEffect, useReducer, useRef } from 'react'
import { LazyLexedBlock } from './lazy-parts.js'
import { CitationContext, type CitationRenderer } from './markdown/citations.js'
import { hasMarkdownSyntax, PlainBlock } from './markdown/plain.js'
import { type SplitCache, splitIncrementally } from './markdown/split.js'

// Assistant text is rendered from Runline's own markdown tokens straight to React elements: nothing
// is ever injected as HTML, so raw HTML in the text shows as text. Text streams in, so the source is
// cut into blocks at blank lines and each finished block is memoized: a delta re-lexes only the last
// one. The pieces: markdown/split.ts cuts blocks; a block without markdown syntax is drawn as plain
// paragraphs at once (markdown/plain.tsx); one with syntax is lexed (markdown/lex.ts: CommonMark +
// GFM, see markdown/tokens.ts) and drawn (markdown/blocks.tsx, markdown/inline.tsx) by a chunk that
// loads the first time such a block shows, which shows as plain paragraphs until then.

export type { CitationRenderer } from './markdown/citations.js'
export { CITATION_CLOSE, CITATION_OPEN } from './markdown/citations.js'
export { splitMarkdownBlocks } from './markdown/split.js'

/**
 * Hrefs allowed in links: http(s) and mailto only (no javascript:, data:, relative paths). Used by the
 * markdown drawing and by every part that links a URL from a run (citations, web search sources,
 * Foundry payloads); it lives here, with the page's code, so no chunk loaded later has to wait for it.
 */
export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null
  const trimmed = href.trim()
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : null
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
 * surrounding element. Text without markdown syntax is drawn at once; the first block with syntax loads
 * the lexer (see `preloadRunTimelineParts`, `warmUpRunTimeline`) and shows as plain paragraphs until
 * it is there. While the source grows by appending (streaming), finished blocks are neither
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

/**
 * One block: lexed and drawn when it has markdown syntax, else drawn as the plain paragraphs it is.
 * Memoized on its text, so a finished block is never scanned or lexed again.
 */
const MarkdownBlock = memo(function MarkdownBlock({
  source,
  headingOffset,
  caret,
}: {
  source: string
  headingOffset: number
  caret: boolean
}) {
  return hasMarkdownSyntax(source) ? (
    <LazyLexedBlock source={source} headingOffset={headingOffset} caret={caret} />
  ) : (
    <PlainBlock source={source} caret={caret} />
  )
})
