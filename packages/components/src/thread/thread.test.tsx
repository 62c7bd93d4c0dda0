// <RunThread> against the real simulator, in-process through the client's `fetch` option.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import axe from 'axe-core'
import { useState } from 'react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ASSISTANT, createTestBackend, createWrapper } from '../../../hooks/src/test-utils/sim.js'
import { preloadRunTimelineParts, RunThread } from '../index.js'

afterEach(cleanup)
// axe and the assertions see the tool-call views and forms whole: they are loaded first.
beforeAll(preloadRunTimelineParts)

type Backend = ReturnType<typeof createTestBackend>

/** A thread with `turns` finished question-and-answer turns. */
async function threadWithHistory(backend: Backend, turns: number): Promise<string> {
  const thread = await backend.client.threads.create()
  for (let i = 1; i <= turns; i++) {
    await backend.client.messages.create(thread.id, { role: 'user', content: `Question ${i}` })
    await backend.client.runs.createAndPoll(thread.id, { assistant_id: ASSISTANT })
  }
  return thread.id
}

/**
 * Counts, after every DOM change, how many user bubbles show each text: the most at any moment. A
 * message shown twice even for one commit is a duplicate.
 */
function watchBubbles(container: HTMLElement) {
  const most = new Map<string, number>()
  const sample = () => {
    const counts = new Map<string, number>()
    for (const bubble of container.querySelectorAll('.rl-thread__bubble')) {
      const text = bubble.textContent ?? ''
      counts.set(text, (counts.get(text) ?? 0) + 1)
    }
    for (const [text, count] of counts) most.set(text, Math.max(most.get(text) ?? 0, count))
  }
  const observer = new MutationObserver(sample)
  observer.observe(container, { subtree: true, childList: true, characterData: true })
  return { most, stop: () => observer.disconnect() }
}

const composer = () => screen.getByRole('textbox', { name: 'Message' })

function sendWithEnter(text: string) {
  fireEvent.change(composer(), { target: { value: text } })
  fireEvent.keyDown(composer(), { key: 'Enter' })
}

const liveStatus = () => within(screen.getByRole('region', { name: 'Current run' })).getAllByRole('status')[0]

