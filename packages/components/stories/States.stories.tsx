import { RunTimeline } from '@runline/components'
import { initialRunState, reduceRun } from '@runline/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, within } from 'storybook/test'
import { SOURCES } from './replay/catalog.js'
import './replay/replay.css'
import { expectRunStatus, replayStory } from './replay/story.js'

/** Before and around a run: nothing yet, connecting, and a very long stream. */
const meta = {
  title: 'Runs/States',
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** No run yet: the reducer's initial state. */
export const Empty: Story = {
  render: () => (
    <div className="rl-frame">
      <RunTimeline run={initialRunState} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await expectRunStatus(canvasElement, 'Not started')
    await expect(within(canvasElement).getByRole('log')).toHaveTextContent('No steps yet.')
  },
}

/** A request is under way, no event yet: the state after `runline.connecting`. */
export const Connecting: Story = {
  render: () => (
    <div className="rl-frame">
      <RunTimeline run={reduceRun(initialRunState, { event: 'runline.connecting' })} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await expectRunStatus(canvasElement, 'Connecting')
  },
}

/**
 * The simulator's `long` scenario: 5,200 text deltas in one message. Scrub anywhere; the tape keeps a
 * checkpoint every 64 events, so any position is a few reductions away.
 */
export const LongStream: Story = replayStory(SOURCES.long, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const slider = within(canvasElement).getByRole('slider', { name: 'Event' })
    await expect(Number(slider.getAttribute('max'))).toBeGreaterThan(5000)
    fireEvent.change(slider, { target: { value: '2600' } })
    await expectRunStatus(canvasElement, 'In progress')
  },
})

/** The long stream from its first event, playing (pick a speed, or pause and scrub). */
export const LongStreamPlaying: Story = replayStory(SOURCES.long, { at: 0, autoPlay: true })
