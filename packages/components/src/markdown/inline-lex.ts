import {
  append,
  type Delimiter,
  depthOf,
  type Piece,
  processEmphasis,
  pushDelimiter,
  type Sequence,
  tokensOf,
} from './emphasis.js'
import {
  type HtmlEnds,
  LABEL,
  scanAutolink,
  scanBareLink,
  scanDestination,
  scanHtml,
  scanTitle,
  skipSpace,
} from './inline-scan.js'
import {
  charAt,
  charBefore,
  decodeEntities,
  ENTITY,
  ESCAPABLE,
  entityValue,
  isPunct,
  isSpace,
  normalizeLabel,
} from './text.js'
import { type Inline, plainText, unlinked } from './tokens.js'

// Inline markdown (the text of a paragraph, heading or table cell) to inline tokens, in one pass
// from left to right as CommonMark describes it: code spans, autolinks and raw HTML are taken whole
// where they start; `[`, `![` and runs of `*`, `_`, `~` are kept as openers, and a `]` or the end of
// the text pairs them up (see markdown/emphasis.ts). Raw HTML becomes text, as it is written.

/** A link reference definition's target (`[label]: url "title"`). */
export interface Reference {
  href: string
  title: string | null
}

/** Link reference definitions by normalized label. */
export type References = ReadonlyMap<string, Reference>

interface Bracket {
  piece: Piece
  image: boolean
  /** Its place among the brackets opened so far. */
  order: number
  /** Where its text starts in the source. */
  start: number
  /** A bracket opened after it (then its text is no shortcut reference). */
  bracketAfter: boolean
  /** The delimiter stack's top when it opened: emphasis inside the link pairs above it. */
  delimiter: Delimiter | null
  prev: Bracket | null
}

// Characters that may start something: everything else is plain text.
const SPECIAL = new Set([10, 92, 96, 42, 95, 126, 91, 93, 33, 60, 38])

function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
}

class InlineLexer {
  private pos = 0
  /** Text read but not yet appended as a piece. */
  private pending = ''
  private readonly seq: Sequence = { head: null, tail: null, delimiters: null }
  private brackets: Bracket | null = null
  private opened = 0
  /** Link brackets opened before this many brackets are inactive: a link formed after them. */
  private linkFloor = 0
  private readonly ends: HtmlEnds = new Map()
  private readonly emails: boolean
  /** Start of every backtick run, by run length; built on the first code span. */
  private backticks: Map<number, number[]> | null = null
  private readonly backtickCursor = new Map<number, number>()

  constructor(
    private readonly src: string,
    private readonly refs: References,
  ) {
    this.emails = src.includes('@')
  }

  lex(): Inline[] {
    const src = this.src
    while (this.pos < src.length) {
      const ch = src[this.pos]
      if (ch === '\n') this.newline()
      else if (ch === '\\') this.backslash()
      else if (ch === '`') this.codeSpan()
      else if (ch === '*' || ch === '_' || ch === '~') this.delimiterRun(ch)
      else if (ch === '[') this.openBracket(false)
      else if (ch === '!' && src[this.pos + 1] === '[') this.openBracket(true)
      else if (ch === ']') this.closeBracket()
      else if (ch === '<') this.angle()
      else if (ch === '&') this.entity()
      else this.plain()
    }
    this.flush()
    processEmphasis(this.seq, null)
    return tokensOf(this.seq.head, null)
  }

  private flush(): void {
    if (this.pending) append(this.seq, { type: 'text', text: this.pending })
    this.pending = ''
  }

  private add(tok: Inline): Piece {
    this.flush()
    return append(this.seq, tok)
  }

