import { type ReactNode, useContext } from 'react'
import { Caret } from './caret.js'
import { CitationContext, withCitations } from './citations.js'

// Most assistant text is prose: it needs no lexer. A block the scan below finds no markdown syntax in
// is drawn here, at once, as the lexer would draw it (paragraphs at blank lines, line breaks kept, the
// caret at the end); a block with syntax is drawn by the lexer's chunk, loaded the first time one shows
// (see markdown.tsx), and drawn here as plain paragraphs until it is there.

/**
 * Anything that can start a markdown construct or change how text is drawn: emphasis, code, links,
 * images, raw HTML, tables, escapes and entities; bare URLs and e-mail addresses (GFM autolinks);
 * NUL and CR (replaced, line ends); whitespace at the text's start or beside a line break (indented
 * code, hard breaks, blank lines of spaces); and at a line's start a heading, quote, list marker,
 * rule or setext underline. Conservative: a false alarm only loads the lexer, a miss draws wrongly,
 * so markdown/plain.test.tsx checks that the lexer draws every text this passes as plain exactly as
 * `PlainBlock` does.
 */
const MARKDOWN_SYNTAX =
  /[*_`~[\]<>|\\&@\0\r]|:\/\/|www\.|^[^\S\n]|[^\S\n]\n|\n[^\S\n]|(?:^|\n)(?:[-+=#]|\d+[.)])/i

/** Whether `text` may hold markdown syntax (false: it is plain text, drawn the same without the lexer). */
export function hasMarkdownSyntax(text: string): boolean {
  return MARKDOWN_SYNTAX.test(text)
}

/** A text's paragraphs: cut at blank lines, trimmed, the empty ones dropped. */
export function plainParagraphs(text: string): string[] {
  const paragraphs: string[] = []
  for (const part of text
    .split(/\r\n?|\n/)
    .join('\n')
    .split(/\n[^\S\n]*\n/)) {
    const paragraph = part.trim()
    if (paragraph) paragraphs.push(paragraph)
  }
  return paragraphs
}

/**
 * Draws a block as plain paragraphs, its citations in place, the caret (if any) ending the last one
 * or standing alone when there is no text yet. For a block without markdown syntax this is exactly
 * what the lexer draws; for one with syntax it is what shows while the lexer loads.
 */
export function PlainBlock({ source, caret }: { source: string; caret: boolean }): ReactNode {
  const renderCitation = useContext(CitationContext)
  const paragraphs = plainParagraphs(source)
  if (caret && paragraphs.length === 0) return <Caret />
  const last = paragraphs.length - 1
  return paragraphs.map((paragraph, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs are positional, as the lexer's blocks
    <p key={i}>
      {withCitations(paragraph, renderCitation)}
      {caret && i === last ? <Caret /> : null}
    </p>
  ))
}
