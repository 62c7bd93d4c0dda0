// The parts loaded on demand (jsdom), from a fresh module state: nothing is loaded when a file starts
// (Vitest isolates test files), so each first render here is an app's first row of that kind.
import { type AssistantStreamEvent, initialRunState, reduceRun } from '@runline/core'
import { act, cleanup, render, screen, within } from '@testing-library/react'
import { createRef } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  approvalRequestEvents,
  messageEvents,
  runEvent,
  SAMPLE_CALLS,
  toolCallStepEvents,
} from '../../core/src/test-utils/foundry.js'
import { RunTimeline } from './index.js'
import { lazyPart } from './lazy-part.js'
import { RowBoundary } from './row-boundary.js'
import { simulatedState } from './test-utils/states.js'

afterEach(cleanup)

const fold = (events: readonly AssistantStreamEvent[]) => events.reduce(reduceRun, initialRunState)

describe('a part loaded on demand', () => {
  it('a run that calls functions: rows and status at once, the calls and the output form once loaded', async () => {
    render(<RunTimeline run={await simulatedState('weather in Paris and in Tokyo')} />)
    expect(screen.getByRole('status').textContent).toBe('Requires action')
    const row = screen.getByRole('article', { name: 'Function call: get_weather, get_weather' })
    expect(row.querySelector('.rl-tool--function')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Submit tool outputs' })).toBeNull()
    await screen.findByRole('button', { name: 'Submit tool outputs' })
    expect(await within(row).findAllByText('get_weather')).toHaveLength(2)
    expect(row.querySelectorAll('.rl-tool--function[data-state="waiting"]')).toHaveLength(2)
    expect(screen.getAllByRole('textbox', { name: 'Output for get_weather' })).toHaveLength(2)
  })

  it("first render: the transcript at once, the card's own content once its code is there; then at once", async () => {
    const state = fold([
      runEvent('in_progress'),
      ...messageEvents('msg_1', 'Looking it up.'),
      ...toolCallStepEvents('step_tools', [SAMPLE_CALLS.bing_grounding]),
      runEvent('completed'),
    ])
    const first = render(<RunTimeline run={state} />)
    // Everything but the card's inside is drawn in the same render: status, message, the card's node.
    expect(screen.getByRole('status').textContent).toBe('Completed')
    expect(screen.getByRole('log').textContent).toContain('Looking it up.')
    const card = first.container.querySelector('.rl-tool--card[data-type="bing_grounding"]') as HTMLElement
    expect(card.dataset.state).toBe('completed')
    expect(card.textContent).toBe('')
    expect(await within(card).findByRole('link', { name: 'Search on Bing' })).toBeTruthy()
    first.unmount()

    // Loaded now: the next timeline draws the card in its first render, as any component.
    const second = render(<RunTimeline run={state} />)
    const again = second.container.querySelector('.rl-tool--card[data-type="bing_grounding"]') as HTMLElement
    expect(within(again).getByRole('link', { name: 'Search on Bing' })).toBeTruthy()
  })

  it('the approval form and the MCP tool list of a run waiting for approval arrive the same way', async () => {
    render(<RunTimeline run={fold(approvalRequestEvents())} />)
    expect(screen.getByRole('status').textContent).toBe('Requires action')
    expect(await screen.findByRole('button', { name: 'Approve search_docs' })).toBeTruthy()
    expect(await screen.findByRole('list', { name: 'Tools on runline_docs' })).toBeTruthy()
  })

  it('RunTimeline.McpTools still hands its ref the one div it renders', async () => {
    const activity = {
      id: 'act_1',
      type: 'mcp_list_tools' as const,
      server_label: 'docs',
      tools: { search: { description: 'Searches.', parameters: { type: 'object', properties: {} } } },
    }
    const ref = createRef<HTMLDivElement>()
    render(<RunTimeline.McpTools ref={ref} activity={activity as never} />)
    await screen.findByRole('list', { name: 'Tools on docs' })
    expect(ref.current?.dataset.server).toBe('docs')
  })
})

describe('lazyPart', () => {
  it("a failed load is the row's error until preload() loads it", async () => {
    let attempt = 0
    const Flaky = lazyPart(async () => {
      attempt++
      if (attempt === 1) throw new Error('chunk load failed')
      return ({ text }: { text: string }) => <p>{text}</p>
    })
    const row = (id: string) => (
      <RowBoundary item={{ id } as never}>
        <Flaky text="hello" />
      </RowBoundary>
    )
    const onError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const view = render(row('row_1'))
    expect(await screen.findByText('This step could not be shown: chunk load failed')).toBeTruthy()
    onError.mockRestore()
    await act(() => Flaky.preload())
    // The row's next version renders afresh, with the code there now.
    view.rerender(row('row_1'))
    expect(screen.getByText('hello')).toBeTruthy()
    expect(attempt).toBe(2)
  })

  it('preload loads once, however many ask; a render after it does not wait', async () => {
    let loads = 0
    const Part = lazyPart(async () => {
      loads++
      return ({ text }: { text: string }) => <p>{text}</p>
    })
    await act(() => Promise.all([Part.preload(), Part.preload()]))
    render(
      <>
        <Part text="one" />
        <Part text="two" />
      </>,
    )
    expect(screen.getByText('one')).toBeTruthy()
    expect(screen.getByText('two')).toBeTruthy()
    expect(loads).toBe(1)
  })
})
