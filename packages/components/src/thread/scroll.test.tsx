// Stick-to-bottom, with the browser's part played by hand: jsdom has no layout and no ResizeObserver,
// so the test gives the conversation's scroller a geometry and delivers the resize callbacks itself.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ASSISTANT, createTestBackend, createWrapper } from '../../../hooks/src/test-utils/sim.js'
import { RunThread } from '../index.js'

/** Observers created while the test runs, and what each watches. */
const observers = new Set<{ callback: ResizeObserverCallback; targets: Set<Element> }>()

class FakeResizeObserver {
  private readonly entry: { callback: ResizeObserverCallback; targets: Set<Element> }
  constructor(callback: ResizeObserverCallback) {
    this.entry = { callback, targets: new Set() }
    observers.add(this.entry)
  }
  observe(target: Element) {
    this.entry.targets.add(target)
  }
  unobserve(target: Element) {
    this.entry.targets.delete(target)
  }
  disconnect() {
    observers.delete(this.entry)
  }
}

/** What a browser does after a layout that changed sizes: every observer hears about its targets. */
function layoutChanged(rowHeight: number) {
  for (const { callback, targets } of [...observers]) {
    const entries = [...targets].map(
      (target) => ({ target, borderBoxSize: [{ blockSize: rowHeight, inlineSize: 600 }] }) as unknown,
    )
    callback(entries as ResizeObserverEntry[], {} as ResizeObserver)
  }
}

/**
 * A scroller 500 px tall over `content.height` px of content. Setting `scrollTop` clamps it and
 * fires `scroll`, as a browser does (there, a frame later).
 */
function giveGeometry(element: HTMLElement, content: { height: number }) {
  let top = 0
  Object.defineProperties(element, {
    clientHeight: { configurable: true, get: () => 500 },
    scrollHeight: { configurable: true, get: () => content.height },
    scrollTop: {
      configurable: true,
      get: () => top,
      set: (value: number) => {
        const next = Math.max(0, Math.min(value, content.height - 500))
        if (next === top) return
        top = next
        element.dispatchEvent(new Event('scroll'))
      },
    },
  })
}

const original = globalThis.ResizeObserver
beforeEach(() => {
  globalThis.ResizeObserver = FakeResizeObserver as unknown as typeof ResizeObserver
})
afterEach(() => {
  cleanup()
  observers.clear()
  globalThis.ResizeObserver = original
})

describe('<RunThread> sticks to the bottom', () => {
  it('follows while the reader is at the bottom, stays put when they scrolled up, comes down on Send', async () => {
    const backend = createTestBackend()
    const thread = await backend.client.threads.create()
    for (const question of ['One', 'Two']) {
      await backend.client.messages.create(thread.id, { role: 'user', content: question })
      await backend.client.runs.createAndPoll(thread.id, { assistant_id: ASSISTANT })
    }
    const { Wrapper } = createWrapper(backend.client)
    const content = { height: 400 }
    const { container } = render(
      <RunThread assistantId={ASSISTANT} threadId={thread.id} style={{ height: 500 }} />,
      { wrapper: Wrapper },
    )
    const scroller = screen.getByRole('region', { name: 'Conversation' })
    giveGeometry(scroller, content)
    await waitFor(() => expect(container.querySelectorAll('.rl-thread__row')).toHaveLength(4))

    // The history arrived and was laid out: the view starts at the newest message.
    content.height = 2000
    act(() => layoutChanged(200))
    expect(scroller.scrollTop).toBe(1500)

    // More content (a streaming answer grows): still at the bottom, so it follows.
    content.height = 2400
    act(() => layoutChanged(240))
    expect(scroller.scrollTop).toBe(1900)

    // Layout can scroll too (rows above measured taller): that does not unpin.
    content.height = 2600
    act(() => {
      scroller.scrollTop = 1500
    })
    act(() => layoutChanged(260))
    expect(scroller.scrollTop).toBe(2100)

    // The reader scrolls up to read: growth no longer moves the view.
    act(() => {
      fireEvent.wheel(scroller, { deltaY: -1800 })
      scroller.scrollTop = 300
    })
    content.height = 2800
    act(() => layoutChanged(280))
    expect(scroller.scrollTop).toBe(300)

    // Back near the bottom (within the slack): following again.
    act(() => {
      fireEvent.wheel(scroller, { deltaY: 1980 })
      scroller.scrollTop = 2280
    })
    content.height = 3000
    act(() => layoutChanged(300))
    expect(scroller.scrollTop).toBe(2500)

    // Scrolled up again, then the reader sends: the view comes down to their message.
    act(() => {
      fireEvent.keyDown(scroller, { key: 'Home' })
      scroller.scrollTop = 100
    })
    content.height = 3200
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'Three' } })
    act(() => {
      fireEvent.keyDown(screen.getByRole('textbox', { name: 'Message' }), { key: 'Enter' })
    })
    expect(scroller.scrollTop).toBe(2700)
    // And the answer streaming below it is followed.
    content.height = 3600
    act(() => layoutChanged(320))
    expect(scroller.scrollTop).toBe(3100)
    await waitFor(() =>
      expect(container.querySelector('[aria-label="Current run"]')?.getAttribute('data-status')).toBe(
        'completed',
      ),
    )
  })
})
