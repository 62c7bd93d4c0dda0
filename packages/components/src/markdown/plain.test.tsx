import type { ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { MARKDOWN_CORPUS, recordedAssistantTexts } from '../test-utils/markdown-corpus.js'
import { CITATION_CLOSE, CITATION_OPEN, CitationContext, type CitationRenderer } from './citations.js'
import { LexedBlock } from './lexed-block.js'
import { hasMarkdownSyntax, PlainBlock } from './plain.js'
import { splitMarkdownBlocks } from './split.js'

// A block the scan calls plain is drawn without the lexer (markdown/plain.tsx). That is only right if
// the lexer would draw it the same: checked here, as markup, for every text the scan passes, with and
// without the caret, with citations drawn: random strings of prose (with now and then a piece of
// syntax), random UTF-16, the oracle's hand-written corpus and the real recordings' assistant texts.
// Each text is checked whole and block by block, as <Markdown> cuts it.

const cite: CitationRenderer = (index) => <cite>[{index}]</cite>

function markup(node: ReactNode): string {
  return renderToStaticMarkup(<CitationContext.Provider value={cite}>{node}</CitationContext.Provider>)
}

/** Checks `text` and its blocks; returns how many of them the scan passed as plain. */
function expectPlainDrawnAsLexed(text: string, label: string): number {
  let plain = 0
  for (const source of [text, ...splitMarkdownBlocks(text)]) {
    if (hasMarkdownSyntax(source)) continue
    plain++
    for (const caret of [false, true]) {
      expect(
        markup(<PlainBlock source={source} caret={caret} />),
        `${label}: ${JSON.stringify(source)}`,
      ).toBe(markup(<LexedBlock source={source} headingOffset={2} caret={caret} />))
    }
  }
  return plain
}

function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff
    return state / 0x80000000
  }
}

// Prose and the characters next to syntax: what the scan must let through, and must not let through wrong.
const PROSE = [
  'word',
  'Word',
  ' ',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n',
  '\n\n',
  '\n\n\n',
  '.',
  ',',
  ';',
  ':',
  '?',
  '!',
  '(',
  ')',
  '"',
  "'",
  '=',
  '-',
  '+',
  '#',
  '1',
  '42',
  '%',
  '$',
  '^',
  '/',
  '{',
  '}',
  'é',
  '日本語',
  '🚀',
  '\uD83D',
  '\u00a0',
  '\u2028',
  '\u200b',
  '\ufeff',
  '\u000b',
  '\u000c',
  '\u0085',
  `${CITATION_OPEN}0${CITATION_CLOSE}`,
  `${CITATION_OPEN}12${CITATION_CLOSE}`,
  CITATION_OPEN,
  'http',
  'www',
  'mailto',
]
// Syntax, now and then: a text holding one is not plain, but its other blocks may be.
const SYNTAX = ['*', '_', '`', '~', '[', ']', '<', '>', '|', '\\', '&', '@', '\r', '\0', '1. ', '- ', '    ']

function randomText(random: () => number): string {
  let text = ''
  for (let n = 1 + Math.floor(random() * 30); n > 0; n--) {
    const pieces = random() < 0.05 ? SYNTAX : PROSE
    text += pieces[Math.floor(random() * pieces.length)]
  }
  return text
}

describe('plain text drawn without the lexer', () => {
  it('is drawn as the lexer draws it: random prose', () => {
    const random = seeded(11)
    let plain = 0
    for (let i = 0; i < 3000; i++) plain += expectPlainDrawnAsLexed(randomText(random), `text ${i}`)
    // The scan lets most of them through: the check is not vacuous.
    expect(plain).toBeGreaterThan(1500)
  })

  it('is drawn as the lexer draws it: random UTF-16', () => {
    const random = seeded(12)
    let plain = 0
    for (let i = 0; i < 1500; i++) {
      const units = Array.from({ length: Math.floor(random() * 40) }, () =>
        random() < 0.7
          ? 32 + Math.floor(random() * 96)
          : random() < 0.5
            ? Math.floor(random() * 32)
            : Math.floor(random() * 0x10000),
      )
      plain += expectPlainDrawnAsLexed(String.fromCharCode(...units), `utf-16 ${i}`)
    }
    expect(plain).toBeGreaterThan(100)
  })

  it("is drawn as the lexer draws it: the oracle's corpus and the real recordings", async () => {
    let plain = 0
    for (const [group, sources] of Object.entries(MARKDOWN_CORPUS)) {
      for (const source of sources) plain += expectPlainDrawnAsLexed(source, group)
    }
    const texts = await recordedAssistantTexts()
    expect(texts.length).toBeGreaterThan(10)
    for (const { name, text } of texts) {
      plain += expectPlainDrawnAsLexed(text, name)
      // Each prefix, as it streams in.
      for (let end = 0; end <= text.length; end += 7)
        plain += expectPlainDrawnAsLexed(text.slice(0, end), name)
    }
    expect(plain).toBeGreaterThan(50)
  })

  it('the scan finds what starts markdown', () => {
    for (const text of [
      'a *b*',
      'a_b',
      '`c`',
      '~~d~~',
      '[l](https://x.example)',
      '<b>',
      'a > b',
      'a | b',
      'a\\b',
      '&amp;',
      'see https://x.example',
      'see www.example.com',
      'mail a@b.example',
      '# h',
      'a\n===',
      'a\n---',
      '- item',
      '+ item',
      '1. item',
      '2) item',
      '    code',
      'a  \nb',
      'a\n b',
      ' a',
      'a\r\nb',
      'a\0b',
    ]) {
      expect(hasMarkdownSyntax(text), JSON.stringify(text)).toBe(true)
    }
    for (const text of [
      '',
      'Hello!',
      'One.\n\nTwo, (three); 4 - 5 = -1?',
      'C# and 100% #1',
      'Done: 3.5 pts',
    ]) {
      expect(hasMarkdownSyntax(text), JSON.stringify(text)).toBe(false)
    }
  })
})
