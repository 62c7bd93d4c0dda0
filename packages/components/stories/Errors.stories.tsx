import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, within } from 'storybook/test'
import { REC, SOURCES } from './replay/catalog.js'
import { LiveRunView } from './replay/LiveRunView.js'
import { expectRunStatus, replayStory } from './replay/story.js'

/** How each kind of failure reads: run failures, ended-early runs, stream errors and HTTP errors. */
const meta = {
  title: 'Runs/Errors',
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const alertOf = (canvasElement: HTMLElement) => within(canvasElement).getByRole('alert')

/** `thread.run.failed` with `last_error` (simulator `fail` scenario): the open message is cut. */
export const Failed: Story = replayStory(SOURCES.fail, {
  status: 'Failed',
  play: async ({ canvasElement }) => {
    await expect(alertOf(canvasElement)).toHaveTextContent('Sorry, something went wrong.')
  },
})

/** A real `max_completion_tokens` stop: the message is `incomplete` and so is the run. */
export const Incomplete: Story = replayStory(
  { recordings: [REC.incomplete] },
  {
    status: 'Incomplete',
    play: async ({ canvasElement }) => {
      await expect(alertOf(canvasElement)).toHaveTextContent(/ended early/)
    },
  },
)

/** The same stop on the v1 API: the run says `completed` but carries `incomplete_details`. */
export const IncompleteV1: Story = replayStory({ recordings: [REC.incompleteV1] }, { status: 'Completed' })

/** A run that passed its `expires_at` (simulator `expire` scenario). */
export const Expired: Story = replayStory(SOURCES.expire, { status: 'Expired' })

/** `event: error` mid-message (the real, upstream-spliced simple-openai stream): no terminal event follows. */
export const StreamError: Story = replayStory(
  { recordings: [REC.streamError] },
  {
    status: 'Stream error',
    play: async ({ canvasElement }) => {
      await expect(alertOf(canvasElement)).toHaveTextContent(
        /The server had an error processing your request/,
      )
    },
  },
)

/**
 * A 403 from the proxy: a real `@runline/proxy` in the page whose `authorize` hook refuses, in front
 * of the simulator. The client's error reaches the store as `runline.error`.
 */
export const ProxyForbidden: StoryObj<typeof LiveRunView> = {
  render: (args) => <LiveRunView {...args} />,
  args: { prompt: 'Hello', forbidden: true },
  play: async ({ canvasElement }) => {
    await expectRunStatus(canvasElement, 'Stream error')
    await expect(alertOf(canvasElement)).toHaveTextContent(/not allowed/i)
  },
}
