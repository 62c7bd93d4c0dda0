import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Markdown, safeHref, splitMarkdownBlocks } from './markdown.js'

function md(source: string) {
  return render(
    <div data-testid="md">
      <Markdown source={source} />
    </div>,
  ).getByTestId('md')
}

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
  })

  it('safeHref allows only http(s) and mailto', () => {
    expect(safeHref(' https://x.y ')).toBe('https://x.y')
    expect(safeHref('JAVASCRIPT:alert(1)')).toBeNull()
    expect(safeHref('vbscript:x')).toBeNull()
    expect(safeHref('//evil.test')).toBeNull()
  })
})
