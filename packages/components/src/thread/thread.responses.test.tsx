// <RunThread wire="responses"> against the real simulator's Responses face, in-process through the
// client's `fetch` option: conversations, their items as history, the live turn and its handover.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import axe from 'axe-core'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestBackend, createWrapper } from '../../../hooks/src/test-utils/sim.js'
import { preloadRunTimelineParts, RunThread } from '../index.js'

// The Responses rows load lazily; loaded up front, a row is its real part from its first render.
beforeAll(preloadRunTimelineParts)
afterEach(cleanup)

type Backend = ReturnType<typeof createTestBackend>

const MODEL = 'runline-sim'
const weather = { get_weather: () => '21 C, sunny' }

/**
 * Counts, after every DOM change, how many elements match each selector: the most at any moment.
 * A row shown twice even for one commit is a duplicate; a count that drops to 0 between two
 * samples where it was 1 is a gap.
 */
function watch(container: HTMLElement, selectors: Record<string, string>) {
  const most: Record<string, number> = {}
  const gaps: Record<string, number> = {}
  const last: Record<string, number> = {}
  const sample = () => {
    for (const [name, selector] of Object.entries(selectors)) {
      const count = container.querySelectorAll(selector).length
      most[name] = Math.max(most[name] ?? 0, count)
      if ((last[name] ?? 0) > 0 && count === 0) gaps[name] = (gaps[name] ?? 0) + 1
      last[name] = count
    }
  }
  const observer = new MutationObserver(sample)
  observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true })
  return { most, gaps, stop: () => observer.disconnect() }
}

const composer = () => screen.getByRole('textbox', { name: 'Message' })

function sendWithEnter(text: string) {
  fireEvent.change(composer(), { target: { value: text } })
  fireEvent.keyDown(composer(), { key: 'Enter' })
}

const liveRegion = () => screen.getByRole('region', { name: 'Current run' })
const liveStatus = () => within(liveRegion()).getAllByRole('status')[0]
const earlierRuns = () => screen.queryAllByRole('region', { name: /^Earlier run \d+$/ })
const bubbles = (container: HTMLElement) =>
  [...container.querySelectorAll('.rl-thread__bubble')].map((node) => node.textContent)

/** A conversation with `turns` finished turns, played as the Responses wire plays them. */
async function conversationWith(backend: Backend, texts: readonly string[]): Promise<string> {
  const { id } = await backend.client.conversations.create()
  for (const text of texts) {
    await backend.client.responses.create({ model: MODEL, conversation: id, input: text })
  }
  return id
}

