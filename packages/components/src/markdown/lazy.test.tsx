import { cleanup, render, waitFor } from '@testing-library/react'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Markdown } from '../markdown.js'

// The lexer's chunk as an app sees it, from a fresh module state (Vitest isolates test files): text
// without markdown syntax is drawn with no lexer at all; the first text with syntax loads it, shows as
// plain paragraphs meanwhile, then formatted. The tests run in order: the first must not load it.

const lexer = vi.hoisted(() => ({ loads: 0 }))
vi.mock('./lexed-block.js', async (importOriginal) => {
  lexer.loads++
  return importOriginal()
})

afterEach(cleanup)

const CARET = '<span class="rl-caret" aria-hidden="true"></span>'

describe('Markdown before and after the lexer loads', () => {
  it('draws text without markdown syntax at once, without the lexer or a Suspense boundary', async () => {
    // renderToString marks every Suspense boundary (`<!--$-->`, `<!--$!-->`): none here.
    expect(renderToString(<Markdown source={'Hello there.\n\nSecond line\nthird line. '} caret />)).toBe(
      `<p>Hello there.</p><p>Second line\nthird line.${CARET}</p>`,
    )
    const streamed = render(<Markdown source="" caret />)
    expect(streamed.container.innerHTML).toBe(CARET)
    streamed.rerender(<Markdown source={'Hi!\n\nHow can I'} caret />)
    expect(streamed.container.innerHTML).toBe(`<p>Hi!</p><p>How can I${CARET}</p>`)
    // Settled: nothing asked for the lexer.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(lexer.loads).toBe(0)
  })

  it('shows text with syntax as plain paragraphs until the lexer is there, then formatted', async () => {
    const source = 'Intro, plain.\n\nSome **bold** and `code`\nover two lines.\n\n- one\n- two'
    const view = render(
      <div data-testid="md">
        <Markdown source={source} caret />
      </div>,
    )
    const root = view.getByTestId('md')
    // The first render: the text where it will stand, unformatted; the plain block as it stays.
    expect(root.innerHTML).toBe(
      `<p>Intro, plain.</p><p>Some **bold** and \`code\`\nover two lines.</p><p>- one\n- two${CARET}</p>`,
    )
    // Streaming goes on while it loads: the growing block's fallback grows.
    view.rerender(
      <div data-testid="md">
        <Markdown source={`${source}\n- thr`} caret />
      </div>,
    )
    expect(root.querySelector('p:last-child')?.textContent).toBe('- one\n- two\n- thr')
    await waitFor(() => expect(root.querySelector('strong')?.textContent).toBe('bold'))
    expect(lexer.loads).toBe(1)
    expect(root.innerHTML).toBe(
      `<p>Intro, plain.</p><p>Some <strong>bold</strong> and <code>code</code>\nover two lines.</p>` +
        `<ul><li>one</li><li>two</li><li>thr${CARET}</li></ul>`,
    )
    // From now on, drawn formatted at once (no fallback in between).
    view.rerender(
      <div data-testid="md">
        <Markdown source={`${source}\n- three\n\nA *new* block`} caret />
      </div>,
    )
    expect(root.querySelector('li:last-child')?.textContent).toBe('three')
    expect(root.querySelector('p:last-child')?.innerHTML).toBe(`A <em>new</em> block${CARET}`)
  })
})
