// The kit's tool cards by tool-call type (Foundry's types), and the generic card for any other type.
import type { AnyToolCall } from '@runline/core'
import type { ReactNode } from 'react'
import type { ToolCardInfo, ToolCards } from '../context.js'
import { textOf } from '../derive.js'
import { CodeIcon } from '../icons.js'
import {
  AzureFunctionCard,
  BrowserAutomationCard,
  ConnectedAgentCard,
  DeepResearchCard,
  McpCallCard,
  OpenApiCard,
} from './call-cards.js'
import { CardHead, Facts, RawJson } from './card-parts.js'
import { recordOf } from './payload.js'
import { AzureAISearchCard, BingCard, InputOutputCard } from './search-cards.js'
import { TOOL_TYPE_WORDS } from './words.js'

/** The kit's cards for Foundry's tool types; `toolCards` settings go over them. */
export const FOUNDRY_TOOL_CARDS: ToolCards = Object.freeze({
  mcp: (call, info) => <McpCallCard call={call} info={info} />,
  openapi: (call, info) => <OpenApiCard call={call} info={info} />,
  bing_grounding: (call, info) => (
    <BingCard call={call} info={info} payloadKey="bing_grounding" title="Bing search" />
  ),
  bing_custom_search: (call, info) => (
    <BingCard call={call} info={info} payloadKey="bing_custom_search" title="Bing custom search" />
  ),
  azure_ai_search: (call, info) => <AzureAISearchCard call={call} info={info} />,
  azure_function: (call, info) => <AzureFunctionCard call={call} info={info} />,
  sharepoint_grounding: (call, info) => (
    <InputOutputCard call={call} info={info} payloadKey="sharepoint_grounding" title="SharePoint" />
  ),
  fabric_dataagent: (call, info) => (
    <InputOutputCard call={call} info={info} payloadKey="fabric_dataagent" title="Fabric data agent" />
  ),
  deep_research: (call, info) => <DeepResearchCard call={call} info={info} />,
  connected_agent: (call, info) => <ConnectedAgentCard call={call} info={info} />,
  browser_automation: (call, info) => <BrowserAutomationCard call={call} info={info} />,
} satisfies ToolCards)

/**
 * A tool type the kit has no card for (a newer server's): its type, the short values of its payload
 * (the object under the type's own key) as facts, and the raw JSON.
 */
export function GenericToolCard({ call, info }: { call: AnyToolCall; info: ToolCardInfo }): ReactNode {
  const type = textOf((call as { type?: unknown })?.type) ?? 'tool'
  const payload = recordOf(call, type)
  const facts = Object.entries(payload ?? {}).flatMap(([key, value]) =>
    (typeof value === 'string' && value.length <= 120) || typeof value === 'number'
      ? [[key, String(value)] as const]
      : [],
  )
  return (
    <>
      <CardHead icon={<CodeIcon />} title={TOOL_TYPE_WORDS[type] ?? 'Tool call'} name={type} info={info} />
      <Facts entries={facts} />
      <RawJson value={call} />
    </>
  )
}

/**
 * What `RunTimeline.ToolCard` shows when no `toolCards` setting draws the call: the kit's card for
 * its type, else the generic card. Loaded on demand (see `lazy-parts.ts`).
 */
export function KitToolCard({ call, info }: { call: AnyToolCall; info: ToolCardInfo }): ReactNode {
  const type = textOf((call as { type?: unknown })?.type) ?? 'unknown'
  // Own keys only: a type named like an Object.prototype member ("toString") is just unknown.
  const render = Object.hasOwn(FOUNDRY_TOOL_CARDS, type) ? FOUNDRY_TOOL_CARDS[type] : undefined
  return render ? render(call, info) : <GenericToolCard call={call} info={info} />
}
