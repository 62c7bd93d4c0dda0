import { Lexer } from 'marked'

/** marked's options for every lex of assistant text. */
export const LEX_OPTIONS = { gfm: true, breaks: false } as const

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
