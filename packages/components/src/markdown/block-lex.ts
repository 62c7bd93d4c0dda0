import {
  ATX,
  atxText,
  BULLET,
  CLOSE_FENCE,
  delimiterRow,
  HTML_CLOSE,
  HTML_OPEN,
  OPEN_FENCE,
  ORDERED,
  RULE,
  SETEXT,
  splitRow,
  takeDefinitions,
} from './block-scan.js'
import { type BlockNode, type NodeKind, node } from './block-tree.js'
import type { Reference } from './inline-lex.js'
import { isSpaceOrTab, LineCursor } from './line-cursor.js'
import { unescapeText } from './text.js'

// The block structure of markdown, line by line, as CommonMark's parsing strategy describes it: each
// line first continues the open containers it can (quote `>`, list item indentation), then may open
// new blocks, and what is left is added to the innermost open block (or continues a paragraph
// lazily). Each line is looked at a bounded number of times, so the cost is linear in the text.

/**
 * Quotes and lists nest at most this deep; a deeper `>` or list marker is text. Nobody writes more,
 * and it keeps everything that walks the tree (and React's rendering) shallow on hostile input.
 */
const MAX_NESTING = 32

const MAYBE_SPECIAL = /[#`~*+_=<>0-9|:-]/
const ACCEPTS_LINES = new Set<NodeKind>(['para', 'fence', 'indent', 'html', 'table'])

/** Builds the block tree of a text; `refs` collects its link reference definitions. */
export class BlockLexer extends LineCursor {
  readonly doc = node('doc', null, 0)
  readonly refs = new Map<string, Reference>()
  private tip = this.doc
  private oldTip = this.doc
  private lastMatched = this.doc
  private allClosed = true
  private lineNo = -1

  /** Reads the whole text (any line endings) and returns its document node, every block closed. */
  lex(src: string): BlockNode {
    const lines = src.split(/\r\n?|\n/)
    if (lines[lines.length - 1] === '') lines.pop()
    for (const line of lines) this.addLine(line)
    while (this.tip !== this.doc) this.close(this.tip)
    return this.doc
  }

  private addText(): void {
    this.tip.lines.push(this.rest())
    if (!this.blank) this.tip.end = this.lineNo
  }

  private addChild(kind: NodeKind): BlockNode {
    const canContain = (parent: NodeKind) =>
      parent === 'list'
        ? kind === 'item'
        : (parent === 'doc' || parent === 'quote' || parent === 'item') && kind !== 'item'
    while (!canContain(this.tip.kind)) this.close(this.tip)
    const child = node(kind, this.tip, this.lineNo)
    this.tip.kids.push(child)
    this.tip = child
    return child
  }

  private closeUnmatched(): void {
    if (this.allClosed) return
    while (this.oldTip !== this.lastMatched) {
      const parent = this.oldTip.parent!
      this.close(this.oldTip)
      this.oldTip = parent
    }
    this.allClosed = true
  }

  private close(block: BlockNode): void {
    block.open = false
    const { kids, lines } = block
    if (block.kind === 'para' && lines[0]?.[0] === '[') {
      const rest = takeDefinitions(lines.join('\n'), this.refs)
      block.lines = rest ? [rest] : []
    } else if (block.kind === 'indent') {
      while (lines.length > 0 && !/\S/.test(lines[lines.length - 1]!)) lines.pop()
    } else if (block.kind === 'fence') {
      block.info = unescapeText((lines.shift() ?? '').trim())
    } else if (block.kind === 'item' || block.kind === 'quote' || block.kind === 'list') {
      block.end = Math.max(block.kind === 'quote' ? block.end : block.start, kids.at(-1)?.end ?? 0)
    }
    // Loose: blank lines between items, or between two blocks of an item.
    if (block.kind === 'list') {
      block.loose = kids.some(
        (item, i) =>
          (i + 1 < kids.length && kids[i + 1]!.start > item.end + 1) ||
          item.kids.some((kid, j) => j + 1 < item.kids.length && item.kids[j + 1]!.start > kid.end + 1),
      )
    }
    this.tip = block.parent ?? this.doc
  }

  private addLine(line: string): void {
    this.lineNo++
    this.reset(line)
    this.oldTip = this.tip
    // 1. The open containers this line continues.
    let container = this.doc
    for (let last = container.kids.at(-1); last?.open; last = container.kids.at(-1)) {
      this.findNextNonspace()
      const matched = this.continues(last)
      if (matched === 'done') return
      if (matched === 'no') break
      container = last
    }
    this.allClosed = container === this.oldTip
    this.lastMatched = container
    // 2. New blocks it opens.
    let leaf = container.kind === 'fence' || container.kind === 'indent' || container.kind === 'html'
    while (!leaf) {
      this.findNextNonspace()
      const started =
        this.indented || MAYBE_SPECIAL.test(this.line[this.nextNonspace] ?? '') ? this.start(container) : 0
      if (started === 0) {
        this.advanceNextNonspace()
        break
      }
      container = this.tip
      leaf = started === 2
    }
    // 3. The rest of the line.
    if (!this.allClosed && !this.blank && this.tip.kind === 'para') {
      this.addText() // a lazy continuation line
      return
    }
    this.closeUnmatched()
    if (ACCEPTS_LINES.has(container.kind)) {
      this.addText()
      const end = container.kind === 'html' ? HTML_CLOSE[container.num - 1] : undefined
      if (end?.test(this.line.slice(this.pos))) this.close(container)
    } else if (this.pos < this.line.length && !this.blank) {
      this.addChild('para')
      this.advanceNextNonspace()
      this.addText()
    }
  }

  /** Whether `block` continues on this line ('done': the line closed it and is used up). */
  private continues(block: BlockNode): 'yes' | 'no' | 'done' {
    const line = this.line
    switch (block.kind) {
      case 'quote':
        if (this.indented || line[this.nextNonspace] !== '>') return 'no'
        this.advanceNextNonspace()
        this.advance(1, false)
        if (isSpaceOrTab(line[this.pos])) this.advance(1, true)
        block.end = this.lineNo // a quote's blank `>` lines are its own: no blank between items
        return 'yes'
      case 'item':
        if (this.blank) {
          // An item can start with at most one blank line.
          if (block.kids.length === 0) return 'no'
          this.advanceNextNonspace()
        } else if (this.indent >= block.indent) this.advance(block.indent, true)
        else return 'no'
        return 'yes'
      case 'fence': {
        const close =
          this.indent < 4 && line[this.nextNonspace] === block.marker
            ? CLOSE_FENCE.exec(line.slice(this.nextNonspace))
            : null
        if (close && close[0].length >= block.num) {
          block.end = this.lineNo
          this.close(block)
          return 'done'
        }
        for (let i = block.indent; i > 0 && isSpaceOrTab(line[this.pos]); i--) this.advance(1, true)
        return 'yes'
      }
      case 'indent':
        if (this.indented) this.advance(4, true)
        else if (this.blank) this.advanceNextNonspace()
        else return 'no'
        return 'yes'
      case 'html':
        return this.blank && block.num >= 6 ? 'no' : 'yes'
      case 'para':
      case 'table':
        return this.blank ? 'no' : 'yes'
      case 'heading':
      case 'rule':
        return 'no'
      default:
        return 'yes'
    }
  }

  /** Opens the block this line starts, if any: 0 none, 1 a container, 2 a leaf. */
  private start(container: BlockNode): 0 | 1 | 2 {
    const rest = this.line.slice(this.nextNonspace)
    const nest = container.kind === 'list' || container.depth < MAX_NESTING
    if (!this.indented) {
      if (rest[0] === '>' && nest) {
        this.advanceNextNonspace()
        this.advance(1, false)
        if (isSpaceOrTab(this.line[this.pos])) this.advance(1, true)
        this.closeUnmatched()
        this.addChild('quote')
        return 1
      }
      const atx = ATX.exec(rest)
      if (atx) {
        this.closeUnmatched()
        const heading = this.addChild('heading')
        heading.num = atx[0].length
        heading.lines.push(atxText(rest.slice(atx[0].length)))
        this.pos = this.line.length
        return 2
      }
      const fence = OPEN_FENCE.exec(rest)
      if (fence) {
        this.closeUnmatched()
        const code = this.addChild('fence')
        code.marker = fence[0][0]!
        code.num = fence[0].length
        code.indent = this.indent
        // The rest of this line is the info string: the fence's first line until it closes.
        this.advanceNextNonspace()
        this.advance(fence[0].length, false)
        return 2
      }
      const lazy = !this.allClosed && !this.blank && this.tip.kind === 'para'
      for (let kind = 1; kind <= 7; kind++) {
        // Kind 7 (any lone tag) does not interrupt a paragraph.
        if (HTML_OPEN[kind - 1]!.test(rest) && (kind < 7 || (container.kind !== 'para' && !lazy))) {
          this.closeUnmatched()
          this.addChild('html').num = kind
          return 2
        }
      }
      if (container.kind === 'para' && this.paragraphEnd(container, rest)) return 2
      if (RULE.test(rest)) {
        this.closeUnmatched()
        this.addChild('rule')
        this.pos = this.line.length
        return 2
      }
    }
    if (nest && this.listItem(container, rest)) return 1
    if (this.indented && this.tip.kind !== 'para' && !this.blank) {
      this.advance(4, true)
      this.closeUnmatched()
      this.addChild('indent')
      return 2
    }
    return 0
  }

  /** A setext underline or a table's delimiter row under paragraph text: the paragraph becomes it. */
  private paragraphEnd(para: BlockNode, rest: string): boolean {
    if (SETEXT.test(rest)) {
      this.closeUnmatched()
      const text = takeDefinitions(para.lines.join('\n'), this.refs)
      para.lines = text ? [text] : []
      if (!text) return false
      para.kind = 'heading'
      para.num = rest[0] === '=' ? 1 : 2
      para.end = this.lineNo
      this.pos = this.line.length
      return true
    }
    const align = delimiterRow(rest)
    const header = para.lines.at(-1)
    if (!align || header === undefined || splitRow(header).length !== align.length) return false
    this.closeUnmatched()
    para.lines.pop()
    // The paragraph's last line is the header; lines before it stay a paragraph.
    let table = para
    if (para.lines.length > 0) {
      this.close(para)
      table = this.addChild('table')
      table.start = this.lineNo - 1
    } else table.kind = 'table'
    table.align = align
    table.lines = [header]
    return true
  }

  private listItem(container: BlockNode, rest: string): boolean {
    if (this.indented) return false
    const bullet = BULLET.exec(rest)
    const ordered = bullet ? null : ORDERED.exec(rest)
    const marker = bullet ?? ordered
    // Interrupting a paragraph, a list starts at 1 and has text on its first line.
    if (!marker || (ordered && container.kind === 'para' && Number(ordered[1]) !== 1)) return false
    const width = marker[0].length
    if (!isSpaceOrTab(rest[width]) && rest.length > width) return false
    if (container.kind === 'para' && !/\S/.test(rest.slice(width))) return false
    const offset = this.indent
    this.advanceNextNonspace()
    this.advance(width, true)
    const startCol = this.col
    const startPos = this.pos
    do this.advance(1, true)
    while (this.col - startCol < 5 && isSpaceOrTab(this.line[this.pos]))
    const spaces = this.col - startCol
    let padding = width + spaces
    // Five spaces or more start indented code inside the item; none (an empty item) count as one.
    if (spaces >= 5 || spaces < 1 || this.pos >= this.line.length) {
      padding = width + 1
      this.col = startCol
      this.pos = startPos
      this.partialTab = false
      if (isSpaceOrTab(this.line[this.pos])) this.advance(1, true)
    }
    this.closeUnmatched()
    const delimiter = ordered ? ordered[2]! : marker[0]
    const list = this.tip
    if (list.kind !== 'list' || list.marker !== delimiter || list.ordered !== !!ordered) {
      const added = this.addChild('list')
      added.ordered = !!ordered
      added.marker = delimiter
      added.num = ordered ? Number(ordered[1]) : 1
    }
    this.addChild('item').indent = offset + padding
    return true
  }
}
