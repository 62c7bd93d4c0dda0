import { RunTimeline } from '@runline/components'
import type { RunState } from '@runline/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test'
import { EventInspector } from './replay/EventInspector.js'
import { ReplayPlayer } from './replay/ReplayPlayer.js'
import { recordingSequence } from './replay/recordings.js'
import { createReplayTape } from './replay/tape.js'

const FUNCTION_CALL = [
  'openai-dotnet__function-call__1-requires-action__2025-10',
  'openai-dotnet__function-call__2-submit-tool-outputs-continuation__2025-10',
]

const tape = createReplayTape(recordingSequence(...FUNCTION_CALL))

/** The timeline at the scrubbed position, with the raw inspector under it. */
const view = (state: RunState, position: number) => (
  <>
    <RunTimeline run={state} />
    <EventInspector state={state} event={tape.events[position - 1]} />
  </>
)

// Both stories replay the same recordings through the same view.
const meta = {
  title: 'Replay/Controls',
  component: ReplayPlayer,
  parameters: { layout: 'fullscreen' },
  args: { tape, initialPosition: 0, source: FUNCTION_CALL.join(' + '), children: view },
} satisfies Meta<typeof ReplayPlayer>

export default meta
type Story = StoryObj<typeof meta>

/** The replay control on a real recording (function call, then its continuation), with the raw inspector. */
export const ScrubARecording: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const slider = canvas.getByRole('slider', { name: 'Event' })
    const status = canvas.getByTestId('inspector-status')
    await expect(status).toHaveTextContent('idle')

    // Scrub to just after `thread.run.requires_action`: the fold of events[0..i] is what shows.
    const requiresAction = tape.positionAfter((event) => event.event === 'thread.run.requires_action')
    fireEvent.change(slider, { target: { value: String(requiresAction) } })
    await expect(status).toHaveTextContent('requires_action')
    await expect(slider).toHaveAttribute(
      'aria-valuetext',
      expect.stringContaining('thread.run.requires_action'),
    )

    await userEvent.click(canvas.getByRole('button', { name: 'Next event' }))
    await expect(slider).toHaveValue(String(requiresAction + 1))

    // Instant playback jumps to the end of the run.
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Speed' }), 'Instant')
    await userEvent.click(canvas.getByRole('button', { name: 'Play' }))
    await waitFor(() => expect(status).toHaveTextContent('completed'))
    await expect(slider).toHaveValue(String(tape.length))
  },
}

/** Playing at 16× reaches the end by itself; the button reads "Pause" while it plays. */
export const PlayToTheEnd: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Speed' }), '16×')
    await userEvent.click(canvas.getByRole('button', { name: 'Play' }))
    await expect(canvas.getByRole('button', { name: 'Pause' })).toBeInTheDocument()
    const slider = canvas.getByRole('slider', { name: 'Event' })
    await waitFor(() => expect(slider).toHaveValue(String(tape.length)), { timeout: 5000 })
    await expect(canvas.getByTestId('inspector-status')).toHaveTextContent('completed')
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Play' })).toBeInTheDocument())
  },
}
