import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, within } from 'storybook/test'
import { REC, SOURCES } from './replay/catalog.js'
import { replayStory } from './replay/story.js'

/**
 * Every run status, each taken from a real recording or a simulator scenario at the event that put
 * the run there. Use the replay control to step before and after it.
 */
const meta = {
  title: 'Runs/Every status',
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const text = { recordings: [REC.text] }

/** Right after `thread.run.queued` in a real gpt-4o stream. */
export const Queued: Story = replayStory(text, { at: { after: 'thread.run.queued' }, status: 'Queued' })

/** Mid-stream: twelve text deltas in. */
export const InProgress: Story = replayStory(text, {
  at: { after: 'thread.message.delta', nth: 11 },
  status: 'In progress',
})

/** The real function-call recording ends in `requires_action` (no handle here, so the form is read-only). */
export const RequiresAction: Story = replayStory(
  { recordings: [REC.functionCall] },
  { status: 'Requires action' },
)

/** A slow simulator run right after the cancel request: `thread.run.cancelling`. */
export const Cancelling: Story = replayStory(SOURCES.cancelled, {
  at: { after: 'thread.run.cancelling' },
  status: 'Cancelling',
})

/** The same run once `thread.run.cancelled` arrived: the open message and step are closed. */
export const Cancelled: Story = replayStory(SOURCES.cancelled, { status: 'Cancelled' })

/** The simulator's `fail` scenario: `thread.run.failed` with a `last_error`. */
export const Failed: Story = replayStory(SOURCES.fail, {
  status: 'Failed',
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('Sorry, something went wrong.')
  },
})

/** The whole real stream, with usage. */
export const Completed: Story = replayStory(text, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Total tokens')).toBeInTheDocument()
  },
})

/** A real recording: the event is `thread.run.completed` but its data says `"status":"incomplete"`. */
export const Incomplete: Story = replayStory({ recordings: [REC.incomplete] }, { status: 'Incomplete' })

/** The simulator's `expire` scenario: `thread.run.expired` mid-message. */
export const Expired: Story = replayStory(SOURCES.expire, { status: 'Expired' })
