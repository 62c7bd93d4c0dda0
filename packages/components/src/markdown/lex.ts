import { BlockLexer } from './block-lex.js'
import { splitRow } from './block-scan.js'
import type { BlockNode } from './block-tree.js'
import { lexInline, type References } from './inline-lex.js'
import type { Block, ListItem } from './tokens.js'

// Runline's markdown lexer: CommonMark blocks and inlines plus GFM tables, task items,
// strikethrough and bare URLs, as tokens (markdown/tokens.ts). The block tree comes first
// (markdown/block-lex.ts), then each paragraph, heading and cell is lexed inline with the link
// definitions the whole text holds. Linear in the text's length; never throws on any string.

const TASK = /^\[([ xX])\][ \t]+(?=\S)/

function itemOf(item: BlockNode, refs: References): ListItem {
  let task: ListItem['task'] = null
  const first = item.kids[0]
  const match = first?.kind === 'para' && first.lines.length > 0 ? TASK.exec(first.lines[0]!) : null
  if (match) {
    task = match[1] === ' ' ? 'open' : 'done'
    first!.lines[0] = first!.lines[0]!.slice(match[0].length)
  }
  return { task, blocks: blocksOf(item.kids, refs) }
}

function blockOf(block: BlockNode, refs: References): Block | null {
  const { lines } = block
  switch (block.kind) {
    case 'para':
      // A paragraph of link definitions only shows nothing.
      return lines.length > 0
        ? { type: 'paragraph', inlines: lexInline(lines.join('\n').trim(), refs) }
        : null
    case 'heading':
      return { type: 'heading', depth: block.num, inlines: lexInline(lines.join('\n').trim(), refs) }
    case 'fence':
      return { type: 'code', lang: /^\S*/.exec(block.info)![0], text: lines.join('\n') }
    case 'indent':
      return { type: 'code', lang: '', text: lines.join('\n') }
    case 'html':
      return { type: 'html', text: lines.join('\n').trimEnd() }
    case 'quote':
      return { type: 'quote', blocks: blocksOf(block.kids, refs) }
    case 'list':
      return {
        type: 'list',
        ordered: block.ordered,
        start: block.num,
        loose: block.loose,
        items: block.kids.map((item) => itemOf(item, refs)),
      }
    case 'table': {
      // Every row gets the header's width: missing cells are empty, extra ones dropped.
      const row = (line: string) => {
        const cells = splitRow(line)
        return block.align.map((_, i) => lexInline(cells[i] ?? '', refs))
      }
      return { type: 'table', align: block.align, head: row(lines[0]!), rows: lines.slice(2).map(row) }
    }
    case 'rule':
      return { type: 'rule' }
    default:
      return null
  }
}

function blocksOf(nodes: readonly BlockNode[], refs: References): Block[] {
  const out: Block[] = []
  for (const child of nodes) {
    const block = blockOf(child, refs)
    if (block) out.push(block)
  }
  return out
}

/** The block tokens of a markdown text. */
export function lexMarkdown(source: string): Block[] {
  const lexer = new BlockLexer()
  const doc = lexer.lex(source.includes('\0') ? source.replace(/\0/g, '\uFFFD') : source)
  return blocksOf(doc.kids, lexer.refs)
}

// Between them they touch every kind of block and inline token: lexing them once before the first
// streamed text gets the lexer's functions compiled outside a streamed frame.
const WARM_UP_SAMPLES = [
  'Plain *em*, **strong**, `code`, ~~del~~, [link](https://example.com "t") &amp; <https://a.example>, www.example.com.\n\n## Heading\n\nText\n===\n\n---',
  '- one\n- [x] two\n\n1. first\n2. second\n\n> quote\n\n```ts\nconst x = 1\n```\n\n    indented\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n<b>raw</b>',
]
let warmedUp = 0

/**
 * Lexes the next small sample (false once all are done), so the lexer is compiled before the first
 * streamed text instead of inside that frame. Each call takes well under a millisecond: run them in
 * idle time, one call per slice (see `warmUpRunTimeline`).
 */
export function warmUpMarkdownStep(): boolean {
  const sample = WARM_UP_SAMPLES[warmedUp]
  if (sample === undefined) return false
  warmedUp++
  lexMarkdown(sample)
  return warmedUp < WARM_UP_SAMPLES.length
}
