import { cleanup, render, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { LazyLexedBlock } from '../lazy-parts.js'
import { Markdown } from '../markdown.js'
import { MARKDOWN_CORPUS, recordedAssistantTexts } from '../test-utils/markdown-corpus.js'

// Streaming: however a text is cut into deltas, what is drawn at the end is what the whole text draws
// (split.ts memoizes the finished blocks, only the growing one is lexed again per delta).

afterEach(cleanup)

/** A seeded pseudo-random number generator in [0, 1): a failing cut can be replayed. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff
    return state / 0x80000000
  }
}

/** Streams `text` into one <Markdown> in random deltas of 1..maxDelta characters. */
async function expectStreamedAsWhole(text: string, random: () => number, maxDelta: number, label: string) {
  const draw = (source: string) => (
    <div className="rl-md">
      <Markdown source={source} caret />
    </div>
  )
  const streamed = render(draw(''))
  for (let end = 0; end < text.length; ) {
    // Cuts may fall anywhere: inside a surrogate pair, a `\r\n`, a fence, an entity.
    end = Math.min(text.length, end + 1 + Math.floor(random() * maxDelta))
    streamed.rerender(draw(text.slice(0, end)))
  }
  const whole = render(draw(text))
  // A burst may be drawn over a few frames: wait for them.
  await waitFor(() => expect(streamed.container.innerHTML, label).toBe(whole.container.innerHTML))
  cleanup()
}

const samples = Object.values(MARKDOWN_CORPUS).flat()

// The lexer's chunk loaded, as after `preloadRunTimelineParts`.
beforeAll(() => LazyLexedBlock.preload())

describe('Markdown streamed in random deltas', () => {
  it('draws each hand-written sample as the whole text does', async () => {
    const random = seeded(1)
    for (const [i, sample] of samples.entries()) await expectStreamedAsWhole(sample, random, 8, `sample ${i}`)
  })

  it('draws the whole corpus, as one long message, as the whole text does (two cuttings)', async () => {
    const text = samples.join('\n\n')
    for (const seed of [2, 3]) await expectStreamedAsWhole(text, seeded(seed), 100, `seed ${seed}`)
  })

  it('draws every recorded assistant text as the whole text does (CRLF too)', async () => {
    const random = seeded(5)
    for (const { name, text } of await recordedAssistantTexts()) {
      await expectStreamedAsWhole(text, random, 24, name)
      await expectStreamedAsWhole(text.replace(/\n/g, '\r\n'), random, 24, `${name} (CRLF)`)
    }
  })
})
