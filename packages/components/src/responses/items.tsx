'use client'
// The body of a Responses-wire timeline row: one view per output item type, through the kit's
// existing parts where the Assistants wire has one, and a generic view for everything else.
import type { TimelineItem } from '@runline/core'
import type { ReactNode } from 'react'
import { ResponsesCodeInterpreter, ResponsesFileSearch, ResponsesFunctionCall } from './calls.js'
import { ResponsesGenericItem } from './generic.js'
import { ResponsesImage } from './image.js'
import { responseItemOf, responseItemType } from './kind.js'
import { ResponsesMcpApproval, ResponsesMcpCall, ResponsesMcpTools } from './mcp.js'
import { ResponsesMessage } from './message.js'
import { ResponsesReasoning } from './reasoning.js'
import { ResponsesWebSearch } from './web-search.js'

/**
 * What a Responses row shows for its output item (`row.item`): a message, reasoning, a function /
 * file search / web search / code interpreter / image generation / MCP call, an MCP tool list or
 * approval request, or, for any other type, its type name and raw JSON. Null on an Assistants row.
 */
export function ResponseItemBody({ row }: { row: TimelineItem }): ReactNode {
  const item = responseItemOf(row)
  if (!item) return null
  switch (responseItemType(item)) {
    case 'message':
      return <ResponsesMessage item={item} />
    case 'reasoning':
      return <ResponsesReasoning item={item} />
    case 'function_call':
      return <ResponsesFunctionCall item={item} />
    case 'code_interpreter_call':
      return <ResponsesCodeInterpreter item={item} />
    case 'file_search_call':
      return <ResponsesFileSearch item={item} />
    case 'web_search_call':
      return <ResponsesWebSearch item={item} />
    case 'image_generation_call':
      return <ResponsesImage item={item} rowId={row.id} />
    case 'mcp_list_tools':
      return <ResponsesMcpTools item={item} />
    case 'mcp_call':
      return <ResponsesMcpCall item={item} />
    case 'mcp_approval_request':
      return <ResponsesMcpApproval item={item} />
    default:
      return <ResponsesGenericItem item={item} />
  }
}
