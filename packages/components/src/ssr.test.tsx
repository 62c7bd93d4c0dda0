// @vitest-environment node
// Server rendering of generated streams (core's seeded generator only loads outside jsdom).
import { STATUS_WORDS as RUN_STATUS_WORDS, selectTimeline } from '@runline/core'
import { renderToStaticMarkup } from 'react-dom/server'
import { beforeAll, describe, expect, it } from 'vitest'
import { preloadRunTimelineParts, RunTimeline } from './index.js'
import { generateRunStream } from './test-utils/generated.js'
import { eventsOf, fold } from './test-utils/states.js'

// renderToStaticMarkup cannot wait for code: a server that uses it loads the on-demand parts first
// (lazy-parts.ssr.test.tsx shows what it draws without them).
beforeAll(preloadRunTimelineParts)

const fileUrl = (id: string) => `https://files.test/${id}`
const TERMINALS = ['completed', 'incomplete', 'failed', 'cancelled', 'expired', 'requires_action'] as const

describe('RunTimeline renders every generated run on the server', () => {
  it('200 seeds, every terminal status: status words, one row per timeline item, no raw citation markers', async () => {
    const features = new Set<string>()
    for (let seed = 1; seed <= 200; seed++) {
      const terminal = TERMINALS[seed % TERMINALS.length]!
      const generated = generateRunStream(seed, { terminal })
      for (const feature of generated.features) features.add(feature)
      const state = fold(await eventsOf(generated.sse))
      const html = renderToStaticMarkup(<RunTimeline run={state} fileUrl={fileUrl} />)
      const status = /role="status"[^>]*>([^<]*)</.exec(html)?.[1]
      expect(status, `seed ${seed}`).toBe(RUN_STATUS_WORDS[terminal])
      expect(html.match(/<article /g)?.length ?? 0).toBe(selectTimeline(state).length)
      // Citation markers are replaced by chips (the file_citation marker text never shows).
      expect(html, `seed ${seed}`).not.toContain('【')
      if (generated.features.has('file_path')) {
        expect(html).toMatch(
          /<a class="rl-cite" data-type="file_path" href="https:\/\/files\.test\/file_[^"]+" download="out\d+\.csv"/,
        )
      }
      if (generated.features.has('file_citation')) {
        expect(html).toMatch(/<span class="rl-cite" data-type="file_citation" title="Source \d+: doc\.txt">/)
      }
      if (generated.features.has('image_file')) {
        expect(html).toMatch(
          /<img src="https:\/\/files\.test\/file_[^"]+" alt="Assistant attachment file_[^"]+"/,
        )
      }
      if (generated.features.has('image_url')) {
        expect(html).toContain('<img src="https://example.com/a.png" alt="Linked from example.com"')
      }
      if (generated.features.has('code_image')) {
        expect(html).toMatch(/<img src="https:\/\/files\.test\/file_[^"]+" alt="Code interpreter output 1"/)
      }
      if (terminal === 'requires_action') expect(html).toContain('Submit tool outputs')
    }
    // The seeds covered what the assertions above are about.
    for (const needed of [
      'file_path',
      'file_citation',
      'image_file',
      'image_url',
      'code_image',
      'parallel-functions',
    ]) {
      expect(features.has(needed), needed).toBe(true)
    }
  })
})
