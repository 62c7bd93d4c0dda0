// The parts loaded on demand, in one place: an Assistants app never downloads the Responses rows,
// Foundry's tool cards and activities, or the approval form unless a run shows one. Each is wrapped
// by `lazyPart` (its own Suspense boundary; synchronous once loaded).
import { lazyPart } from './lazy-part.js'

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

/**
 * Loads every part the timeline otherwise loads the first time a run shows one: the Responses
 * wire's rows, Foundry's tool cards and MCP tool lists, and the approval form. For apps that render
 * on the server with `renderToString` (which cannot wait for code) or that want those rows drawn
 * at once the first time: call it at start-up. Resolves when they are loaded.
 */
export async function preloadRunTimelineParts(): Promise<void> {
  await Promise.all(
    [LazyResponseItemBody, LazyKitToolCard, LazyMcpTools, LazyToolApprovalForm].map((part) => part.preload()),
  )
}
