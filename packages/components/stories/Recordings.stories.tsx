import type { Meta, StoryObj } from '@storybook/react-vite'
import { REC } from './replay/catalog.js'
import { replayStory } from './replay/story.js'

/**
 * Every real recording in packages/fixtures/real (see SOURCES.md there), replayed byte for byte
 * through the core parser and reducer. Each starts at its end; press Play or scrub to watch it stream.
 */
const meta = {
  title: 'Recordings',
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const recording = (name: string, status: string): Story => replayStory({ recordings: [name] }, { status })

/** openai-dotnet, gpt-4o, 2025-10: plain text. */
export const DotnetText: Story = recording(REC.text, 'Completed')
/** openai-dotnet, 2025-10: function call ending in `requires_action`. */
export const DotnetFunctionCall: Story = recording(REC.functionCall, 'Requires action')
/** openai-dotnet, 2025-10: its `submit_tool_outputs` continuation on its own (no `run.created`). */
export const DotnetFunctionContinuation: Story = recording(REC.functionContinuation, 'Completed')
/** openai-dotnet, 2025-10: file search + a `file_citation` delta. */
export const DotnetFileSearch: Story = recording(REC.fileSearch, 'Completed')
/** openai-php, 2024-07 (upstream reformatted): createThreadAndRun text. */
export const PhpThreadAndRun: Story = recording(REC.threadAndRunPhp, 'Completed')
/** openllmetry, 2026-03: code interpreter input deltas. */
export const OpenllmetryCodeInput: Story = recording(REC.codeInput, 'Completed')
/** openllmetry, v1 API, 2024-03: code interpreter with logs between two messages. */
export const OpenllmetryCodeLogs: Story = recording(REC.codeLogs, 'Completed')
/** ruby-openai, 2024-04: incomplete (max completion tokens). */
export const RubyIncomplete: Story = recording(REC.incomplete, 'Incomplete')
/** ruby-openai, v1 API, 2024-04: the same stop, reported as completed + `incomplete_details`. */
export const RubyIncompleteV1: Story = recording(REC.incompleteV1, 'Completed')
/** simple-openai, gpt-4-turbo, 2024-05: plain text, 114 deltas. */
export const SimpleOpenaiText: Story = recording(REC.textLong, 'Completed')
/** simple-openai, 2024-05: createThreadAndRun text. */
export const SimpleOpenaiThreadAndRun: Story = recording(REC.threadAndRun, 'Completed')
/** simple-openai, 2024-05: a function-call continuation. */
export const SimpleOpenaiFunctionContinuation: Story = recording(REC.functionContinuation2024, 'Completed')
/** simple-openai (upstream spliced): `event: error` mid-message. */
export const SimpleOpenaiStreamError: Story = recording(REC.streamError, 'Stream error')
/** simple-openai, 2025-03 (upstream edited): file search + five citations. */
export const SimpleOpenaiFileCitations: Story = recording(REC.fileSearchCitations, 'Completed')