  private plain(): void {
    const src = this.src
    let i = this.pos
    do {
      const code = src.charCodeAt(i)
      // A bare URL or e-mail address can only start a word.
      if (isAlnum(code) && (i === 0 || !isAlnum(src.charCodeAt(i - 1)))) {
        const link = scanBareLink(src, i, this.emails, this.brackets !== null)
        if (link) {
          this.pending += src.slice(this.pos, i)
          const text = decodeEntities(link.text)
          this.add({
            type: 'link',
            href: decodeEntities(link.href),
            title: null,
            children: [{ type: 'text', text }],
          })
          this.pos = link.end
          return
        }
      }
      i++
    } while (i < src.length && !SPECIAL.has(src.charCodeAt(i)))
    // Spaces ending a line are not text (newline() counts them in the source: reading the end of
    // `pending`, a long rope, would flatten it at every line).
    let end = i
    if (src[i] === '\n') while (end > this.pos && src[end - 1] === ' ') end--
    this.pending += src.slice(this.pos, end)
    this.pos = i
  }

  private skipLeadingSpaces(): void {
    while (this.src[this.pos] === ' ') this.pos++
  }

  private newline(): void {
    // Two spaces or more before it make a hard break (plain() left them out of the text).
    let spaces = 0
    while (this.src[this.pos - 1 - spaces] === ' ') spaces++
    this.pos++
    if (spaces >= 2) this.add({ type: 'br' })
    else this.pending += '\n'
    this.skipLeadingSpaces()
  }

  private backslash(): void {
    const next = this.src[this.pos + 1]
    if (next === '\n') {
      this.pos += 2
      this.add({ type: 'br' })
      this.skipLeadingSpaces()
    } else if (next !== undefined && ESCAPABLE.test(next)) {
      this.pending += next
      this.pos += 2
    } else {
      this.pending += '\\'
      this.pos++
    }
  }

  /** The next backtick run of exactly `length` at or after `from`, or -1. */
  private backtickRun(length: number, from: number): number {
    const src = this.src
    if (!this.backticks) {
      this.backticks = new Map()
      for (let i = src.indexOf('`'); i >= 0; i = src.indexOf('`', i)) {
        const start = i
        while (src[i] === '`') i++
        const runs = this.backticks.get(i - start)
        if (runs) runs.push(start)
        else this.backticks.set(i - start, [start])
      }
    }
    const runs = this.backticks.get(length) ?? []
    // Code spans are looked for left to right, so each length's cursor only moves forward.
    let k = this.backtickCursor.get(length) ?? 0
    while (k < runs.length && runs[k]! < from) k++
    this.backtickCursor.set(length, k)
    return runs[k] ?? -1
  }

  private codeSpan(): void {
    const src = this.src
    let length = 1
    while (src[this.pos + length] === '`') length++
    const close = this.backtickRun(length, this.pos + length)
    if (close < 0) {
      this.pending += src.slice(this.pos, this.pos + length)
      this.pos += length
      return
    }
    let code = src.slice(this.pos + length, close).replace(/\n/g, ' ')
    if (code[0] === ' ' && code[code.length - 1] === ' ' && /[^ ]/.test(code)) code = code.slice(1, -1)
    this.add({ type: 'code', text: code })
    this.pos = close + length
  }

