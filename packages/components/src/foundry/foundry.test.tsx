// Foundry runs in the timeline (jsdom): states folded by core's reducer from spec-shaped events.
import {
  type AssistantStreamEvent,
  initialRunState,
  type RunState,
  type RunStore,
  reduceRun,
  type ToolApproval,
} from '@runline/core'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  APPROVAL_CALLS,
  approvalRequestEvents,
  messageEvents,
  runEvent,
  SAMPLE_CALLS,
  toolCallStepEvents,
  urlCitation,
} from '../../../core/src/test-utils/foundry.js'
import { preloadRunTimelineParts, RunTimeline } from '../index.js'
import { syncStore } from '../test-utils/states.js'
import { parseLoose, sourcesOf } from './payload.js'

afterEach(cleanup)
// The cards and the approval form load on first use; that first load is lazy-parts.test.tsx's subject.
beforeAll(preloadRunTimelineParts)

const fold = (events: readonly AssistantStreamEvent[], from: RunState = initialRunState) =>
  events.reduce(reduceRun, from)

describe('the approval form in the timeline', () => {
  it('shows when the run waits for approval, with the MCP tool list above it', () => {
    render(<RunTimeline run={fold(approvalRequestEvents())} />)
    expect(screen.getByRole('status').textContent).toBe('Requires action')
    expect(screen.getByRole('button', { name: 'Approve search_docs' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Deny fetch_page' })).toBeTruthy()
    expect(screen.getByRole('timer')).toBeTruthy()
    const tools = screen.getByRole('list', { name: 'Tools on runline_docs' })
    expect(within(tools).getByText('search_docs')).toBeTruthy()
    expect(within(tools).getByText('query: string')).toBeTruthy()
    expect(within(tools).getByText('limit?: integer')).toBeTruthy()
    // A plain state cannot send: read-only.
    expect((screen.getByRole('button', { name: 'Approve search_docs' }) as HTMLButtonElement).disabled).toBe(
      true,
    )
  })

  it('sends through the handle, and is rebuilt from server state after a reload', async () => {
    const submitToolApprovals = vi.fn((_approvals: readonly ToolApproval[]) => Promise.resolve())
    const store: RunStore = syncStore(fold(approvalRequestEvents()))
    const { unmount } = render(<RunTimeline run={{ store, submitToolApprovals }} />)
    fireEvent.click(screen.getByRole('button', { name: 'Approve all' }))
    await waitFor(() => expect(submitToolApprovals).toHaveBeenCalledTimes(1))
    expect(submitToolApprovals.mock.calls[0]![0]).toEqual(
      APPROVAL_CALLS.map((call) => ({ tool_call_id: call.id, approve: true })),
    )
    unmount()
    // A reload: a fresh store fed by what retrieve + lists return (runline.snapshot), nothing local.
    const before = fold(approvalRequestEvents())
    const reloaded = reduceRun(initialRunState, {
      event: 'runline.snapshot',
      data: { run: before.run, steps: Object.values(before.steps), messages: [] },
    })
    render(<RunTimeline run={reloaded} />)
    expect(screen.getByRole('button', { name: 'Approve search_docs' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Approve fetch_page' })).toBeTruthy()
  })
})

describe('tool cards', () => {
  const unknown = { id: 'call_new', type: 'quantum_search', quantum_search: { qubits: '7' } }
  const state = fold([
    runEvent('in_progress'),
    ...toolCallStepEvents('step_tools', [...Object.values(SAMPLE_CALLS), unknown]),
    runEvent('completed'),
  ])

  it('draws a card per Azure tool type, a generic one for an unknown type, each with raw JSON', () => {
    const { container } = render(<RunTimeline run={state} />)
    const cards = container.querySelectorAll('.rl-tool--card')
    expect([...cards].map((card) => card.getAttribute('data-type'))).toEqual([
      ...Object.keys(SAMPLE_CALLS),
      'quantum_search',
    ])
    for (const card of cards) expect(within(card as HTMLElement).getByText('Raw JSON')).toBeTruthy()
    const generic = container.querySelector('[data-type="quantum_search"]') as HTMLElement
    expect(within(generic).getByText('quantum_search')).toBeTruthy()
    expect(within(generic).getByText('7')).toBeTruthy()
  })

  it('search cards list their sources as links; action cards show request and response', () => {
    const { container } = render(<RunTimeline run={state} />)
    const card = (type: string) => within(container.querySelector(`[data-type="${type}"]`) as HTMLElement)
    const bing = card('bing_grounding')
    expect(bing.getByText('runline streaming react')).toBeTruthy()
    expect(bing.getByRole('link', { name: 'Search on Bing' }).getAttribute('href')).toBe(
      'https://www.bing.com/search?q=runline%20streaming%20react',
    )
    expect(bing.getByText('Num docs retrieved')).toBeTruthy()
    const search = card('azure_ai_search')
    const link = search.getByRole('link', { name: 'Arctic 900 sleeping bag' })
    expect(link.getAttribute('href')).toBe('https://contoso.example.com/p/arctic-900')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    expect(search.getByText('Two products match.')).toBeTruthy()
    const fn = card('azure_function')
    expect(fn.getByText('get_stock_level')).toBeTruthy()
    expect(fn.getByText('Request')).toBeTruthy()
    expect(fn.getByText(/"in_stock": 14/)).toBeTruthy()
    const mcp = card('mcp')
    expect(mcp.getByText('runline_docs')).toBeTruthy()
    expect(mcp.getByText('search_docs')).toBeTruthy()
    expect(card('connected_agent').getByText('SUM-700: 3 left in the Seattle store.')).toBeTruthy()
    expect(card('browser_automation').getByText('Next: Click "Stores"')).toBeTruthy()
  })

  it('a toolCards override wins over the kit card', () => {
    render(<RunTimeline run={state} toolCards={{ mcp: (call) => <p>custom {call.id}</p> }} />)
    expect(screen.getByText('custom call_mcp_1')).toBeTruthy()
  })
})

describe('url_citation chips', () => {
  it('link to the page (safe hrefs only) and list the sources', () => {
    const text = 'Runline streams runs【3:0†source】 and shows approvals【3:1†source】.'
    const state = fold(
      messageEvents('msg_cited', text, undefined, [
        urlCitation(text, '【3:0†source】', 'https://runline.example.com/docs', 'Runline docs'),
        urlCitation(text, '【3:1†source】', 'javascript:alert(1)', 'Sneaky'),
      ]),
    )
    render(<RunTimeline run={state} />)
    const log = screen.getByRole('log')
    expect(log.textContent).not.toContain('【')
    const chip = log.querySelector('a.rl-cite') as HTMLAnchorElement
    expect(chip.textContent).toBe('1Runline docs')
    expect(chip.getAttribute('href')).toBe('https://runline.example.com/docs')
    expect(chip.getAttribute('target')).toBe('_blank')
    expect(log.querySelectorAll('a.rl-cite')).toHaveLength(1)
    expect(log.querySelector('span.rl-cite[data-type="url_citation"]')!.textContent).toBe('2Sneaky')
    expect(within(log).queryByRole('link', { name: /Sneaky/ })).toBeNull()
    expect(within(log).getAllByText('Sneaky').length).toBeGreaterThan(0)
    const sources = within(log).getByRole('list', { name: 'Sources' })
    expect(within(sources).getByRole('link', { name: 'Runline docs' })).toBeTruthy()
  })
})

describe('guardrails', () => {
  it('an incomplete run without details says a safety guardrail stopped it', () => {
    render(<RunTimeline run={fold([runEvent('in_progress'), runEvent('incomplete')])} />)
    expect(screen.getByRole('alert').textContent).toMatch(/a safety guardrail stopped it \(unspecified\)/)
  })
})

describe('payload reading', () => {
  it('reads JSON and Python literals, and finds sources in both', () => {
    expect(parseLoose("{'a': 'it\\'s', 'b': True, 'c': None, 'd': \"x\"}")).toEqual({
      a: "it's",
      b: true,
      c: null,
      d: 'x',
    })
    expect(parseLoose('plain text')).toBeUndefined()
    expect(
      sourcesOf([
        "{'metadata': {'urls': ['https://a.example/x', 'javascript:bad'], 'titles': ['A', 'Bad']}}",
        'see https://b.example/y.',
        { url: 'https://a.example/x', title: 'again' },
      ]),
    ).toEqual([
      { url: 'https://a.example/x', title: 'A' },
      { url: 'https://b.example/y.', title: 'b.example' },
    ])
  })
})
