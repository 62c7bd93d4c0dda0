import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, within } from 'storybook/test'
import { CustomLayout } from './CustomLayout.js'
import { SOURCES } from './replay/catalog.js'
import { replayStory } from './replay/story.js'

/** The headless parts (`RunTimeline.Root`, `.Log`, `.Step`, `.Message`, `.ToolCall`, ...) in a layout of one's own. */
const meta = {
  title: 'Runs/Custom layout',
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const view = (state: Parameters<typeof CustomLayout>[0]['run']) => <CustomLayout run={state} />

/** Parallel calls waiting: the form sits in the side panel. */
export const WaitingForTools: Story = replayStory(SOURCES.parallelCalls, {
  view,
  status: 'Requires action',
  play: async ({ canvasElement }) => {
    const side = within(within(canvasElement).getByRole('complementary', { name: 'Run details' }))
    await expect(side.getAllByRole('textbox', { name: 'Output for get_weather' })).toHaveLength(2)
  },
})

/** The real function-call flow, answered and completed. */
export const FunctionCallFlow: Story = replayStory(SOURCES.functionCallFlow, { view, status: 'Completed' })

/** Code interpreter and images in compact tool cards. */
export const CodeAndImages: Story = replayStory(SOURCES.plot, { view, status: 'Completed' })

/** A failed run: the problem shows in the side panel. */
export const Failed: Story = replayStory(SOURCES.fail, {
  view,
  status: 'Failed',
  play: async ({ canvasElement }) => {
    const side = within(within(canvasElement).getByRole('complementary', { name: 'Run details' }))
    await expect(side.getByRole('alert')).toHaveTextContent('Sorry, something went wrong.')
  },
})