  private delimiterRun(ch: string): void {
    const src = this.src
    let length = 1
    while (src[this.pos + length] === ch) length++
    const run = src.slice(this.pos, this.pos + length)
    const before = charBefore(src, this.pos)
    const after = charAt(src, this.pos + length)
    this.pos += length
    if (ch === '~' && length > 2) {
      this.pending += run
      return
    }
    const left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before))
    const right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after))
    // `_` does not open or close inside a word.
    const canOpen = ch === '_' ? left && (!right || isPunct(before)) : left
    const canClose = ch === '_' ? right && (!left || isPunct(after)) : right
    const piece = this.add({ type: 'text', text: run })
    if (canOpen || canClose) pushDelimiter(this.seq, piece, ch, canOpen, canClose)
  }

  private openBracket(image: boolean): void {
    const piece = this.add({ type: 'text', text: image ? '![' : '[' })
    this.pos += image ? 2 : 1
    if (this.brackets) this.brackets.bracketAfter = true
    const delimiter = this.seq.delimiters
    const order = this.opened++
    this.brackets = {
      piece,
      image,
      order,
      start: this.pos,
      bracketAfter: false,
      delimiter,
      prev: this.brackets,
    }
  }

  /** `(destination "title")` right after a `]`: the link's target and where it ends. */
  private inlineTarget(pos: number): { href: string; title: string | null; end: number } | null {
    const src = this.src
    if (src[pos] !== '(') return null
    const dest = scanDestination(src, skipSpace(src, pos + 1))
    if (!dest) return null
    let end = skipSpace(src, dest.end)
    let title: string | null = null
    const scanned = end > dest.end ? scanTitle(src, end) : null
    if (scanned) {
      title = scanned.title
      end = skipSpace(src, scanned.end)
    }
    return src[end] === ')' ? { href: dest.url, title, end: end + 1 } : null
  }

  /** `[label]`, `[]` or nothing after a `]`, looked up in the definitions. */
  private referenceTarget(
    opener: Bracket,
    close: number,
  ): { href: string; title: string | null; end: number } | null {
    if (this.refs.size === 0) return null
    const src = this.src
    LABEL.lastIndex = close + 1
    const match = src[close + 1] === '[' ? LABEL.exec(src) : null
    const length = match ? match[0].length : 0
    let label: string | null = null
    if (length > 2) label = match![1]!
    // A shortcut or collapsed reference: the link text is the label (at most 999 characters).
    else if (!opener.bracketAfter && close - opener.start < 1000) label = src.slice(opener.start, close)
    const ref = label === null ? undefined : this.refs.get(normalizeLabel(label))
    return ref ? { ...ref, end: close + 1 + length } : null
  }

  private closeBracket(): void {
    const close = this.pos
    const opener = this.brackets
    // Links do not nest: a `[` before a link that formed opens nothing any more.
    if (!opener || (!opener.image && opener.order < this.linkFloor)) {
      if (opener) this.brackets = opener.prev
      this.pending += ']'
      this.pos++
      return
    }
    const target = this.inlineTarget(close + 1) ?? this.referenceTarget(opener, close)
    this.brackets = opener.prev
    if (!target) {
      this.pending += ']'
      this.pos++
      return
    }
    this.flush()
    processEmphasis(this.seq, opener.delimiter)
    opener.piece.depth = depthOf(opener.piece.next, null) + 1
    const children = tokensOf(opener.piece.next, null)
    opener.piece.next = null
    this.seq.tail = opener.piece
    const { href, title } = target
    opener.piece.tok = opener.image
      ? { type: 'image', href, title, alt: plainText(children) }
      : { type: 'link', href, title, children: unlinked(children) }
    this.pos = target.end
    if (!opener.image) this.linkFloor = opener.order
  }

  private angle(): void {
    const src = this.src
    const auto = scanAutolink(src, this.pos)
    if (auto) {
      this.add({ type: 'link', href: auto.href, title: null, children: [{ type: 'text', text: auto.text }] })
      this.pos = auto.end
      return
    }
    // Raw HTML is kept as the text it is: never parsed, never injected.
    const end = scanHtml(src, this.pos, this.ends)
    const to = end > 0 ? end : this.pos + 1
    this.pending += src.slice(this.pos, to)
    this.pos = to
  }

  private entity(): void {
    ENTITY.lastIndex = this.pos
    const match = ENTITY.exec(this.src)
    const value = match ? entityValue(match[0]) : null
    this.pending += value ?? '&'
    this.pos += value === null ? 1 : match![0].length
  }
}

/** Inline tokens of a paragraph's (heading's, cell's) text, with the block's link definitions. */
export function lexInline(src: string, refs: References): Inline[] {
  return new InlineLexer(src, refs).lex()
}
