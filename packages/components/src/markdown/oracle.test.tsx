import { beforeAll, describe, expect, it } from 'vitest'
import { LazyLexedBlock } from '../lazy-parts.js'
import { MARKDOWN_CORPUS, recordedAssistantTexts } from '../test-utils/markdown-corpus.js'
import { markedHtml, normalise, runlineHtml } from '../test-utils/markdown-oracle.js'

// Runline's markdown against marked, the library it replaced (now only a devDependency): the same
// text drawn by both, compared as normalised DOM (see test-utils/markdown-oracle.tsx). Every sample
// must match, except the deliberate differences below, each pinned to what Runline draws.

interface Difference {
  source: string
  /** Runline's normalised DOM for it. */
  runline: string
  why: string
}

const DELIBERATE: readonly Difference[] = [
  {
    source: '[ref link][ref] and [ref] and [ref][]\n\n[ref]: https://example.com/ref "Ref title"',
    runline: '<p>[ref link][ref] and [ref] and [ref][]</p>',
    why: 'A link definition applies within its block (text up to a blank line): blocks are lexed alone so that finished ones never change while text streams (as before, with marked per block).',
  },
  {
    source: '[a](https://example.com?q=1&amp;r=2)',
    runline: '<p><a href="https://example.com?q=1&amp;r=2">a</a></p>',
    why: 'Character references in a link destination are decoded (CommonMark); marked keeps `&amp;` in the URL.',
  },
  {
    source: 'https://example.com/?q=a&amp;b',
    runline: '<p><a href="https://example.com/?q=a&amp;b">https://example.com/?q=a&amp;b</a></p>',
    why: 'The same for a bare URL: its href is decoded like its text.',
  },
  {
    source: '[a](https://example.com/%20ok%zz)',
    runline: '<p><a href="https://example.com/%20ok%25zz">a</a></p>',
    why: 'A `%` that starts no escape is encoded (%25), as CommonMark renderers do; marked leaves it.',
  },
  {
    source: '&notanentity; & alone &amp',
    runline: '<p>&amp;notanentity; &amp; alone &amp;amp</p>',
    why: 'Not a known reference: shown as written. marked passes it through as HTML, where the browser reads `&not` as ¬.',
  },
  {
    source: '[<https://a.example>](https://b.example)',
    runline: '<p><a href="https://b.example">https://a.example</a></p>',
    why: 'Links do not nest: an autolink inside link text is its text. marked nests two <a>, which the DOM splits apart.',
  },
  {
    source: '[https://example.com/in-brackets] not a link',
    runline:
      '<p>[<a href="https://example.com/in-brackets">https://example.com/in-brackets</a>] not a link</p>',
    why: 'After an open `[`, a `]` ends a bare URL (so `[see https://a](https://b)` stays a link); marked takes the `]` into the URL.',
  },
  {
    source: '<a@b>',
    runline: '<p><a href="mailto:a@b">a@b</a></p>',
    why: "CommonMark's e-mail autolink takes a one-label domain; marked wants a dot.",
  },
  {
    source: '<pre>\nx\n\ny\n</pre>',
    runline: '<p>&lt;pre&gt; x</p><p>y &lt;/pre&gt;</p>',
    why: 'An HTML block of kinds 1–5 (<pre>, <script>, comments) that spans a blank line is cut there: blocks are split at blank lines for streaming, and raw HTML shows as text anyway.',
  },
]

const all = Object.entries(MARKDOWN_CORPUS).flatMap(([group, sources]) =>
  sources.map((source) => ({ group, source })),
)

// The lexer's chunk loaded, as after `preloadRunTimelineParts`.
beforeAll(() => LazyLexedBlock.preload())

describe('Markdown vs marked (oracle)', () => {
  it('draws every hand-written sample as marked does, but for the deliberate differences', () => {
    const deliberate = new Map(DELIBERATE.map((d) => [d.source, d]))
    expect(all.length).toBeGreaterThan(240)
    for (const { group, source } of all) {
      const ours = normalise(runlineHtml(source))
      const theirs = normalise(markedHtml(source))
      const difference = deliberate.get(source)
      if (difference) {
        expect(ours, `${group}: ${difference.why}`).toBe(difference.runline)
        expect(theirs, `${group}: marked still differs`).not.toBe(ours)
      } else {
        expect(ours, `${group}: ${JSON.stringify(source)}`).toBe(theirs)
      }
    }
    // Every listed difference is a sample of the corpus.
    for (const { source } of DELIBERATE)
      expect(
        all.some((s) => s.source === source),
        source,
      ).toBe(true)
  })

  it('draws the assistant texts of every real recording as marked does', async () => {
    const texts = await recordedAssistantTexts()
    expect(texts.length).toBeGreaterThan(10)
    for (const { name, text } of texts) {
      expect(normalise(runlineHtml(text)), name).toBe(normalise(markedHtml(text)))
    }
  })

  it('the normalisation keeps what matters: structure, text, links and their targets', () => {
    // A change in any of these shows (the oracle cannot pass by erasing them).
    expect(normalise(markedHtml('*a*'))).not.toBe(normalise(markedHtml('**a**')))
    expect(normalise(markedHtml('[a](https://x.example)'))).not.toBe(
      normalise(markedHtml('[a](https://y.example)')),
    )
    expect(normalise(markedHtml('- a\n- b'))).not.toBe(normalise(markedHtml('- a\n\n- b')))
    expect(normalise(markedHtml('| a |\n|:-|\n| b |'))).not.toBe(normalise(markedHtml('| a |\n|-:|\n| b |')))
    expect(normalise(markedHtml('- [ ] a'))).not.toBe(normalise(markedHtml('- [x] a')))
    expect(normalise(markedHtml('```js\na\n```'))).not.toBe(normalise(markedHtml('```\na\n```')))
    expect(normalise(runlineHtml('- [ ] a'))).toBe('<ul><li data-task="open">a</li></ul>')
  })
})
