import type { PolicyViolation } from './policy.js'

/** One answer to Foundry's `submit_tool_approval` required action. */
export interface ToolApproval {
  tool_call_id: string
  approve: boolean
  /** Headers Foundry sends to the MCP server with the approved call. */
  headers?: Record<string, string>
}

const APPROVAL_FIELDS = ['tool_call_id', 'approve', 'headers']
/** Tool call ids are short opaque words (`call_abc123`). */
const TOOL_CALL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/
/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/
/** A header value: visible ASCII, spaces and tabs; no CR/LF that could split it. */
const HEADER_VALUE = /^[\t\x20-\x7e]{0,8192}$/
const MAX_APPROVALS = 128
const MAX_HEADERS = 32

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const bad = (param: string, message: string, code = 'invalid_type'): PolicyViolation => ({
  status: 400,
  code,
  param,
  message,
})

/**
 * Checks `tool_approvals` of a Foundry `submit_tool_outputs` body: an array of
 * `{ tool_call_id: string, approve: boolean, headers?: Record<string, string> }` with nothing else,
 * header names that are HTTP tokens and values without line breaks. Returns the first violation.
 */
export function checkToolApprovals(value: unknown): PolicyViolation | null {
  if (!Array.isArray(value)) return bad('tool_approvals', `'tool_approvals' must be an array.`)
  if (value.length > MAX_APPROVALS) {
    return bad(
      'tool_approvals',
      `'tool_approvals' has more than ${MAX_APPROVALS} items.`,
      'array_above_max_length',
    )
  }
  for (const [index, item] of value.entries()) {
    const at = `tool_approvals[${index}]`
    if (!isRecord(item)) return bad(at, `'${at}' must be an object.`)
    for (const key of Object.keys(item)) {
      if (!APPROVAL_FIELDS.includes(key))
        return bad(`${at}.${key}`, `Unknown parameter: '${at}.${key}'.`, 'unknown_parameter')
    }
    if (typeof item.tool_call_id !== 'string' || !TOOL_CALL_ID.test(item.tool_call_id)) {
      return bad(`${at}.tool_call_id`, `'${at}.tool_call_id' must be a tool call id.`)
    }
    if (typeof item.approve !== 'boolean') {
      return bad(`${at}.approve`, `'${at}.approve' must be true or false.`)
    }
    if (item.headers === undefined) continue
    if (!isRecord(item.headers)) return bad(`${at}.headers`, `'${at}.headers' must be an object of strings.`)
    const headers = Object.entries(item.headers)
    if (headers.length > MAX_HEADERS) {
      return bad(
        `${at}.headers`,
        `'${at}.headers' has more than ${MAX_HEADERS} entries.`,
        'object_above_max_properties',
      )
    }
    for (const [name, headerValue] of headers) {
      if (!HEADER_NAME.test(name) || typeof headerValue !== 'string' || !HEADER_VALUE.test(headerValue)) {
        return bad(`${at}.headers`, `'${at}.headers' must map header names to single-line string values.`)
      }
    }
  }
  return null
}