describe('<RunThread wire="responses">', () => {
  it('the first Send creates a conversation; the turn streams; no message is created', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    const onThreadCreated = vi.fn()
    const { container } = render(
      <RunThread wire="responses" model={MODEL} onThreadCreated={onThreadCreated} />,
      { wrapper: Wrapper },
    )
    expect(screen.getByText('No messages yet')).toBeTruthy()
    act(() => sendWithEnter('Hello there'))
    expect(bubbles(container)).toEqual(['Hello there'])
    await waitFor(() => expect(liveStatus()?.textContent).toBe('Completed'))
    expect(onThreadCreated).toHaveBeenCalledTimes(1)
    expect(onThreadCreated.mock.calls[0]![0]).toMatch(/^conv_/)
    expect(backend.count('POST', /^\/conversations$/)).toBe(1)
    expect(backend.count('POST', /\/messages$/)).toBe(0)
    expect(within(liveRegion()).getByRole('log').querySelector('[data-kind="message"]')).not.toBeNull()
    await waitFor(() => expect(composer()).toHaveProperty('disabled', false))
    expect(bubbles(container)).toEqual(['Hello there'])
  })

  it('two turns (a weather loop answered by a tool handler), then a remount shows both from the items', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    let conversation = ''
    const first = render(
      <RunThread
        wire="responses"
        model={MODEL}
        runOptions={{ tools: weather }}
        onThreadCreated={(id) => {
          conversation = id
        }}
      />,
      { wrapper: Wrapper },
    )
    const seen = watch(first.container, {
      hello: '.rl-thread__bubble',
      call: '.rl-tool--function[data-name="get_weather"]',
      answer: '[data-kind="message"]',
    })
    await act(() => sendWithEnter('Hello'))
    await waitFor(() => expect(liveStatus()?.textContent).toBe('Completed'))
    await waitFor(() => expect(composer()).toHaveProperty('disabled', false))
    await act(() => sendWithEnter('What is the weather in Paris?'))
    await waitFor(() => expect(earlierRuns()).toHaveLength(1))
    await waitFor(() => expect(liveStatus()?.textContent).toBe('Completed'))
    // The handler answered: the live run's call shows its output, and the answer names it.
    expect(within(liveRegion()).getByRole('log').textContent).toMatch(/21 C, sunny/)
    // The finished turn's refetch (no flash: never two copies of a row, never none in between).
    await waitFor(() => expect(backend.count('GET', /\/items$/)).toBeGreaterThanOrEqual(3))
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    seen.stop()
    expect(seen.most).toEqual({ hello: 2, call: 1, answer: 2 })
    expect(seen.gaps).toEqual({})
    expect(bubbles(first.container)).toEqual(['Hello', 'What is the weather in Paris?'])
    first.unmount()

    // Later, from the conversation's items alone.
    const again = render(<RunThread wire="responses" model={MODEL} threadId={conversation} />, {
      wrapper: createWrapper(backend.client).Wrapper,
    })
    expect(screen.getByText('Loading the conversation…')).toBeTruthy()
    await waitFor(() => expect(earlierRuns()).toHaveLength(2))
    expect(bubbles(again.container)).toEqual(['Hello', 'What is the weather in Paris?'])
    expect(screen.queryByRole('region', { name: 'Current run' })).toBeNull()
    const [hello, paris] = earlierRuns()
    expect(within(hello!).getByRole('status').textContent).toBe('Completed')
    expect(hello!.querySelector('[data-kind="message"]')).not.toBeNull()
    expect(within(paris!).getByRole('status').textContent).toBe('Completed')
    const call = paris!.querySelector('.rl-tool--function[data-name="get_weather"]')
    expect(call?.getAttribute('data-state')).toBe('answered')
    expect(call?.textContent).toMatch(/21 C, sunny/)
    expect(paris!.querySelector('[data-kind="function_call_output"]')).toBeNull()
    expect(paris!.querySelector('[data-kind="message"]')?.textContent).toMatch(/21 C, sunny/)
    // A past turn has no tool-output form.
    expect(screen.queryByRole('button', { name: 'Submit tool outputs' })).toBeNull()
  })

  it('the tool-output form: once submitted, the live function cards show the outputs sent', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    render(<RunThread wire="responses" model={MODEL} />, { wrapper: Wrapper })
    await act(() => sendWithEnter("What's the weather in Paris and in Tokyo?"))
    await waitFor(() => expect(liveStatus()?.textContent).toBe('Requires action'))
    const log = within(liveRegion()).getByRole('log')
    const cards = () => [...log.querySelectorAll('.rl-tool--function[data-name="get_weather"]')]
    expect(cards().map((card) => card.getAttribute('data-state'))).toEqual(['waiting', 'waiting'])
    const fields = screen.getAllByLabelText('Output for get_weather')
    expect(fields).toHaveLength(2)
    fields.forEach((field, i) => {
      fireEvent.change(field, { target: { value: `{"forecast": "answer ${i + 1}"}` } })
    })
    fireEvent.click(screen.getByRole('button', { name: 'Submit tool outputs' }))
    await waitFor(() => expect(liveStatus()?.textContent).toBe('Completed'))
    // The API does not echo the outputs: the cards know them from what the wire sent.
    expect(cards().map((card) => card.getAttribute('data-state'))).toEqual(['answered', 'answered'])
    expect(cards().map((card) => card.textContent)).toEqual([
      expect.stringMatching(/Output submitted.*"forecast": "answer 1"/s),
      expect.stringMatching(/Output submitted.*"forecast": "answer 2"/s),
    ])
    expect(log.textContent).not.toMatch(/Waiting for output/)
  })

  it('an MCP approval approved from the form; the turn goes on, then the history shows it once', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    const { container } = render(<RunThread wire="responses" model={MODEL} />, { wrapper: Wrapper })
    await act(() => sendWithEnter('Search the docs over mcp, with approval'))
    await waitFor(() => expect(liveStatus()?.textContent).toBe('Requires action'))
    fireEvent.click(screen.getByRole('button', { name: 'Approve search_docs' }))
    await waitFor(() => expect(liveStatus()?.textContent).toBe('Completed'))
    const live = within(liveRegion()).getByRole('log')
    expect(live.querySelector('[data-kind="mcp_call"]')).not.toBeNull()
    // The decision sent, on the request's row (the API does not echo it).
    const request = live.querySelector('[data-type="mcp_approval_request"]')
    expect(request?.getAttribute('data-decision')).toBe('approved')
    expect(request?.textContent).toMatch(/Approved/)
    const answer = backend.requests.filter((r) => r.method === 'POST' && r.path === '/responses')[1]
    expect(answer?.body).toMatchObject({
      input: [{ type: 'mcp_approval_response', approve: true }],
    })
    await waitFor(() => expect(composer()).toHaveProperty('disabled', false))
    await act(() => sendWithEnter('Thanks'))
    await waitFor(() => expect(earlierRuns()).toHaveLength(1))
    const [earlier] = earlierRuns()
    await waitFor(() => expect(within(earlier!).getByRole('status').textContent).toBe('Completed'))
    const asked = earlier!.querySelector('[data-type="mcp_approval_request"]')
    expect(asked?.getAttribute('data-state')).toBe('answered')
    expect(asked?.getAttribute('data-decision')).toBe('approved')
    expect(earlier!.querySelectorAll('[data-kind="mcp_call"]')).toHaveLength(1)
    await waitFor(() => expect(liveStatus()?.textContent).toBe('Completed'))
    expect(container.querySelectorAll('[data-kind="mcp_call"]')).toHaveLength(1)
    expect(screen.queryByRole('button', { name: 'Approve search_docs' })).toBeNull()
  })

  it('pages to earlier items', async () => {
    const backend = createTestBackend()
    const conversation = await conversationWith(backend, ['Question 1', 'Question 2', 'Question 3'])
    const { Wrapper } = createWrapper(backend.client)
    const { container } = render(
      <RunThread wire="responses" model={MODEL} threadId={conversation} pageSize={2} />,
      { wrapper: Wrapper },
    )
    const earlier = await screen.findByRole('button', { name: 'Load earlier messages' })
    expect(bubbles(container)).toEqual(['Question 3'])
    fireEvent.click(earlier)
    await waitFor(() => expect(bubbles(container)).toHaveLength(2))
    fireEvent.click(await screen.findByRole('button', { name: 'Load earlier messages' }))
    await waitFor(() => expect(bubbles(container)).toEqual(['Question 1', 'Question 2', 'Question 3']))
    expect(screen.queryByRole('button', { name: 'Load earlier messages' })).toBeNull()
    expect(earlierRuns()).toHaveLength(3)
  })

  it('says when the conversation is gone', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    render(<RunThread wire="responses" model={MODEL} threadId="conv_gone" />, { wrapper: Wrapper })
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/no longer exists/))
  })

  it('has no axe violations with history and a turn waiting for a function output', async () => {
    const backend = createTestBackend()
    const conversation = await conversationWith(backend, ['Hello'])
    const { Wrapper } = createWrapper(backend.client)
    render(
      <main>
        <RunThread wire="responses" model={MODEL} threadId={conversation} />
      </main>,
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(earlierRuns()).toHaveLength(1))
    await act(() => sendWithEnter('weather in Tokyo'))
    await screen.findByRole('button', { name: 'Submit tool outputs' })
    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } })
    expect(result.violations.map((v) => v.id)).toEqual([])
  })
})
