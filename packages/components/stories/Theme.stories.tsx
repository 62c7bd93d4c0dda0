import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { REC, SOURCES } from './replay/catalog.js'
import { replayStory } from './replay/story.js'

/**
 * The dark theme (`data-theme="dark"`, the toolbar's Theme switch): every story can be viewed in it;
 * these pin it for the runs with the most colour in them.
 */
const meta = {
  title: 'Runs/Dark theme',
  globals: { theme: 'dark' },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const isDark = async (canvasElement: HTMLElement) => {
  await expect(canvasElement.closest('[data-theme]') ?? document.documentElement).toHaveAttribute(
    'data-theme',
    'dark',
  )
}

/** Parallel function calls waiting for outputs. */
export const ToolForm: Story = replayStory(SOURCES.parallelCalls, {
  status: 'Requires action',
  play: ({ canvasElement }) => isDark(canvasElement),
})

/** Code interpreter logs, a chart and the answer. */
export const CodeAndImages: Story = replayStory(SOURCES.plot, { status: 'Completed' })

/** File search results and citations. */
export const Citations: Story = replayStory(SOURCES.searchFile, { status: 'Completed' })

/** A stream error. */
export const StreamError: Story = replayStory({ recordings: [REC.streamError] }, { status: 'Stream error' })

/** A failed run. */
export const Failed: Story = replayStory(SOURCES.fail, { status: 'Failed' })
