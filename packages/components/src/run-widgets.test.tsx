import type { Run } from '@runline/core'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RunList, RunStatusBadge, RunUsage } from './index.js'
import { simulatedState, syncStore } from './test-utils/states.js'

afterEach(cleanup)

describe('RunStatusBadge', () => {
  it('shows a status in words; following a run it is a live role="status"', async () => {
    const { rerender } = render(<RunStatusBadge status="requires_action" />)
    expect(screen.getByText('Requires action').getAttribute('data-tone')).toBe('attention')
    expect(screen.queryByRole('status')).toBeNull()
    const state = await simulatedState('hello')
    const store = syncStore({ ...state, run: { ...state.run!, status: 'in_progress' }, phase: 'open' })
    rerender(<RunStatusBadge run={store} />)
    expect(screen.getByRole('status').textContent).toBe('In progress')
  })
})

describe('RunUsage', () => {
  it('lists prompt, completion and total tokens, from a usage or a run', async () => {
    const { rerender, container } = render(
      <RunUsage usage={{ prompt_tokens: 1200, completion_tokens: 34, total_tokens: 1234 }} />,
    )
    const terms = [...container.querySelectorAll('dt')].map((dt) => dt.textContent)
    const values = [...container.querySelectorAll('dd')].map((dd) => dd.textContent)
    expect(terms).toEqual(['Prompt', 'Completion', 'Total tokens'])
    expect(values).toEqual(['1,200', '34', '1,234'])
    const state = await simulatedState('hello')
    rerender(<RunUsage run={state} />)
    expect([...container.querySelectorAll('dd')].at(-1)?.textContent).toBe(
      String(state.run!.usage!.total_tokens),
    )
    rerender(<RunUsage usage={null} placeholder="No usage yet" />)
    expect(container.textContent).toBe('No usage yet')
  })
})

describe('RunList', () => {
  it('lists runs with status words and loads more pages on demand', async () => {
    const base = (await simulatedState('hello')).run!
    const page = (from: number): Run[] =>
      Array.from({ length: 3 }, (_, i) => ({
        ...base,
        id: `run_${from + i}`,
        status: (['completed', 'failed', 'requires_action'] as const)[i]!,
      }))
    const onLoadMore = vi.fn()
    const onSelectRun = vi.fn()
    const { rerender } = render(
      <RunList
        runs={page(0)}
        hasMore
        onLoadMore={onLoadMore}
        onSelectRun={onSelectRun}
        selectedRunId="run_1"
      />,
    )
    const list = screen.getByRole('list', { name: 'Runs' })
    expect(within(list).getAllByRole('listitem')).toHaveLength(3)
    expect(within(list).getByText('Failed')).toBeTruthy()
    const selected = within(list).getByRole('button', { current: true })
    expect(selected.textContent).toContain('run_1')
    fireEvent.click(within(list).getAllByRole('button')[2]!)
    expect(onSelectRun).toHaveBeenCalledWith(expect.objectContaining({ id: 'run_2' }))
    fireEvent.click(screen.getByRole('button', { name: 'Load more runs' }))
    expect(onLoadMore).toHaveBeenCalledTimes(1)
    rerender(<RunList runs={[...page(0), ...page(3)]} hasMore={false} onLoadMore={onLoadMore} />)
    expect(within(screen.getByRole('list', { name: 'Runs' })).getAllByRole('listitem')).toHaveLength(6)
    expect(screen.queryByRole('button', { name: 'Load more runs' })).toBeNull()
  })

  it('says so when there are no runs', () => {
    render(<RunList runs={[]} />)
    expect(screen.getByText('No runs yet.')).toBeTruthy()
  })
})
