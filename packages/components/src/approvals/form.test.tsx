// The approval form in jsdom: decisions, approve-all, a double click, the countdown, onDecision.
import { createHash } from 'node:crypto'
import type { RequiredMcpToolCall, ToolApproval } from '@runline/core'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { APPROVAL_CALLS } from '../../../core/src/test-utils/foundry.js'
import { ApprovalCountdown } from './countdown.js'
import { type ToolApprovalDecision, ToolApprovalForm } from './form.js'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

const [search, fetchPage] = APPROVAL_CALLS as [RequiredMcpToolCall, RequiredMcpToolCall]
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

function setup(props: Partial<Parameters<typeof ToolApprovalForm>[0]> = {}) {
  const sent: ToolApproval[][] = []
  const decisions: ToolApprovalDecision[] = []
  const onSubmit = vi.fn(async (approvals: ToolApproval[]) => {
    sent.push(approvals)
  })
  render(
    <ToolApprovalForm
      calls={APPROVAL_CALLS}
      onSubmit={onSubmit}
      onDecision={(decision) => decisions.push(decision)}
      {...props}
    />,
  )
  return { sent, decisions, onSubmit }
}

describe('ToolApprovalForm', () => {
  it('shows each call: server label, tool name, pretty arguments, and its two buttons', () => {
    setup()
    const groups = screen.getAllByRole('group')
    expect(groups).toHaveLength(2)
    const first = within(groups[0]!)
    expect(first.getByText('runline_docs')).toBeTruthy()
    expect(first.getByText('search_docs')).toBeTruthy()
    expect(groups[0]!.querySelector('pre')!.textContent).toBe(
      JSON.stringify(JSON.parse(search.arguments), null, 2),
    )
    expect(first.getByRole('button', { name: 'Approve search_docs' })).toBeTruthy()
    expect(first.getByRole('button', { name: 'Deny search_docs' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Approve all' })).toBeTruthy()
  })

  it('approve one, deny the other: one submit with both, in the run order; onDecision per decision', async () => {
    const before = Date.now()
    const { sent, decisions } = setup({ decidedBy: 'ada@contoso.example' })
    fireEvent.click(screen.getByRole('button', { name: 'Deny fetch_page' }))
    expect(screen.getByRole('button', { name: 'Deny fetch_page' }).getAttribute('aria-pressed')).toBe('true')
    expect(sent).toHaveLength(0)
    fireEvent.click(screen.getByRole('button', { name: 'Approve search_docs' }))
    await waitFor(() => expect(decisions).toHaveLength(2))
    expect(sent).toEqual([
      [
        { tool_call_id: search.id, approve: true },
        { tool_call_id: fetchPage.id, approve: false },
      ],
    ])
    expect(decisions).toEqual([
      {
        callId: search.id,
        tool: 'search_docs',
        serverLabel: 'runline_docs',
        approve: true,
        by: 'ada@contoso.example',
        at: expect.any(Number),
        argumentsHash: sha256(search.arguments),
      },
      {
        callId: fetchPage.id,
        tool: 'fetch_page',
        serverLabel: 'runline_docs',
        approve: false,
        by: 'ada@contoso.example',
        at: expect.any(Number),
        argumentsHash: sha256(fetchPage.arguments),
      },
    ])
    expect(decisions[0]!.at).toBeGreaterThanOrEqual(before)
    expect(screen.getByRole('form').getAttribute('data-state')).toBe('submitted')
    expect(screen.getByText('Decisions sent.')).toBeTruthy()
  })

  it('approve all sends every call approved; a second click sends nothing', async () => {
    const { sent, onSubmit } = setup()
    const all = screen.getByRole('button', { name: 'Approve all' })
    fireEvent.click(all)
    fireEvent.click(all)
    await waitFor(() => expect(screen.getByRole('form').getAttribute('data-state')).toBe('submitted'))
    expect(onSubmit).toHaveBeenCalledTimes(1)
    expect(sent[0]).toEqual(APPROVAL_CALLS.map((call) => ({ tool_call_id: call.id, approve: true })))
  })

  it('a double click on the last decision sends once', async () => {
    let release!: () => void
    const onSubmit = vi.fn(() => new Promise<void>((resolve) => (release = resolve)))
    render(<ToolApprovalForm calls={[search]} onSubmit={onSubmit} />)
    const approve = screen.getByRole('button', { name: 'Approve search_docs' })
    fireEvent.click(approve)
    fireEvent.click(approve)
    fireEvent.click(approve)
    expect(onSubmit).toHaveBeenCalledTimes(1)
    expect(screen.getByRole('form').getAttribute('data-state')).toBe('submitting')
    await act(async () => release())
    expect(onSubmit).toHaveBeenCalledTimes(1)
  })

  it('calls a rule decided show as decided, need no click, and go along; onDecision reports only people', async () => {
    const { sent, decisions } = setup({ handled: { [fetchPage.id]: false } })
    expect(screen.getByText('Denied by the app')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Deny fetch_page' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Approve all' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Approve search_docs' }))
    await waitFor(() => expect(decisions).toHaveLength(1))
    expect(sent[0]).toEqual([
      { tool_call_id: search.id, approve: true },
      { tool_call_id: fetchPage.id, approve: false },
    ])
    expect(decisions[0]).toMatchObject({ callId: search.id, approve: true })
    expect(decisions[0]).not.toHaveProperty('by')
  })

  it('a failed send shows an alert and can be sent again; nothing is reported until it went through', async () => {
    const onSubmit = vi
      .fn()
      .mockRejectedValueOnce(new Error('Run is expired'))
      .mockResolvedValueOnce(undefined)
    const decisions: ToolApprovalDecision[] = []
    render(<ToolApprovalForm calls={[search]} onSubmit={onSubmit} onDecision={(d) => decisions.push(d)} />)
    fireEvent.click(screen.getByRole('button', { name: 'Approve search_docs' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/Run is expired/)
    expect(decisions).toHaveLength(0)
    fireEvent.click(screen.getByRole('button', { name: 'Send again' }))
    await waitFor(() => expect(decisions).toHaveLength(1))
    expect(onSubmit).toHaveBeenCalledTimes(2)
  })

  it('without onSubmit it is read-only', () => {
    render(<ToolApprovalForm calls={APPROVAL_CALLS} />)
    for (const button of screen.getAllByRole('button'))
      expect((button as HTMLButtonElement).disabled).toBe(true)
    expect(screen.getByText(/Read-only/)).toBeTruthy()
  })
})

/** Counts its own renders: the countdown must tick without re-rendering it. */
function CountingParent({ counter, expiresAt }: { counter: { renders: number }; expiresAt: number }) {
  counter.renders++
  return <ApprovalCountdown expiresAt={expiresAt} />
}

describe('ApprovalCountdown', () => {
  it('ticks each second without re-rendering its parent, then reads Expired', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-01-01T10:00:00Z'))
    const expiresAt = Date.parse('2026-01-01T10:01:02Z') / 1000
    const parent = { renders: 0 }
    render(<CountingParent counter={parent} expiresAt={expiresAt} />)
    const timer = screen.getByRole('timer')
    expect(timer.textContent).toBe('Expires in 1:02')
    act(() => vi.advanceTimersByTime(1000))
    expect(timer.textContent).toBe('Expires in 1:01')
    act(() => vi.advanceTimersByTime(2000))
    expect(timer.textContent).toBe('Expires in 0:59')
    act(() => vi.advanceTimersByTime(60_000))
    expect(timer.textContent).toBe('Expired')
    expect(timer.getAttribute('data-state')).toBe('expired')
    expect(parent.renders).toBe(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('renders nothing without a deadline', () => {
    render(<ApprovalCountdown expiresAt={null} />)
    expect(screen.queryByRole('timer')).toBeNull()
  })
})
