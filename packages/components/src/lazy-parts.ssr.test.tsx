// @vitest-environment node
// Server rendering of the parts loaded on demand, from a fresh module state (nothing loaded yet).
import { type AssistantStreamEvent, initialRunState, reduceRun } from '@runline/core'
import type { ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { prerenderToNodeStream } from 'react-dom/static'
import { describe, expect, it, vi } from 'vitest'
import {
  messageEvents,
  runEvent,
  SAMPLE_CALLS,
  toolCallStepEvents,
} from '../../core/src/test-utils/foundry.js'
import { preloadRunTimelineParts, RunTimeline } from './index.js'
import { recordingState } from './test-utils/states.js'

const state = [
  runEvent('in_progress'),
  ...messageEvents('msg_1', 'Searching for **both** of them.'),
  ...toolCallStepEvents('step_tools', [SAMPLE_CALLS.bing_grounding]),
  runEvent('completed'),
].reduce<typeof initialRunState>((s, e) => reduceRun(s, e as AssistantStreamEvent), initialRunState)

async function prerender(node: ReactNode): Promise<string> {
  const { prelude } = await prerenderToNodeStream(node)
  let html = ''
  for await (const chunk of prelude) html += chunk
  return html
}

describe('parts loaded on demand, on the server', () => {
  it('renderToString cannot wait: the row, with the card empty, the message unformatted, and no error; a static prerender waits for both', async () => {
    const errors = vi.spyOn(console, 'error')
    const html = renderToString(<RunTimeline run={state} />)
    expect(errors).not.toHaveBeenCalled()
    errors.mockRestore()
    expect(html).toContain('data-type="bing_grounding"')
    expect(html).toContain('Completed')
    expect(html).not.toContain('Search on Bing')
    expect(html).toContain('Searching for **both** of them.')
    const waited = await prerender(<RunTimeline run={state} />)
    expect(waited).toContain('Search on Bing')
    expect(waited).toContain('Searching for <strong>both</strong> of them.')
  })

  it('a message that cites shows without its marker texts until its chips load; a static prerender waits for them', async () => {
    const cited = await recordingState('openai-dotnet__file-search-citation__2025-10.sse')
    const html = renderToString(<RunTimeline run={cited} />)
    expect(html).toContain('Completed')
    expect(html).not.toContain('【')
    expect(html).not.toContain('rl-cite')
    expect(html).toMatch(/<div class="rl-md"><p>[^<]+<\/p>/)
    const waited = await prerender(<RunTimeline run={cited} />)
    expect(waited).not.toContain('【')
    expect(waited).toMatch(
      /<span class="rl-cite" data-type="file_citation" title="Source 1: favorite_foods\.txt">/,
    )
    expect(waited).toContain('aria-label="Sources"')
  })

  it('after preloadRunTimelineParts, renderToString draws every part', async () => {
    await preloadRunTimelineParts()
    const html = renderToString(<RunTimeline run={state} />)
    expect(html).toContain('Search on Bing')
    expect(html).toContain('Searching for <strong>both</strong> of them.')
  })
})
