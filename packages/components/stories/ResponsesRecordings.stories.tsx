import type { Meta, StoryObj } from '@storybook/react-vite'
import { responsesSource } from './replay/responses.js'
import { replayStory } from './replay/story.js'

/**
 * The real Responses-wire recordings in packages/fixtures/real/responses (see SOURCES.md there),
 * replayed through the core parser and reducer with the same control as the Assistants recordings.
 * Every output item gets a row (`data-kind` = its type). Each starts at its end; press Play or scrub.
 * Runs/Responses replays the simulator's Responses face with the same control.
 */
const meta = {
  title: 'Recordings/Responses',
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const recording = (name: string, status?: string): Story =>
  replayStory(responsesSource(`ai-sdk__${name}`), status ? { status } : {})
const dark = (story: Story): Story => ({ ...story, globals: { theme: 'dark' } })

/** Reasoning summary, then a markdown answer. */
export const Reasoning: Story = recording('github-copilot-id-rotation.1', 'Completed')
/** Web search: searches, page opens and finds, then an answer with `url_citation` chips. */
export const WebSearch: Story = recording('openai-web-search-tool.1', 'Completed')
/** The same, dark. */
export const WebSearchDark: Story = dark(recording('openai-web-search-tool.1', 'Completed'))
/** File search: queries, then `file_citation` chips (no results: not requested). */
export const FileSearch: Story = recording('openai-file-search-tool.1', 'Completed')
/** File search with its results (`include: file_search_call.results`). */
export const FileSearchResults: Story = recording('openai-file-search-tool.2', 'Completed')
/** Code interpreter: three runs with their logs, then a `container_file_citation`. */
export const CodeInterpreter: Story = recording('openai-code-interpreter-tool.1', 'Completed')
/** The same, dark. */
export const CodeInterpreterDark: Story = dark(recording('openai-code-interpreter-tool.1', 'Completed'))
/** Image generation: a partial image, then the final one (the recording abbreviates the data). */
export const ImageGeneration: Story = recording('openai-image-generation-tool.1', 'Completed')
/** Reasoning with encrypted content (never shown) and three function calls. */
export const FunctionCalls: Story = recording('openai-reasoning-encrypted-content.1', 'Completed')
/** MCP: the server's tool list and two calls with their output. */
export const McpCalls: Story = recording('openai-mcp-tool.1', 'Completed')
/** MCP approval request: waiting, with the approval form. */
export const McpApproval: Story = recording('openai-mcp-tool-approval.1', 'Requires action')
/** The same, dark. */
export const McpApprovalDark: Story = dark(recording('openai-mcp-tool-approval.1', 'Requires action'))
/** The approved call in the next turn. */
export const McpApproved: Story = recording('openai-mcp-tool-approval.4', 'Completed')
/** Commentary then final answer (`phase`). */
export const Phase: Story = recording('openai-phase.1', 'Completed')
/** Item types the kit has no view for (`shell_call`): type name and raw JSON. */
export const ShellCall: Story = recording('openai-shell-tool.1')
/** `apply_patch_call`, shown generically. */
export const ApplyPatch: Story = recording('openai-apply-patch-tool.1')
/** Tool search items and a namespaced function call. */
export const ToolSearch: Story = recording('openai-tool-search.1')
/** A program item and a function call it made. */
export const ProgrammaticToolCalling: Story = recording('programmatic-tool-calling.1')
/** A failed response. */
export const FailedResponse: Story = recording('openai-error.1')
