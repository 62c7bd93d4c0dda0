/** Reading Responses and Conversations request bodies the way the API does (its wording for errors). */
import { ApiError, invalidType, missingParameter } from '../http.js'
import { checkMessageLength } from '../limits.js'
import { isRecord, optionalNumber, optionalString, parseMetadata } from './requests.js'
import type { WireItem } from './responses-run.js'
import { RESPONSES_MODEL } from './responses-shapes.js'

/** A create request, read. */
export interface CreateResponseRequest {
  input: WireItem[]
  stream: boolean
  background: boolean
  previousResponseId: string | null
  conversationId: string | null
  instructions: string | null
  maxOutputTokens: number | null
  tools: unknown[]
  toolChoice: unknown
  parallelToolCalls: boolean
  temperature: number
  topP: number
  store: boolean
  metadata: Record<string, string>
  include: string[]
  reasoning: { effort: string | null; summary: string | null }
}

/** The model check: `runline-sim` only, else the API's 400. */
export function checkModel(model: unknown): void {
  if (model === undefined || model === null) throw missingParameter('model')
  if (model !== RESPONSES_MODEL)
    throw new ApiError(
      400,
      `The requested model '${String(model)}' does not exist.`,
      'model',
      'model_not_found',
    )
}

/** A message's content as parts (`input_text` for user/system/developer, `output_text` for assistant). */
function messageContent(content: unknown, role: string, param: string): unknown[] {
  const textType = role === 'assistant' ? 'output_text' : 'input_text'
  if (typeof content === 'string') {
    checkMessageLength(content, param)
    return [
      role === 'assistant'
        ? { type: textType, annotations: [], text: content }
        : { type: textType, text: content },
    ]
  }
  if (!Array.isArray(content)) throw invalidType(param, 'a string or an array of content parts')
  return content.map((part, index) => {
    if (!isRecord(part)) throw invalidType(`${param}[${index}]`, 'an object')
    if (typeof part.text === 'string') checkMessageLength(part.text, `${param}[${index}].text`)
    return part
  })
}

/**
 * Input items without ids (the face gives them ids): a string is one user message; a message may
 * omit `type`; every other item is kept as the client sent it.
 */
export function parseInputItems(value: unknown, param: string): WireItem[] {
  if (value === undefined || value === null) return []
  if (typeof value === 'string') {
    checkMessageLength(value, param)
    return [{ id: '', type: 'message', role: 'user', content: [{ type: 'input_text', text: value }] }]
  }
  if (!Array.isArray(value)) throw invalidType(param, 'a string or an array of input items')
  return value.map((raw, index): WireItem => {
    const where = `${param}[${index}]`
    if (!isRecord(raw)) throw invalidType(where, 'an object')
    const type = raw.type ?? 'message'
    if (type === 'message') {
      const role = raw.role
      if (typeof role !== 'string') throw missingParameter(`${where}.role`)
      const content = messageContent(raw.content, role, `${where}.content`)
      return { id: typeof raw.id === 'string' ? raw.id : '', type: 'message', role, content }
    }
    if (typeof type !== 'string') throw invalidType(`${where}.type`, 'a string')
    if (type === 'function_call_output' && typeof raw.call_id !== 'string')
      throw missingParameter(`${where}.call_id`)
    if (type === 'mcp_approval_response' && typeof raw.approval_request_id !== 'string')
      throw missingParameter(`${where}.approval_request_id`)
    return { ...raw, id: typeof raw.id === 'string' ? raw.id : '', type }
  })
}

/** The id of `conversation` (a string or `{id}`), or null. */
function conversationIdOf(value: unknown): string | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'string') return value
  if (isRecord(value) && typeof value.id === 'string') return value.id
  throw invalidType('conversation', 'a string or an object with an id')
}

function flag(body: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = body[key]
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'boolean') throw invalidType(key, 'a boolean')
  return value
}

/** Reads `POST /responses`. */
export function parseCreateResponse(body: Record<string, unknown>): CreateResponseRequest {
  checkModel(body.model)
  const previousResponseId = optionalString(body, 'previous_response_id') ?? null
  const conversationId = conversationIdOf(body.conversation)
  if (previousResponseId !== null && conversationId !== null)
    throw new ApiError(
      400,
      "Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.",
      null,
      'mutually_exclusive_parameters',
    )
  const tools = body.tools ?? []
  if (!Array.isArray(tools)) throw invalidType('tools', 'an array')
  const include = body.include ?? []
  if (!Array.isArray(include) || include.some((entry) => typeof entry !== 'string'))
    throw invalidType('include', 'an array of strings')
  const maxOutputTokens = optionalNumber(body, 'max_output_tokens') ?? null
  if (maxOutputTokens !== null && (!Number.isInteger(maxOutputTokens) || maxOutputTokens < 16))
    throw new ApiError(
      400,
      `Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got ${maxOutputTokens} instead.`,
      'max_output_tokens',
      'integer_below_min_value',
    )
  const reasoning = isRecord(body.reasoning) ? body.reasoning : {}
  const background = flag(body, 'background', false)
  const store = flag(body, 'store', true)
  if (background && !store)
    throw new ApiError(400, 'Background mode requires `store` to be true.', 'background', 'invalid_value')
  return {
    input: parseInputItems(body.input, 'input'),
    stream: flag(body, 'stream', false),
    background,
    previousResponseId,
    conversationId,
    instructions: optionalString(body, 'instructions') ?? null,
    maxOutputTokens,
    tools,
    toolChoice: body.tool_choice ?? 'auto',
    parallelToolCalls: flag(body, 'parallel_tool_calls', true),
    temperature: optionalNumber(body, 'temperature') ?? 1,
    topP: optionalNumber(body, 'top_p') ?? 1,
    store,
    metadata: parseMetadata(body.metadata),
    include: include as string[],
    reasoning: {
      effort: typeof reasoning.effort === 'string' ? reasoning.effort : null,
      summary: typeof reasoning.summary === 'string' ? reasoning.summary : null,
    },
  }
}

/** The text of the last user message among items, or null. */
export function lastUserText(items: readonly WireItem[]): string | null {
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index] as WireItem
    if (item.type !== 'message' || item.role !== 'user' || !Array.isArray(item.content)) continue
    return item.content
      .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
      .join('\n')
  }
  return null
}
