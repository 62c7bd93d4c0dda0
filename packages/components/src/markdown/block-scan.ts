import type { Reference } from './inline-lex.js'
import { CLOSE_TAG, LABEL, OPEN_TAG, scanDestination, scanTitle, skipSpace } from './inline-scan.js'
import { normalizeLabel } from './text.js'
import type { Align } from './tokens.js'

// Recognisers for the starts of leaf blocks on one line (after its indentation), the GFM table's
// rows, and link reference definitions. All are anchored and unambiguous: one pass over the line.

/** An ATX heading's opening `#`s. */
export const ATX = /^#{1,6}(?=[ \t]|$)/
/** A code fence's opening: backtick fences take no backtick in their info string. */
export const OPEN_FENCE = /^`{3,}(?!.*`)|^~{3,}/
/** A closing code fence (the caller checks its character and length). */
export const CLOSE_FENCE = /^(?:`{3,}|~{3,})(?=[ \t]*$)/
/** A setext heading's underline. */
export const SETEXT = /^(?:=+|-+)[ \t]*$/
/** A thematic break. */
export const RULE = /^(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$/
/** A bullet list marker. */
export const BULLET = /^[*+-]/
/** An ordered list marker: its number and delimiter. */
export const ORDERED = /^(\d{1,9})([.)])/

/** The start conditions of CommonMark's seven kinds of HTML block (index 0 is kind 1). */
export const HTML_OPEN: readonly RegExp[] = [
  /^<(?:script|pre|textarea|style)(?:\s|>|$)/i,
  /^<!--/,
  /^<\?/,
  /^<![A-Za-z]/,
  /^<!\[CDATA\[/,
  /^<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|\/?>|$)/i,
  new RegExp(`^(?:${OPEN_TAG}|${CLOSE_TAG})\\s*$`),
]

/** The end conditions of HTML blocks of kinds 1–5 (kinds 6 and 7 end at a blank line). */
export const HTML_CLOSE: readonly RegExp[] = [
  /<\/(?:script|pre|textarea|style)>/i,
  /-->/,
  /\?>/,
  />/,
  /\]\]>/,
]

/** An ATX heading's text: `rest` is what follows the `#`s, less an optional closing sequence. */
export function atxText(rest: string): string {
  let end = rest.length
  while (end > 0 && (rest[end - 1] === ' ' || rest[end - 1] === '\t')) end--
  let hashes = end
  while (hashes > 0 && rest[hashes - 1] === '#') hashes--
  if (hashes < end && (hashes === 0 || rest[hashes - 1] === ' ' || rest[hashes - 1] === '\t')) end = hashes
  return rest.slice(0, end).trim()
}

/** A table row's cells, trimmed; `\|` is a pipe inside a cell (code spans included). */
export function splitRow(line: string): string[] {
  const text = line.trim()
  const cells: string[] = []
  let cell = ''
  let pipeLast = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    pipeLast = ch === '|'
    if (ch === '\\' && i + 1 < text.length) {
      i++
      cell += text[i] === '|' ? '|' : ch + text[i]
    } else if (pipeLast) {
      cells.push(cell.trim())
      cell = ''
    } else cell += ch
  }
  cells.push(cell.trim())
  // Leading and trailing pipes are optional.
  if (text[0] === '|') cells.shift()
  if (pipeLast && cells.length > 0) cells.pop()
  return cells
}

/** A table's delimiter row (`| :-- | :-: |`, with a pipe somewhere): each column's alignment. */
export function delimiterRow(line: string): Align[] | null {
  if (!line.includes('|')) return null
  const align: Align[] = []
  for (const cell of splitRow(line)) {
    if (!/^:?-+:?$/.test(cell)) return null
    const left = cell[0] === ':'
    const right = cell[cell.length - 1] === ':'
    align.push(left && right ? 'center' : left ? 'left' : right ? 'right' : null)
  }
  return align.length > 0 ? align : null
}

/** Where the line that starts at `pos` ends (after its newline), if only spaces are left on it; else -1. */
function restOfLineBlank(text: string, pos: number): number {
  while (text[pos] === ' ' || text[pos] === '\t') pos++
  if (pos >= text.length) return pos
  return text[pos] === '\n' ? pos + 1 : -1
}

/**
 * Reads the link reference definitions that open a paragraph's text into `refs` (the first
 * definition of a label wins) and returns the text after them.
 */
export function takeDefinitions(text: string, refs: Map<string, Reference>): string {
  for (;;) {
    LABEL.lastIndex = 0
    const label = text[0] === '[' ? LABEL.exec(text) : null
    if (!label || text[label[0].length] !== ':' || !/\S/.test(label[1]!)) return text
    const at = skipSpace(text, label[0].length + 1)
    const dest = scanDestination(text, at)
    if (!dest || (dest.url === '' && text[at] !== '<')) return text
    let title: string | null = null
    let end = -1
    const titleAt = skipSpace(text, dest.end)
    const scanned = titleAt > dest.end ? scanTitle(text, titleAt) : null
    if (scanned) {
      end = restOfLineBlank(text, scanned.end)
      if (end >= 0) title = scanned.title
    }
    // A title that does not end its line is not one: the definition may still end after the URL.
    if (end < 0) end = restOfLineBlank(text, dest.end)
    if (end < 0) return text
    const key = normalizeLabel(label[1]!)
    if (!refs.has(key)) refs.set(key, { href: dest.url, title })
    text = text.slice(end)
  }
}
