import { renderToStaticMarkup } from 'react-dom/server'
import { beforeAll, describe, expect, it } from 'vitest'
import { LazyLexedBlock } from '../lazy-parts.js'
import { Markdown } from '../markdown.js'
import { lexMarkdown } from './lex.js'
import type { Block, Inline } from './tokens.js'

// Any string is markdown: the lexer never throws, its tokens keep their invariants, and what is drawn
// holds only the elements the renderer makes, with only safe links. Hostile inputs (deep nesting,
// thousands of unclosed openers) are here too: they finish because the lexer is linear by design
// (no backtracking regular expression, no rescanning; see markdown/emphasis.ts and inline-scan.ts),
// not because a clock says so. `pnpm bench`-style ratios: packages/components/bench/markdown.bench.ts.

function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff
    return state / 0x80000000
  }
}

// Pieces of markdown syntax, whitespace that matters, and characters that are not text at all.
const PIECES = [
  'a',
  'word ',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '\0',
  '*',
  '**',
  '_',
  '__',
  '~',
  '~~',
  '`',
  '```',
  '~~~',
  '[',
  ']',
  '](',
  ')',
  '(',
  '![',
  '<',
  '>',
  '> ',
  '</',
  '<!--',
  '-->',
  '<div>',
  '<a b="',
  '"',
  "'",
  '&',
  '&amp;',
  '&#',
  ';',
  '\\',
  '#',
  '## ',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '    ',
  '---',
  '===',
  '|',
  '| a |',
  '|---|',
  ':-:',
  '[ ] ',
  '[x] ',
  'http://',
  'https://x.example/',
  'www.',
  'a@b.example',
  '.',
  ',',
  '\uE0000\uE001',
  '\uD83D',
  '\uDE80',
  '🚀',
  'é',
  '\u00a0',
  '[r]: /u "t"\n',
  '[r]',
]

const ELEMENTS = new Set([
  'div',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'code',
  'blockquote',
  'hr',
  'ul',
  'ol',
  'li',
  'span',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'strong',
  'em',
  'del',
  'br',
  'a',
])

const MAX_DEPTH = 80

/** What is wrong with inline tokens (plain checks: hostile inputs make tens of thousands of them). */
function inlineFaults(inlines: readonly Inline[], depth: number, inLink: boolean, faults: string[]): void {
  if (depth > MAX_DEPTH) faults.push(`inline depth ${depth}`)
  for (const tok of inlines) {
    if (tok.type === 'text' && tok.text === '') faults.push('empty text')
    if (tok.type === 'link' && inLink) faults.push('link inside a link')
    if (tok.type === 'link' || tok.type === 'em' || tok.type === 'strong' || tok.type === 'del') {
      inlineFaults(tok.children, depth + 1, inLink || tok.type === 'link', faults)
    }
  }
}

function blockFaults(blocks: readonly Block[], depth: number, faults: string[]): void {
  if (depth > MAX_DEPTH) faults.push(`block depth ${depth}`)
  for (const block of blocks) {
    if (block.type === 'paragraph' || block.type === 'heading')
      inlineFaults(block.inlines, depth, false, faults)
    if (block.type === 'heading' && !(block.depth >= 1 && block.depth <= 6)) faults.push(`h${block.depth}`)
    if (block.type === 'quote') blockFaults(block.blocks, depth + 1, faults)
    if (block.type === 'list') for (const item of block.items) blockFaults(item.blocks, depth + 2, faults)
    if (block.type === 'table') {
      const width = block.align.length
      if (block.head.length !== width || block.rows.some((row) => row.length !== width))
        faults.push('ragged table')
    }
  }
}

/** Lexes and draws `source`; returns what is wrong (nothing, hopefully). */
function faultsOf(source: string): string[] {
  const faults: string[] = []
  blockFaults(lexMarkdown(source), 0, faults)
  const host = document.createElement('div')
  host.innerHTML = renderToStaticMarkup(<Markdown source={source} caret />)
  for (const el of host.querySelectorAll('*')) {
    if (!ELEMENTS.has(el.localName)) faults.push(`<${el.localName}>`)
    for (const attr of el.getAttributeNames())
      if (attr.startsWith('on')) faults.push(`${el.localName}[${attr}]`)
    if (el.localName === 'a' && !/^(https?:\/\/|mailto:)/i.test(el.getAttribute('href') ?? '')) {
      faults.push(`href ${el.getAttribute('href')}`)
    }
  }
  return faults
}

// The lexer's chunk loaded, as after `preloadRunTimelineParts`.
beforeAll(() => LazyLexedBlock.preload())

describe('Markdown on arbitrary input', () => {
  it('never throws on random markdown-ish strings, and draws only safe markup', () => {
    const random = seeded(42)
    for (let i = 0; i < 600; i++) {
      let source = ''
      for (let n = 1 + Math.floor(random() * 40); n > 0; n--)
        source += PIECES[Math.floor(random() * PIECES.length)]
      expect(faultsOf(source), JSON.stringify(source)).toEqual([])
    }
  })

  it('never throws on random UTF-16 (lone surrogates, control characters)', () => {
    const random = seeded(7)
    for (let i = 0; i < 200; i++) {
      const units = Array.from({ length: Math.floor(random() * 80) }, () =>
        random() < 0.5 ? Math.floor(random() * 128) : Math.floor(random() * 0x10000),
      )
      const source = String.fromCharCode(...units)
      expect(faultsOf(source), JSON.stringify(source)).toEqual([])
    }
  })

  it('takes hostile nesting and floods of openers in stride (bounded depth, linear work)', () => {
    const n = 20_000
    const hostile = [
      '>'.repeat(n),
      Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- a`).join('\n'),
      Array.from({ length: 2000 }, (_, i) => `${'>'.repeat(i % 200)} a`).join('\n'),
      `${'*a '.repeat(n)}b${' a*'.repeat(n)}`,
      `${'['.repeat(n)}a${'](u)'.repeat(n)}`,
      `${'!['.repeat(n)}a${']'.repeat(n)}`,
      '[a'.repeat(n),
      '[]('.repeat(n),
      '*a_'.repeat(n),
      'a***b**'.repeat(n / 4),
      Array.from({ length: n }, (_, i) => `${'`'.repeat((i % 40) + 1)}x`).join(''),
      '<!--'.repeat(n),
      '<a b="'.repeat(n),
      '<![CDATA['.repeat(n),
      `https://x.example/${')'.repeat(n)}`,
      `https://x.example/${'&a;'.repeat(n)}`,
      `${'a'.repeat(n)}@`,
      `# a${' #'.repeat(n)} x`,
      `${'|a'.repeat(2000)}\n${'|-'.repeat(2000)}\n${'|1'.repeat(2000)}`,
      `${'a|b\n'.repeat(n)}-|-`,
      'a  \n'.repeat(n / 4),
      `${' '.repeat(n)}x`,
    ]
    for (const [i, source] of hostile.entries()) expect(faultsOf(source), `hostile #${i}`).toEqual([])
  })
})
