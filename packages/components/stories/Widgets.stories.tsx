import { RunList, RunStatusBadge, RunUsage } from '@runline/components'
import { type Run, type RunState, selectStatus } from '@runline/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, userEvent, within } from 'storybook/test'
import { loadReplay, REC, type ReplaySource, SOURCES } from './replay/catalog.js'
import './replay/replay.css'

/** The small parts: status badges, usage and a thread's run list, fed from every replayed run. */
const meta = {
  title: 'Runs/Widgets',
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Every source the widgets show: all recordings and the simulator scenarios with other endings. */
const ALL_SOURCES: ReplaySource[] = [
  ...Object.values(REC).map((name) => ({ recordings: [name] })),
  SOURCES.fail,
  SOURCES.expire,
  SOURCES.cancelled,
  SOURCES.incomplete,
  SOURCES.parallelCalls,
  SOURCES.plot,
]

/** The final state of every source. */
async function finalStates(): Promise<RunState[]> {
  const replays = await Promise.all(ALL_SOURCES.map((source) => loadReplay(source)))
  return replays.map((replay) => replay.tape.stateAt(replay.tape.length))
}

/** Their runs, newest first (as the API lists them), without duplicates. */
function runsOf(states: readonly RunState[]): Run[] {
  const byId = new Map<string, Run>()
  for (const state of states) if (state.run) byId.set(state.run.id, state.run)
  return [...byId.values()].sort((a, b) => b.created_at - a.created_at)
}

/** One badge per distinct status the replayed runs end in, followed (`run=`) rather than given. */
export const StatusBadges: Story = {
  loaders: [async () => ({ states: await finalStates() })],
  render: (_args, { loaded }) => {
    const states = loaded.states as RunState[]
    const seen = new Set<string>()
    const distinct = states.filter((state) => {
      const status = selectStatus(state)
      if (seen.has(status)) return false
      seen.add(status)
      return true
    })
    return (
      <div className="rl-frame" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
        {distinct.map((state) => (
          <RunStatusBadge key={selectStatus(state)} run={state} />
        ))}
      </div>
    )
  },
  play: async ({ canvasElement }) => {
    const words = within(canvasElement)
      .getAllByRole('status')
      .map((badge) => badge.textContent)
    for (const expected of ['Completed', 'Requires action', 'Failed', 'Expired', 'Cancelled', 'Incomplete']) {
      await expect(words).toContain(expected)
    }
  },
}

/** Token usage of a completed run (2025 shape, with `prompt_token_details`). */
export const Usage: Story = {
  loaders: [async () => ({ replay: await loadReplay({ recordings: [REC.text] }) })],
  render: (_args, { loaded }) => {
    const { tape } = loaded.replay as Awaited<ReturnType<typeof loadReplay>>
    return (
      <div className="rl-frame">
        <RunUsage run={tape.stateAt(tape.length)} />
      </div>
    )
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Total tokens')).toBeInTheDocument()
  },
}

const PAGE = 5

/** A page of the runs at a time, like `runs.list` with `limit=5`; "Load more runs" appends the next. */
function PagedRunList({ runs }: { runs: readonly Run[] }) {
  const [shown, setShown] = useState(PAGE)
  const [selected, setSelected] = useState<string | null>(null)
  return (
    <div className="rl-frame">
      <RunList
        runs={runs.slice(0, shown)}
        hasMore={shown < runs.length}
        onLoadMore={() => setShown((count) => count + PAGE)}
        onSelectRun={(run) => setSelected(run.id)}
        selectedRunId={selected}
        label="Replayed runs"
      />
    </div>
  )
}

/** The runs of every replayed source as one thread's list, paginated and selectable. */
export const RunListPaged: Story = {
  loaders: [async () => ({ runs: runsOf(await finalStates()) })],
  render: (_args, { loaded }) => <PagedRunList runs={loaded.runs as Run[]} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const list = canvas.getByRole('list', { name: 'Replayed runs' })
    await expect(within(list).getAllByRole('listitem')).toHaveLength(PAGE)
    await userEvent.click(canvas.getByRole('button', { name: 'Load more runs' }))
    await expect(within(list).getAllByRole('listitem')).toHaveLength(PAGE * 2)
    const [first] = within(list).getAllByRole('button')
    await userEvent.click(first!)
    await expect(first).toHaveAttribute('aria-current', 'true')
  },
}

/** No runs yet. */
export const RunListEmpty: Story = {
  render: () => (
    <div className="rl-frame">
      <RunList runs={[]} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No runs yet.')).toBeInTheDocument()
  },
}
