import type { TimelineItem } from '@runline/core'
import { TOOL_TYPE_WORDS } from '../foundry/words.js'
import { responseItemLabel, responseItemOf, responseItemState, responseItemType } from '../responses/kind.js'

// What a timeline row is, read from its item: the step's row, the log's row wrapper and the step
// header all ask.

/**
 * What kind of row an item is: a message, one tool type, several tools, activities (Foundry); on the
 * Responses wire, the output item's type as sent.
 */
export function itemKind(item: TimelineItem): string {
  const output = responseItemOf(item)
  if (output) return responseItemType(output)
  if (!item.step) return 'message'
  if (item.step.type === 'message_creation') return 'message'
  if ((item.step.type as string) === 'activities') return 'activities'
  const types = new Set(item.toolCalls.map((call) => call?.type))
  if (types.size === 1) return [...types][0] ?? 'tool_calls'
  return 'tool_calls'
}

/** The state a row shows: its step's status, else its message's (Responses: its item's), else completed. */
export function itemState(item: TimelineItem): string {
  const output = responseItemOf(item)
  if (output) return responseItemState(output)
  return item.step?.status ?? item.message?.status ?? 'completed'
}

const KIND_WORDS: Record<string, string> = {
  message: 'Message',
  function: 'Function call',
  code_interpreter: 'Code interpreter',
  file_search: 'File search',
  tool_calls: 'Tool calls',
  activities: 'MCP tools listed',
  ...TOOL_TYPE_WORDS,
}

/** The row's accessible name: whose message, or which tools. */
export function stepLabel(item: TimelineItem, kind: string): string {
  const output = responseItemOf(item)
  if (output) return responseItemLabel(output)
  if (item.message?.role === 'user') return 'Your message'
  if (kind === 'function') {
    const names = item.toolCalls.map((call) => (call?.type === 'function' ? call.function?.name : null))
    return `Function call: ${names.filter(Boolean).join(', ')}`
  }
  return Object.hasOwn(KIND_WORDS, kind) ? KIND_WORDS[kind]! : 'Step'
}
