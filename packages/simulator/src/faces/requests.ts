/** Reading request bodies the way the Assistants API does (Foundry's classic agents share it). */
import type { MessageContent } from 'openai/resources/beta/threads/messages'
import type { MessageInput } from '../engine/engine.js'
import { ApiError, invalidType, missingParameter } from '../http.js'
import { checkMessageLength } from '../limits.js'
import type { WireMessage } from '../wire.js'

/** The only `include[]` value the API knows for runs and steps. */
export const FILE_SEARCH_CONTENT_INCLUDE = 'step_details.tool_calls[*].file_search.results[*].content'

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** `metadata`: up to 16 string pairs, keys ≤ 64 and values ≤ 512 characters. */
export function parseMetadata(value: unknown, param = 'metadata'): Record<string, string> {
  if (value === undefined || value === null) return {}
  if (!isRecord(value)) throw invalidType(param, 'an object')
  const entries = Object.entries(value)
  if (entries.length > 16)
    throw new ApiError(
      400,
      `Invalid '${param}': too many properties (max 16).`,
      param,
      'object_above_max_properties',
    )
  for (const [key, item] of entries) {
    if (typeof item !== 'string') throw invalidType(`${param}.${key}`, 'a string')
    if (key.length > 64 || item.length > 512)
      throw new ApiError(
        400,
        `Invalid '${param}.${key}': string too long.`,
        `${param}.${key}`,
        'string_above_max_length',
      )
  }
  return value as Record<string, string>
}

/** An optional number field (`null` kept). */
export function optionalNumber(body: Record<string, unknown>, key: string): number | null | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (value === null) return null
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidType(key, 'a number')
  return value
}

/** An optional string field (`null` kept). */
export function optionalString(body: Record<string, unknown>, key: string): string | null | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (value === null) return null
  if (typeof value !== 'string') throw invalidType(key, 'a string')
  return value
}

function parseContent(value: unknown, param: string): MessageContent[] {
  if (typeof value === 'string') {
    checkMessageLength(value, param)
    return [{ type: 'text', text: { value, annotations: [] } }]
  }
  if (!Array.isArray(value) || value.length === 0) {
    if (value === undefined) throw missingParameter(param)
    throw invalidType(param, 'a string or an array of content parts')
  }
  return value.map((part, index): MessageContent => {
    const where = `${param}[${index}]`
    if (!isRecord(part)) throw invalidType(where, 'an object')
    if (part.type === 'text' && typeof part.text === 'string') {
      checkMessageLength(part.text, `${where}.text`)
      return { type: 'text', text: { value: part.text, annotations: [] } }
    }
    if (
      part.type === 'image_file' &&
      isRecord(part.image_file) &&
      typeof part.image_file.file_id === 'string'
    ) {
      return { type: 'image_file', image_file: part.image_file as { file_id: string } }
    }
    if (part.type === 'image_url' && isRecord(part.image_url) && typeof part.image_url.url === 'string') {
      return { type: 'image_url', image_url: part.image_url as { url: string } }
    }
    throw new ApiError(400, `Invalid value for '${where}.type'.`, `${where}.type`, 'invalid_value')
  })
}

/** A message of a create request (`param` prefixes the field names in errors). */
export function parseMessageInput(value: unknown, param: string): MessageInput {
  if (!isRecord(value)) throw invalidType(param, 'an object')
  const at = (key: string) => (param ? `${param}.${key}` : key)
  const role = value.role
  if (role === undefined) throw missingParameter(at('role'))
  if (role !== 'user' && role !== 'assistant') {
    throw new ApiError(
      400,
      `Invalid value: '${String(role)}'. Supported values are: 'user' and 'assistant'.`,
      at('role'),
      'invalid_value',
    )
  }
  const attachments = value.attachments ?? []
  if (!Array.isArray(attachments)) throw invalidType(at('attachments'), 'an array')
  return {
    role,
    content: parseContent(value.content, at('content')),
    attachments: attachments as WireMessage['attachments'],
    metadata: parseMetadata(value.metadata, at('metadata')),
  }
}

/** `stream` as the API reads it: absent or null is false; anything but a boolean is refused. */
export function streamFlag(body: Record<string, unknown>): boolean {
  const stream = body.stream
  if (stream === undefined || stream === null) return false
  if (typeof stream !== 'boolean') throw invalidType('stream', 'a boolean')
  return stream
}

/** Whether `include[]` (or `include=`) asks for file_search result content; other values are a 400. */
export function parseInclude(url: URL): boolean {
  const values = [...url.searchParams.getAll('include[]'), ...url.searchParams.getAll('include')]
  for (const value of values) {
    if (value !== FILE_SEARCH_CONTENT_INCLUDE) {
      throw new ApiError(
        400,
        `Invalid value: '${value}'. Supported values are: '${FILE_SEARCH_CONTENT_INCLUDE}'.`,
        'include[0]',
        'invalid_value',
      )
    }
  }
  return values.length > 0
}
