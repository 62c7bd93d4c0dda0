/**
 * The Responses wire's objects as the recordings in packages/fixtures/real/responses print them: the
 * `Response` (same fields, same order), `usage`, the `obfuscation` padding of deltas, the model's tools.
 */
import type { Random } from '../prng.js'
import type { CreateResponseRequest } from './responses-requests.js'
import type { WireItem, WireResponse } from './responses-run.js'

/** The one model of the Responses face. */
export const RESPONSES_MODEL = 'runline-sim'

/** The MCP server the model knows; its tool calls need approval unless the request says `never`. */
export const RESPONSES_MCP_LABEL = 'runline_docs'

/** The `get_weather` function tool, as a Responses request declares it. */
export const RESPONSES_WEATHER_TOOL = {
  type: 'function',
  name: 'get_weather',
  description: 'Get the current weather for a location.',
  parameters: {
    type: 'object',
    properties: {
      location: { type: 'string', description: 'City name, e.g. Paris' },
      unit: { type: 'string', enum: ['c', 'f'] },
    },
    required: ['location'],
    additionalProperties: false,
  },
  strict: false,
} as const

/** The tools of the MCP server `runline_docs` (what `mcp_list_tools` reports). */
export const RUNLINE_DOCS_TOOLS = [
  {
    annotations: { read_only: true },
    description: 'Search the Runline documentation.',
    input_schema: {
      type: 'object',
      properties: { query: { type: 'string', description: 'What to look for' } },
      required: ['query'],
    },
    name: 'search_docs',
  },
]

/** What a create request sets on the response (everything else has the API's defaults), with its id. */
export type ResponseSettings = Omit<CreateResponseRequest, 'input' | 'stream' | 'include'> & {
  id: string
  createdAt: number
}

/** A fresh response (`queued` in background mode, else `in_progress`), keys in the recordings' order. */
export function buildResponse(settings: ResponseSettings): WireResponse {
  const response: WireResponse = {
    id: settings.id,
    object: 'response',
    created_at: settings.createdAt,
    status: settings.background ? 'queued' : 'in_progress',
    background: settings.background,
    completed_at: null,
    error: null,
    frequency_penalty: 0,
    incomplete_details: null,
    instructions: settings.instructions,
    max_output_tokens: settings.maxOutputTokens,
    max_tool_calls: null,
    model: RESPONSES_MODEL,
    output: [],
    parallel_tool_calls: settings.parallelToolCalls,
    presence_penalty: 0,
    previous_response_id: settings.previousResponseId,
    prompt_cache_key: null,
    prompt_cache_retention: null,
    reasoning: settings.reasoning,
    safety_identifier: null,
    service_tier: 'auto',
    store: settings.store,
    temperature: settings.temperature,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: settings.toolChoice,
    tools: settings.tools,
    top_logprobs: 0,
    top_p: settings.topP,
    truncation: 'disabled',
    usage: null,
    user: null,
    metadata: settings.metadata,
  }
  if (settings.conversationId !== null) response.conversation = { id: settings.conversationId }
  return response
}

/** `usage` as the API reports it. */
export function responseUsage(inputTokens: number, outputTokens: number, reasoningTokens: number) {
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: inputTokens + outputTokens,
  }
}

const PAD = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** The `obfuscation` padding of a delta: the recordings pad delta + padding to 16 characters (at least 2). */
export function obfuscation(delta: string, random: Random): string {
  let pad = ''
  for (let i = Math.max(2, 16 - delta.length); i > 0; i--) pad += PAD[random.int(PAD.length)]
  return pad
}

/** A rough token count of some text (about 4 characters a token), for `usage.input_tokens`. */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4))
}

/** A copy of an item, so later changes to the live one never leak into what was already sent. */
export function snapshot(item: WireItem): WireItem {
  return structuredClone(item)
}
