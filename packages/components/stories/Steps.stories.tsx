import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, within } from 'storybook/test'
import { REC, SOURCES } from './replay/catalog.js'
import { replayStory } from './replay/story.js'

/** Every step and tool type, replayed from real recordings or, where none exists, the simulator. */
const meta = {
  title: 'Runs/Steps and tools',
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** A message step while its text streams (60 of 114 deltas of a real gpt-4-turbo stream). */
export const MessageStreaming: Story = replayStory(
  { recordings: [REC.textLong] },
  { at: { after: 'thread.message.delta', nth: 59 }, status: 'In progress' },
)

/** The same message once completed. */
export const Message: Story = replayStory({ recordings: [REC.textLong] }, { status: 'Completed' })

/** `createThreadAndRun`: the stream starts with `thread.created`. */
export const ThreadAndRun: Story = replayStory({ recordings: [REC.threadAndRun] }, { status: 'Completed' })

/** A real function call waiting for its output (openai-dotnet, 2025-10). */
export const FunctionCall: Story = replayStory(SOURCES.functionCallFlow, {
  at: { after: 'thread.run.requires_action' },
  status: 'Requires action',
})

/** The same run after `submit_tool_outputs`: the continuation stream fills in the output and answers. */
export const FunctionCallAnswered: Story = replayStory(SOURCES.functionCallFlow, { status: 'Completed' })

/** Function arguments mid-stream: partial JSON, parsed as it arrives. */
export const FunctionArgumentsStreaming: Story = replayStory(SOURCES.parallelCalls, {
  at: { after: 'thread.run.step.delta', nth: 4 },
  status: 'In progress',
})

/** Two parallel `get_weather` calls in one step (no recording has parallel calls: simulator). */
export const ParallelCalls: Story = replayStory(SOURCES.parallelCalls, {
  status: 'Requires action',
  play: async ({ canvasElement }) => {
    const fields = within(canvasElement).getAllByRole('textbox', { name: 'Output for get_weather' })
    await expect(fields).toHaveLength(2)
  },
})

/** The parallel calls answered and the run completed. */
export const ParallelCallsAnswered: Story = replayStory(SOURCES.parallelCallsAnswered, {
  status: 'Completed',
})

/** Code interpreter input streamed delta by delta (real, 2026-03; the API sent no outputs). */
export const CodeInterpreterInput: Story = replayStory(
  { recordings: [REC.codeInput] },
  { status: 'Completed' },
)

/** Code interpreter with a `logs` output, between two messages (real, v1 API, 2024-03). */
export const CodeInterpreterLogs: Story = replayStory({ recordings: [REC.codeLogs] }, { status: 'Completed' })

/** Code interpreter with logs and an image output, and the image as `image_file` message content. */
export const Images: Story = replayStory(SOURCES.plot, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const images = within(canvasElement).getAllByRole('img')
    await expect(images.length).toBeGreaterThanOrEqual(1)
  },
})

/** A code interpreter run that calculates (logs only). */
export const CodeInterpreterCalculation: Story = replayStory(SOURCES.code, { status: 'Completed' })

/** File search: results (file name, score) arrive only with `step.completed` (real, 2025-10). */
export const FileSearchResults: Story = replayStory({ recordings: [REC.fileSearch] }, { status: 'Completed' })

/** Five `file_citation` annotations in the completed message (real, upstream-edited, 2025-03). */
export const FileCitations: Story = replayStory(
  { recordings: [REC.fileSearchCitations] },
  { status: 'Completed' },
)

/** `file_citation` and `file_path` annotations (no recording has `file_path`: simulator). */
export const FilePathAnnotation: Story = replayStory(SOURCES.searchFile, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('link', { name: /passages\.csv/ })).toBeInTheDocument()
  },
})
