import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { LazyLexedBlock } from './lazy-parts.js'
import { lexMarkdown } from './markdown/lex.js'
import { CITATION_CLOSE, CITATION_OPEN, Markdown, safeHref, splitMarkdownBlocks } from './markdown.js'

// The real lexer, watched: which texts each render lexes.
vi.mock('./markdown/lex.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./markdown/lex.js')>()
  return { ...real, lexMarkdown: vi.fn(real.lexMarkdown) }
})

function md(source: string) {
  return render(
    <div data-testid="md">
      <Markdown source={source} />
    </div>,
  ).getByTestId('md')
}

// The lexer's chunk loaded, as after `preloadRunTimelineParts` (markdown/lazy.test.tsx: before it is).
beforeAll(() => LazyLexedBlock.preload())
afterEach(cleanup)

describe('Markdown', () => {
  it('never renders raw HTML: tags show as text', () => {
    const root = md(
      'Hi <img src=x onerror="alert(1)"> and <script>alert(2)</script>\n\n<div onclick="x()">block</div>\n\n<iframe src="https://evil.test"></iframe>',
    )
    expect(root.querySelector('img, script, iframe, [onclick], [onerror]')).toBeNull()
    expect(root.textContent).toContain('<img src=x onerror="alert(1)">')
    expect(root.textContent).toContain('<script>alert(2)</script>')
    expect(root.textContent).toContain('<div onclick="x()">block</div>')
  })

  it('links only http(s) and mailto, in a new tab without opener or referrer', () => {
    const root = md(
      '[safe](https://example.com/a) [mail](mailto:a@b.c) [bad](javascript:alert(1)) [data](data:text/html,x) [rel](/local) <https://auto.example>',
    )
    const links = [...root.querySelectorAll('a')]
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/a',
      'mailto:a@b.c',
      'https://auto.example',
    ])
    for (const a of links) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer')
      expect(a.getAttribute('target')).toBe('_blank')
    }
    // Unsafe links keep their text, unlinked.
    expect(root.textContent).toContain('bad')
    expect(root.textContent).not.toContain('javascript:')
  })

  it('does not load markdown images; a safe one becomes a link', () => {
    const root = md('![chart](https://example.com/c.png) ![x](javascript:alert(1))')
    expect(root.querySelector('img')).toBeNull()
    expect(root.querySelector('a')?.getAttribute('href')).toBe('https://example.com/c.png')
  })

  it('renders fenced code in pre > code, even while the fence is still open', () => {
    const open = md('Look:\n\n```python\nprint("<b>hi</b>")\n')
    const code = open.querySelector('pre > code.language-python')
    expect(code?.textContent).toBe('print("<b>hi</b>")')
    expect(open.querySelector('b')).toBeNull()
  })

  it('renders headings (shifted below the page), lists, emphasis, inline code, tables and entities', () => {
    const root = md(
      '# Title\n\n- **bold** and *em* and `code` &amp; &copy;\n- two\n\n1. one\n2. two\n\n| a | b |\n|---|---|\n| 1 | 2 |',
    )
    expect(screen.getByRole('heading', { level: 3, name: 'Title' })).toBeTruthy()
    expect(root.querySelectorAll('ul > li')).toHaveLength(2)
    expect(root.querySelectorAll('ol > li')).toHaveLength(2)
    expect(root.querySelector('strong')?.textContent).toBe('bold')
    expect(root.querySelector('em')?.textContent).toBe('em')
    expect(root.querySelector('li code')?.textContent).toBe('code')
    expect(root.querySelector('li')?.textContent).toContain('& ©')
    expect(root.querySelectorAll('table td')).toHaveLength(2)
  })

  it('cuts text into blocks at blank lines outside code, keeping lists and continuations together', () => {
    expect(splitMarkdownBlocks('a\n\nb')).toEqual(['a\n', 'b'])
    expect(splitMarkdownBlocks('```\nx\n\ny\n```\n\nz')).toEqual(['```\nx\n\ny\n```\n', 'z'])
    expect(splitMarkdownBlocks('- a\n\n- b\n\n  more')).toEqual(['- a\n\n- b\n\n  more'])
    // A last line that may still grow into a list marker (`-`, `2.`) is not cut off yet: streamed
    // text must be cut where the whole text is.
    expect(splitMarkdownBlocks('- a\n\n-')).toEqual(['- a\n\n-'])
    expect(splitMarkdownBlocks('1. a\n\n2')).toEqual(['1. a\n\n2'])
    expect(splitMarkdownBlocks('- a\n\n-x')).toEqual(['- a\n', '-x'])
    expect(splitMarkdownBlocks('- a\n\n-\n  b')).toEqual(['- a\n\n-\n  b'])
  })

  it('puts the streaming caret at the end of the last text, inside the block that holds it', () => {
    const caretIn = (source: string) => {
      const root = render(
        <div data-testid="md">
          <Markdown source={source} caret />
        </div>,
      ).getByTestId('md')
      const carets = root.querySelectorAll('.rl-caret')
      expect(carets).toHaveLength(1)
      expect(carets[0]!.getAttribute('aria-hidden')).toBe('true')
      const parent = carets[0]!.parentElement!
      cleanup()
      return `${parent.tagName.toLowerCase()}:${parent.textContent}`
    }
    expect(caretIn('Hello **wor')).toBe('p:Hello **wor')
    // After a list, with or without the newline that ends its last item: in that item, not below it.
    expect(caretIn('Steps:\n\n- one\n- two')).toBe('li:two')
    expect(caretIn('Steps:\n\n- one\n- two\n')).toBe('li:two')
    expect(caretIn('- one\n- two\n\n')).toBe('li:two')
    expect(caretIn('- one\n  - nested')).toBe('li:nested')
    expect(caretIn('1. one\n\n2. two')).toBe('p:two')
    expect(caretIn('- ')).toBe('li:')
    expect(caretIn('# Title')).toBe('h3:Title')
    expect(caretIn('> quoted')).toBe('p:quoted')
    expect(caretIn('```js\nlet a')).toBe('code:let a')
    expect(caretIn('| a | b |\n|---|---|\n| 1 | 2 |')).toBe('td:2')
    expect(caretIn('')).toBe('div:')
    // Without `caret`, none.
    expect(md('- one').querySelector('.rl-caret')).toBeNull()
  })

  it('renders a text streamed in pieces exactly as the whole text rendered at once', () => {
    const text = [
      '## Plan',
      '',
      'First a paragraph with **bold** and `code`.',
      '',
      '- one',
      '',
      '- two',
      '',
      '  continued',
      '',
      '```python',
      'x = 1',
      '',
      'y = 2',
      '```',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '> quote',
      '',
      'The end.',
    ].join('\n')
    const streamed = render(
      <div data-testid="streamed">
        <Markdown source="" caret />
      </div>,
    )
    for (let end = 1; end <= text.length; end += 3) {
      const source = text.slice(0, end)
      streamed.rerender(
        <div data-testid="streamed">
          <Markdown source={source} caret />
        </div>,
      )
      const whole = render(
        <div data-testid="whole">
          <Markdown source={source} caret />
        </div>,
      )
      expect(streamed.getByTestId('streamed').innerHTML).toBe(whole.getByTestId('whole').innerHTML)
      whole.unmount()
    }
    // A source that is not an extension of the last one (an edit) renders right too.
    streamed.rerender(
      <div data-testid="streamed">
        <Markdown source={'Edited.\n\n- a'} />
      </div>,
    )
    expect(streamed.getByTestId('streamed').innerHTML).toBe('<p>Edited.</p><ul><li>a</li></ul>')
  })

  it('lexes only the growing last block on each update, never the finished ones again', () => {
    // Markdown in each (plain text is not lexed at all).
    const paragraphs = Array.from(
      { length: 80 },
      (_, i) => `**Paragraph ${i}**: ${'lorem *ipsum* '.repeat(30)}`,
    )
    const text = paragraphs.join('\n\n')
    const lex = vi.mocked(lexMarkdown)
    try {
      const view = render(<Markdown source="" caret />)
      let most = 0
      for (let end = 40; end <= text.length; end += 40) {
        lex.mockClear()
        view.rerender(<Markdown source={text.slice(0, end)} caret />)
        const lexed = lex.mock.calls.reduce((n, [source]) => n + source.length, 0)
        most = Math.max(most, lexed)
        // The growing block, plus the one that just finished (it loses the caret) at a boundary.
        expect(lex.mock.calls.length).toBeLessThanOrEqual(2)
      }
      const longest = Math.max(...paragraphs.map((p) => p.length)) + 2
      expect(most).toBeLessThanOrEqual(2 * longest)
      expect(view.container.querySelectorAll('p')).toHaveLength(80)
    } finally {
      lex.mockClear()
    }
  })

  it('draws a burst of many finished blocks over the next frames, in order, then exactly as a whole', async () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => `Paragraph ${i}: ${'lorem ipsum '.repeat(25)}`)
    const burst = `${paragraphs.join('\n\n')}\n\nStill wri`
    const streamed = render(
      <div data-testid="streamed">
        <Markdown source="Intro." caret />
      </div>,
    )
    streamed.rerender(
      <div data-testid="streamed">
        <Markdown source={burst} caret />
      </div>,
    )
    const drawn = () => streamed.getByTestId('streamed').querySelectorAll('p')
    // The first render after the burst draws a few blocks, from the top, the caret ending the last.
    const first = drawn()
    expect(first.length).toBeGreaterThan(1)
    expect(first.length).toBeLessThan(12)
    expect(first[0]!.textContent).toMatch(/^Paragraph 0: /)
    expect(first[first.length - 1]!.querySelector('.rl-caret')).not.toBeNull()
    expect(streamed.container.querySelectorAll('.rl-caret')).toHaveLength(1)
    // The next frames draw the rest, growing block last: the same markup as the whole text at once.
    await waitFor(() => expect(drawn()).toHaveLength(31))
    const whole = render(
      <div data-testid="whole">
        <Markdown source={burst} caret />
      </div>,
    )
    expect(streamed.getByTestId('streamed').innerHTML).toBe(whole.getByTestId('whole').innerHTML)
  })

  it('draws citation marks where they stand: in text, after a bare URL, as a file link', () => {
    const mark = (i: number) => `${CITATION_OPEN}${i}${CITATION_CLOSE}`
    const root = render(
      <div data-testid="md">
        <Markdown
          source={`Fact${mark(0)} and https://x.example/a${mark(1)}.\n\n[download](${mark(2)}) and \`code${mark(3)}\``}
          renderCitation={(index, label) => <cite data-index={index}>{label ?? `[${index}]`}</cite>}
        />
      </div>,
    ).getByTestId('md')
    const cites = [...root.querySelectorAll('cite')].map((c) => `${c.dataset.index}:${c.textContent}`)
    expect(cites).toEqual(['0:[0]', '1:[1]', '2:download', '3:[3]'])
    // The bare URL ends before its citation mark.
    expect(root.querySelector('a')?.getAttribute('href')).toBe('https://x.example/a')
  })

  it('safeHref allows only http(s) and mailto', () => {
    expect(safeHref(' https://x.y ')).toBe('https://x.y')
    expect(safeHref('JAVASCRIPT:alert(1)')).toBeNull()
    expect(safeHref('vbscript:x')).toBeNull()
    expect(safeHref('//evil.test')).toBeNull()
  })
})