describe('<RunThread>', () => {
  it('drops into an app: the first Send creates the thread, shows the message at once and streams the run', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    const onThreadCreated = vi.fn()
    const { container } = render(<RunThread assistantId={ASSISTANT} onThreadCreated={onThreadCreated} />, {
      wrapper: Wrapper,
    })
    const bubbles = watchBubbles(container)
    expect(screen.getByText('No messages yet')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true)

    act(() => sendWithEnter('Hello there'))
    // At once, before the server answered.
    expect(container.querySelector('.rl-thread__bubble')?.textContent).toBe('Hello there')
    expect(composer()).toHaveProperty('disabled', true)
    expect(composer()).toHaveProperty('value', '')
    await waitFor(() => expect(liveStatus()?.textContent).toBe('Completed'))
    expect(onThreadCreated).toHaveBeenCalledTimes(1)
    expect(backend.count('POST', /^\/threads$/)).toBe(1)
    expect(within(screen.getByRole('region', { name: 'Current run' })).getByRole('log').textContent).toMatch(
      /Hello there/,
    )
    await waitFor(() => expect(composer()).toHaveProperty('disabled', false))
    // The composer gives the keyboard back.
    expect(document.activeElement).toBe(composer())

    // The next message: the finished run moves into the history, above the new message.
    await act(() => sendWithEnter('And another one'))
    await waitFor(() => expect(screen.getAllByRole('region', { name: /^Earlier run \d+$/ })).toHaveLength(1))
    await waitFor(() => expect(liveStatus()?.textContent).toBe('Completed'))
    const order = [...container.querySelectorAll('.rl-thread__bubble, .rl-thread__turn, .rl-thread__live')]
    expect(order.map((node) => node.getAttribute('aria-label') ?? node.textContent)).toEqual([
      'Hello there',
      'Earlier run 1',
      'And another one',
      'Current run',
    ])
    bubbles.stop()
    expect(Object.fromEntries(bubbles.most)).toEqual({ 'Hello there': 1, 'And another one': 1 })
  })

  it('shows the history (with each run’s steps), the live run and the sent message, without duplicates', async () => {
    const backend = createTestBackend()
    const threadId = await threadWithHistory(backend, 2)
    const { Wrapper } = createWrapper(backend.client)
    const { container } = render(<RunThread assistantId={ASSISTANT} threadId={threadId} />, {
      wrapper: Wrapper,
    })
    const bubbles = watchBubbles(container)
    expect(screen.getByText('Loading the conversation…')).toBeTruthy()
    await waitFor(() => expect(screen.getAllByRole('region', { name: /^Earlier run \d+$/ })).toHaveLength(2))
    // Each past run comes with its run and steps: the status and the message step.
    const earlier = screen.getAllByRole('region', { name: /^Earlier run \d+$/ })
    await waitFor(() => expect(within(earlier[0]!).getByRole('status').textContent).toBe('Completed'))
    await waitFor(() =>
      expect(earlier[0]!.querySelector('article.rl-step[data-kind="message"]')).not.toBeNull(),
    )
    expect(screen.queryByRole('region', { name: 'Current run' })).toBeNull()

    await act(() => sendWithEnter('What is the weather in Paris?'))
    await waitFor(() => expect(liveStatus()?.textContent).toBe('Requires action'))
    // The run waits for tool outputs: the form is in the live run, the composer says why it waits.
    expect(screen.getByRole('button', { name: 'Submit tool outputs' })).toBeTruthy()
    expect(screen.getByText(/waiting for tool outputs/)).toBeTruthy()
    expect(composer().getAttribute('aria-describedby')).toBe(screen.getByText(/waiting for tool outputs/).id)
    fireEvent.change(screen.getByRole('textbox', { name: 'Output for get_weather' }), {
      target: { value: 'Sunny, 21 degrees' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Submit tool outputs' }))
    await waitFor(() => expect(liveStatus()?.textContent).toBe('Completed'))
    bubbles.stop()
    expect(Object.fromEntries(bubbles.most)).toEqual({
      'Question 1': 1,
      'Question 2': 1,
      'What is the weather in Paris?': 1,
    })
  })

  it('keeps the live run when the app hands the created thread back as `threadId`', async () => {
    const backend = createTestBackend()
    const { Wrapper } = createWrapper(backend.client)
    render(<ControlledThread />, { wrapper: Wrapper })
    await act(() => sendWithEnter('Hello'))
    await waitFor(() => expect(liveStatus()?.textContent).toBe('Completed'))
    expect(container().querySelectorAll('.rl-thread__bubble')).toHaveLength(1)
    expect(backend.count('POST', /\/runs$/)).toBe(1)
  })

  it('pages to earlier messages', async () => {
    const backend = createTestBackend()
    const threadId = await threadWithHistory(backend, 3)
    const { Wrapper } = createWrapper(backend.client)
    const { container } = render(<RunThread assistantId={ASSISTANT} threadId={threadId} pageSize={2} />, {
      wrapper: Wrapper,
    })
    const earlier = await screen.findByRole('button', { name: 'Load earlier messages' })
    expect([...container.querySelectorAll('.rl-thread__bubble')].map((b) => b.textContent)).toEqual([
      'Question 3',
    ])
    fireEvent.click(earlier)
    await waitFor(() => expect(container.querySelectorAll('.rl-thread__bubble')).toHaveLength(2))
    fireEvent.click(await screen.findByRole('button', { name: 'Load earlier messages' }))
    await waitFor(() =>
      expect([...container.querySelectorAll('.rl-thread__bubble')].map((b) => b.textContent)).toEqual([
        'Question 1',
        'Question 2',
        'Question 3',
      ]),
    )
    expect(screen.queryByRole('button', { name: 'Load earlier messages' })).toBeNull()
  })

  it('says when the thread is gone, and when a message could not be sent (it goes back into the box)', async () => {
    const backend = createTestBackend({
      beforeFetch: (method, path) => {
        if (method === 'POST' && /\/messages$/.test(path)) throw new TypeError('network down')
      },
    })
    const { Wrapper } = createWrapper(backend.client)
    render(<RunThread assistantId={ASSISTANT} threadId="thread_gone" />, { wrapper: Wrapper })
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/no longer exists/))
    cleanup()

    render(<RunThread assistantId={ASSISTANT} />, { wrapper: Wrapper })
    await act(() => sendWithEnter('Lost words'))
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/Could not send: .*network down/),
    )
    expect(composer()).toHaveProperty('value', 'Lost words')
    expect(document.querySelector('.rl-thread__bubble')?.getAttribute('data-state')).toBe('failed')
  })

  it('has no axe violations: empty, with history, and with a run waiting for tool outputs', async () => {
    const backend = createTestBackend()
    const threadId = await threadWithHistory(backend, 1)
    const { Wrapper } = createWrapper(backend.client)
    const check = async () => {
      const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } })
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    }
    render(
      <main>
        <RunThread assistantId={ASSISTANT} />
      </main>,
      { wrapper: Wrapper },
    )
    expect(await check()).toEqual([])
    cleanup()
    render(
      <main>
        <RunThread assistantId={ASSISTANT} threadId={threadId} />
      </main>,
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(screen.getAllByRole('region', { name: /^Earlier run \d+$/ })).toHaveLength(1))
    await act(() => sendWithEnter('weather in Paris'))
    await screen.findByRole('button', { name: 'Submit tool outputs' })
    expect(await check()).toEqual([])
  })
})

const container = () => document.body

/** An app that keeps the thread id in its own state. */
function ControlledThread() {
  const [threadId, setThreadId] = useState<string | null>(null)
  return <RunThread assistantId={ASSISTANT} threadId={threadId} onThreadCreated={setThreadId} />
}
