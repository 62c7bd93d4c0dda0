// What a Responses-wire row is, read from its output item (`TimelineItem.item`): its type, its state
// and its name in words. Kept apart from the Assistants reading in `timeline/item.ts`, which asks here.
import type { TimelineItem } from '@runline/core'

type Json = Readonly<Record<string, unknown>>

/** The row's output item as a plain record, or null on an Assistants row. */
export function responseItemOf(item: TimelineItem): Json | null {
  const it: unknown = item.item
  return it !== null && typeof it === 'object' ? (it as Json) : null
}

/** The item's `type` as sent ("unknown" when it has none). */
export function responseItemType(item: Json): string {
  return typeof item.type === 'string' && item.type !== '' ? item.type : 'unknown'
}

/**
 * The state a Responses row shows: the item's own `status` as sent (in_progress, searching,
 * interpreting, generating, completed, incomplete, failed…); an approval request has none and waits.
 */
export function responseItemState(item: Json): string {
  if (typeof item.status === 'string' && item.status !== '') return item.status
  if (item.type === 'mcp_approval_request') return 'waiting'
  return 'completed'
}

const RESPONSE_WORDS: Readonly<Record<string, string>> = {
  message: 'Message',
  reasoning: 'Reasoning',
  function_call: 'Function call',
  function_call_output: 'Function output',
  file_search_call: 'File search',
  web_search_call: 'Web search',
  code_interpreter_call: 'Code interpreter',
  image_generation_call: 'Image generation',
  mcp_list_tools: 'MCP tools listed',
  mcp_call: 'MCP call',
  mcp_approval_request: 'MCP approval request',
}

/** The row's accessible name: a message, or which item type (a function call names its function). */
export function responseItemLabel(item: Json): string {
  const type = responseItemType(item)
  if ((type === 'function_call' || type === 'mcp_call') && typeof item.name === 'string' && item.name)
    return `${RESPONSE_WORDS[type]}: ${item.name}`
  // Own keys only: a type named like an Object.prototype member is just unknown.
  return Object.hasOwn(RESPONSE_WORDS, type) ? RESPONSE_WORDS[type]! : `Item: ${type}`
}

/** The row header's title: who wrote it, or what kind of work it is. */
export function responseItemTitle(item: Json): string {
  const type = responseItemType(item)
  if (type === 'message') return item.role === 'user' ? 'You' : 'Assistant'
  if (type === 'reasoning') return 'Reasoning'
  if (type === 'mcp_list_tools') return 'MCP tools'
  return 'Tool call'
}
