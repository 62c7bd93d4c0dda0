'use client'
// The parts loaded on demand, in one place: what only some runs show (markdown formatting, citation
// chips, tool calls and their forms, the Responses wire's rows, Foundry's tool cards and activities, approvals) is
// downloaded the first time a run shows it, so a page starts with the transcript, its messages (as
// plain text) and the run's status only.
// Each is wrapped by `lazyPart` (its own Suspense boundary; synchronous once loaded). A client module:
// in a React Server Components graph its parts are client references like the other parts.
import { createElement } from 'react'
import { lazyPart } from './lazy-part.js'
import { PlainBlock } from './markdown/plain.js'

/**
 * A message that cites (see `cited-content.tsx`): until its code is there, `placeholder` (the message
 * drawn without its chips) stands in.
 */
export const LazyCitedMessageContent = /*#__PURE__*/ lazyPart(
  () => import('./cited-content.js').then((module) => module.CitedMessageContent),
  (props) => props.placeholder,
)

/** The function-call, code-interpreter and file-search views (one module, loaded together). */
const toolCalls = () => import('./tool-calls.js')

/** `RunTimeline.ToolCall`: a function call, its arguments as they stream, its output. */
export const LazyToolCall = /*#__PURE__*/ lazyPart(() => toolCalls().then((module) => module.ToolCall))

/** `RunTimeline.CodeInterpreter`. */
export const LazyCodeInterpreter = /*#__PURE__*/ lazyPart(() =>
  toolCalls().then((module) => module.CodeInterpreter),
)

/** `RunTimeline.FileSearch`. */
export const LazyFileSearch = /*#__PURE__*/ lazyPart(() => {
  // The message after a file search cites what it found: its chips load alongside.
  LazyCitedMessageContent.preload().catch(() => {})
  return toolCalls().then((module) => module.FileSearch)
})

/** The tool-output form `RequiredAction` shows (see `required-action.tsx`). */
export const LazyToolCallForm = /*#__PURE__*/ lazyPart(() =>
  import('./required-action.js').then((module) => module.ToolCallForm),
)

/** The body of a Responses-wire row (see `responses/items.tsx`). */
export const LazyResponseItemBody = /*#__PURE__*/ lazyPart(() =>
  import('./responses/items.js').then((module) => module.ResponseItemBody),
)

/** The kit's card for a tool type, else the generic card (see `foundry/cards.tsx`). */
export const LazyKitToolCard = /*#__PURE__*/ lazyPart(() =>
  import('./foundry/cards.js').then((module) => module.KitToolCard),
)

/** `RunTimeline.McpTools`: an MCP server's tool list (see `foundry/activity.tsx`). */
export const LazyMcpTools = /*#__PURE__*/ lazyPart(() =>
  import('./foundry/activity.js').then((module) => module.McpTools),
)

/** The approval form `RequiredApprovals` shows (see `approvals/form.tsx`). */
export const LazyToolApprovalForm = /*#__PURE__*/ lazyPart(() =>
  import('./approvals/form.js').then((module) => module.ToolApprovalForm),
)

/** The markdown lexer and its drawing (see `markdown/lexed-block.tsx`). */
export const loadMarkdownLexer = () => import('./markdown/lexed-block.js')

/**
 * A block of markdown with syntax in it, lexed and drawn (see `markdown.tsx`). Until the lexer is
 * there, the block shows as plain paragraphs: its text, unformatted, where it will stand formatted.
 */
export const LazyLexedBlock = /*#__PURE__*/ lazyPart(
  () => loadMarkdownLexer().then((module) => module.LexedBlock),
  (props) => createElement(PlainBlock, props),
)

/**
 * Loads every part the timeline otherwise loads the first time a run shows one: the markdown lexer
 * (messages with markdown syntax), the citation chips, the tool-call views and the tool-output form, the Responses wire's
 * rows, Foundry's tool cards and MCP tool lists, and the approval form. For apps that render on the server with `renderToString` (which cannot wait
 * for code), or that want those rows drawn at once the first time: call it at start-up. Resolves
 * when they are loaded.
 */
export async function preloadRunTimelineParts(): Promise<void> {
  await Promise.all(
    [
      LazyLexedBlock,
      LazyCitedMessageContent,
      LazyToolCall,
      LazyCodeInterpreter,
      LazyFileSearch,
      LazyToolCallForm,
      LazyResponseItemBody,
      LazyKitToolCard,
      LazyMcpTools,
      LazyToolApprovalForm,
    ].map((part) => part.preload()),
  )
}
