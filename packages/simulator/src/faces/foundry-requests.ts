/** What Foundry adds to Assistants requests: MCP settings on runs, `tool_approvals` on submits. */
import type { ToolApprovalInput } from '../engine/actions.js'
import type { McpApprovalPolicy } from '../engine/records.js'
import { ApiError, invalidType, missingParameter } from '../http.js'
import { isRecord } from './requests.js'
import { type RunExtras, readToolOutputs, type SubmitAnswers } from './threads-api.js'

function stringList(value: unknown, param: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    throw invalidType(param, 'an array of strings')
  return value as string[]
}

function stringMap(value: unknown, param: string): Record<string, string> {
  if (value === undefined || value === null) return {}
  if (!isRecord(value) || Object.values(value).some((item) => typeof item !== 'string'))
    throw invalidType(param, 'an object of strings')
  return value as Record<string, string>
}

function approvalPolicy(value: unknown, param: string): McpApprovalPolicy {
  if (value === undefined || value === null || value === 'always') return 'always'
  if (value === 'never') return 'never'
  if (isRecord(value)) {
    if (value.always !== undefined) return { always: stringList(value.always, `${param}.always`) }
    if (value.never !== undefined) return { never: stringList(value.never, `${param}.never`) }
  }
  throw new ApiError(
    400,
    `Invalid value for '${param}': expected 'always', 'never', {"always": [...]} or {"never": [...]}.`,
    param,
    'invalid_value',
  )
}

/**
 * A run's `tool_resources.mcp`: per server label, whether its calls need approval. The headers are
 * read (and checked) but never printed back: they carry the MCP server's credentials.
 */
export function readFoundryRunExtras(body: Record<string, unknown>): RunExtras {
  const resources = body.tool_resources
  if (resources === undefined || resources === null) return {}
  if (!isRecord(resources)) throw invalidType('tool_resources', 'an object')
  const mcp = resources.mcp ?? []
  if (!Array.isArray(mcp)) throw invalidType('tool_resources.mcp', 'an array')
  const mcpApproval = new Map<string, McpApprovalPolicy>()
  for (const [index, entry] of mcp.entries()) {
    const param = `tool_resources.mcp[${index}]`
    if (!isRecord(entry)) throw invalidType(param, 'an object')
    if (typeof entry.server_label !== 'string') throw missingParameter(`${param}.server_label`)
    stringMap(entry.headers, `${param}.headers`)
    mcpApproval.set(entry.server_label, approvalPolicy(entry.require_approval, `${param}.require_approval`))
  }
  return { mcpApproval }
}

/**
 * A submit's answers: `tool_approvals` when the body has them (MCP calls waiting in
 * `submit_tool_approval`), else `tool_outputs` as on the Assistants wire. Both at once is a 400.
 */
export function readFoundryAnswers(body: Record<string, unknown>): SubmitAnswers {
  const raw = body.tool_approvals
  if (raw === undefined || raw === null) return readToolOutputs(body)
  if (Array.isArray(body.tool_outputs) && body.tool_outputs.length > 0)
    throw new ApiError(400, 'Send either tool_outputs or tool_approvals, not both.', 'tool_approvals')
  if (!Array.isArray(raw)) throw invalidType('tool_approvals', 'an array')
  const approvals = raw.map((item, index): ToolApprovalInput => {
    const param = `tool_approvals[${index}]`
    if (!isRecord(item)) throw invalidType(param, 'an object')
    if (typeof item.tool_call_id !== 'string') throw missingParameter(`${param}.tool_call_id`)
    if (item.approve === undefined) throw missingParameter(`${param}.approve`)
    if (typeof item.approve !== 'boolean') throw invalidType(`${param}.approve`, 'a boolean')
    return {
      tool_call_id: item.tool_call_id,
      approve: item.approve,
      headers: stringMap(item.headers, `${param}.headers`),
    }
  })
  return { kind: 'approvals', approvals }
}
