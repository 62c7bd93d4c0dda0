// @vitest-environment node
// Server rendering: no window, sessionStorage or requestAnimationFrame at import or render.
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { RunlineProvider, useRunStream, useThreadMessages } from './index.js'
import { ASSISTANT, createTestBackend } from './test-utils/sim.js'

function Chat() {
  const run = useRunStream({ assistantId: ASSISTANT, resume: true })
  const messages = useThreadMessages(run.threadId)
  return <p role="status">{`${run.status} ${messages.status}`}</p>
}

describe('SSR', () => {
  it('renders on a server without touching browser globals', () => {
    expect(typeof window).toBe('undefined')
    const { client } = createTestBackend()
    const html = renderToString(
      <RunlineProvider client={client}>
        <Chat />
      </RunlineProvider>,
    )
    expect(html).toContain('idle pending')
  })
})
