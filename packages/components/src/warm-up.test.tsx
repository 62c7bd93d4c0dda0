import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { Markdown } from './markdown.js'
import { warmUpRunTimeline } from './warm-up.js'

// From a fresh module state (Vitest isolates test files): the warm-up loads the markdown lexer's chunk,
// so the first message with markdown is drawn formatted at once.

// The real lexer, its warm-up steps watched: what each returned.
const lexer = vi.hoisted(() => ({ steps: [] as boolean[] }))
vi.mock('./markdown/lex.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./markdown/lex.js')>()
  return {
    ...real,
    warmUpMarkdownStep: () => {
      const more = real.warmUpMarkdownStep()
      lexer.steps.push(more)
      return more
    },
  }
})

const formatted = () => renderToString(<Markdown source="Some **bold** text" />)

describe('warmUpRunTimeline', () => {
  it('loads the markdown lexer in idle time and lexes its samples, so markdown is formatted at once', async () => {
    // Before: the text as it is (the lexer is not there; renderToString cannot wait).
    expect(formatted()).not.toContain('<strong>')
    warmUpRunTimeline()
    // Its two samples lexed, one slice each, the last saying it is done.
    await vi.waitFor(() => expect(lexer.steps).toEqual([true, false]), { timeout: 10_000 })
    expect(formatted()).toContain('Some <strong>bold</strong> text')
  })
})
