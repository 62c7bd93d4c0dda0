/**
 * The Azure.AI.Agents TypeSpec's object fields (Azure/azure-rest-api-specs
 * `specification/ai/Azure.AI.Agents`: runs, run_steps, messages, threads, tools models), by hand:
 * what each object must carry and what else it may. Used to check the Foundry face's wire shapes.
 */

/** Keys an object must have, and keys it may have besides. */
export interface Fields {
  required: readonly string[]
  optional?: readonly string[]
}

/** `ThreadRun`. `required_action` is optional ("runs without tool calls do not present it"). */
export const RUN: Fields = {
  required: [
    'id',
    'object',
    'thread_id',
    'assistant_id',
    'status',
    'last_error',
    'model',
    'instructions',
    'tools',
    'created_at',
    'expires_at',
    'started_at',
    'completed_at',
    'cancelled_at',
    'failed_at',
    'incomplete_details',
    'usage',
    'max_prompt_tokens',
    'max_completion_tokens',
    'truncation_strategy',
    'tool_choice',
    'response_format',
    'metadata',
    'parallel_tool_calls',
  ],
  optional: ['required_action', 'temperature', 'top_p', 'tool_resources'],
}

/** `RunStep`: `expired_at`, `metadata`; `usage` optional ("not present in AOpenAI"). */
export const STEP: Fields = {
  required: [
    'id',
    'object',
    'type',
    'assistant_id',
    'thread_id',
    'run_id',
    'status',
    'step_details',
    'last_error',
    'created_at',
    'expired_at',
    'completed_at',
    'cancelled_at',
    'failed_at',
    'metadata',
  ],
  optional: ['usage'],
}

/** `ThreadMessage`. */
export const MESSAGE: Fields = {
  required: [
    'id',
    'object',
    'created_at',
    'thread_id',
    'status',
    'incomplete_details',
    'completed_at',
    'incomplete_at',
    'role',
    'content',
    'assistant_id',
    'run_id',
    'attachments',
    'metadata',
  ],
}

/** `AgentThread`. */
export const THREAD: Fields = { required: ['id', 'object', 'created_at', 'tool_resources', 'metadata'] }

/** `RunCompletionUsage` / `RunStepCompletionUsage`. */
export const USAGE: Fields = { required: ['completion_tokens', 'prompt_tokens', 'total_tokens'] }

/** `MessageDelta` (`role` is required by the spec). */
export const MESSAGE_DELTA: Fields = { required: ['role', 'content'] }

/** Run-step tool calls by type (`function` may carry `output`, as OpenAI's do; `openapi` a `function`). */
export const TOOL_CALLS: Readonly<Record<string, Fields>> = {
  function: { required: ['id', 'type', 'function'] },
  code_interpreter: { required: ['id', 'type', 'code_interpreter'] },
  file_search: { required: ['id', 'type', 'file_search'] },
  mcp: { required: ['id', 'type', 'arguments', 'name'], optional: ['output', 'server_label'] },
  bing_grounding: { required: ['id', 'type', 'bing_grounding'] },
  azure_ai_search: { required: ['id', 'type', 'azure_ai_search'] },
  openapi: { required: ['id', 'type', 'openapi'], optional: ['function'] },
  connected_agent: { required: ['id', 'type', 'connected_agent'] },
  bing_custom_search: { required: ['id', 'type', 'bing_custom_search'] },
  sharepoint_grounding: { required: ['id', 'type', 'sharepoint_grounding'] },
  fabric_dataagent: { required: ['id', 'type', 'fabric_dataagent'] },
  azure_function: { required: ['id', 'type', 'azure_function'] },
  deep_research: { required: ['id', 'type', 'deep_research'] },
  browser_automation: { required: ['id', 'type', 'browser_automation'] },
}

/** Payloads the spec types `Record<string>`: every value a string. */
export const STRING_RECORDS = [
  'bing_grounding',
  'bing_custom_search',
  'azure_ai_search',
  'openapi',
  'sharepoint_grounding',
  'fabric_dataagent',
] as const

/** Payloads with a model of their own, by tool type (`AzureFunctionToolCallDetails`, …). */
export const PAYLOADS: Readonly<Record<string, Fields>> = {
  azure_function: { required: [], optional: ['name', 'arguments', 'output'] },
  deep_research: { required: ['input'], optional: ['output'] },
  browser_automation: { required: ['input', 'output', 'steps'] },
}

/** `BrowserAutomationToolCallStep`. */
export const BROWSER_STEP: Fields = { required: ['last_step_result', 'current_state', 'next_step'] }

/**
 * Tool-call types a `tool_calls` step delta may carry (`RunStepDelta*ToolCall`); Browser Automation
 * has none (its call appears when its step completes).
 */
export const DELTA_TOOL_CALLS: readonly string[] = [
  'function',
  'file_search',
  'code_interpreter',
  'bing_grounding',
  'bing_custom_search',
  'azure_ai_search',
  'azure_function',
  'sharepoint_grounding',
  'fabric_dataagent',
  'deep_research',
  'connected_agent',
]

/** `RunStepConnectedAgent`: all optional. */
export const CONNECTED_AGENT: Fields = {
  required: [],
  optional: ['name', 'arguments', 'output', 'run_id', 'thread_id', 'assistant_id'],
}

/** `RequiredMcpToolCall` (`submit_tool_approval.tool_calls[]`). */
export const REQUIRED_MCP_CALL: Fields = { required: ['id', 'type', 'arguments', 'name', 'server_label'] }

/** `RunStepDetailsActivity` (`mcp_list_tools`). */
export const ACTIVITY: Fields = { required: ['type', 'id', 'server_label', 'tools'] }

/** `MessageTextUrlCitationAnnotation` and its delta (the delta has no `text`). */
export const URL_CITATION: Fields = {
  required: ['type', 'text', 'url_citation'],
  optional: ['start_index', 'end_index'],
}
export const URL_CITATION_DELTA: Fields = {
  required: ['index', 'type', 'url_citation'],
  optional: ['start_index', 'end_index'],
}

/** What is wrong with `value`'s keys against `fields` (empty when nothing). */
export function fieldProblems(value: unknown, fields: Fields, where: string): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${where}: not an object`]
  const keys = Object.keys(value)
  const allowed = new Set([...fields.required, ...(fields.optional ?? [])])
  return [
    ...fields.required.filter((key) => !keys.includes(key)).map((key) => `${where}: missing ${key}`),
    ...keys.filter((key) => !allowed.has(key)).map((key) => `${where}: unexpected ${key}`),
  ]
}
