import type { MessageCreateParams } from 'openai/resources/beta/threads/messages'
import type {
  RunCreateParamsBase,
  RunSubmitToolOutputsParamsBase,
  RunUpdateParams,
} from 'openai/resources/beta/threads/runs/runs'
import type { ThreadCreateAndRunParamsBase, ThreadCreateParams } from 'openai/resources/beta/threads/threads'
import { checkToolApprovals } from './approvals.js'
import type { ProxyOperation } from './routes.js'

/** Run-creation fields that change what the assistant does; refused unless listed in `allowRunOverrides`. */
export const RUN_OVERRIDE_FIELDS = [
  'instructions',
  'additional_instructions',
  'model',
  'tools',
  'temperature',
  'top_p',
  'response_format',
  'reasoning_effort',
  'tool_resources',
] as const

/** One of {@link RUN_OVERRIDE_FIELDS}. */
export type RunOverrideField = (typeof RUN_OVERRIDE_FIELDS)[number]

// Body fields each operation may carry at all (OpenAI refuses unknown ones too; we refuse before forwarding).
// `satisfies` ties each list to the openai package's own parameter types, so a typo fails the typecheck.
const RUN_CREATE_FIELDS = [
  'assistant_id',
  'additional_instructions',
  'additional_messages',
  'instructions',
  'max_completion_tokens',
  'max_prompt_tokens',
  'metadata',
  'model',
  'parallel_tool_calls',
  'reasoning_effort',
  'response_format',
  'stream',
  'temperature',
  'tool_choice',
  'tools',
  'top_p',
  'truncation_strategy',
] as const satisfies ReadonlyArray<keyof RunCreateParamsBase>

const CREATE_AND_RUN_FIELDS = [
  'assistant_id',
  'instructions',
  'max_completion_tokens',
  'max_prompt_tokens',
  'metadata',
  'model',
  'parallel_tool_calls',
  'response_format',
  'stream',
  'temperature',
  'thread',
  'tool_choice',
  'tool_resources',
  'tools',
  'top_p',
  'truncation_strategy',
] as const satisfies ReadonlyArray<keyof ThreadCreateAndRunParamsBase>

const THREAD_CREATE_FIELDS = ['messages', 'metadata', 'tool_resources'] as const satisfies ReadonlyArray<
  keyof ThreadCreateParams
>
const MESSAGE_CREATE_FIELDS = ['role', 'content', 'attachments', 'metadata'] as const satisfies ReadonlyArray<
  keyof MessageCreateParams
>
const RUN_UPDATE_FIELDS = ['metadata'] as const satisfies ReadonlyArray<
  Exclude<keyof RunUpdateParams, 'thread_id'>
>
const SUBMIT_FIELDS = ['tool_outputs', 'stream'] as const satisfies ReadonlyArray<
  Exclude<keyof RunSubmitToolOutputsParamsBase, 'thread_id'>
>

const BODY_FIELDS: Partial<Record<ProxyOperation, readonly string[]>> = {
  'threads.create': THREAD_CREATE_FIELDS,
  'threads.createAndRun': CREATE_AND_RUN_FIELDS,
  'messages.create': MESSAGE_CREATE_FIELDS,
  'runs.create': RUN_CREATE_FIELDS,
  'runs.update': RUN_UPDATE_FIELDS,
  'runs.submitToolOutputs': SUBMIT_FIELDS,
  'runs.cancel': [],
}

/** The part of the proxy options the body policy reads. */
export interface BodyPolicy {
  assistantIds: readonly string[] | '*'
  allowRunOverrides: readonly RunOverrideField[]
  /** Foundry's `tool_approvals` on `submit_tool_outputs` (validated). Default `false`: unknown parameter. */
  toolApprovals?: boolean
}

/** A policy violation: becomes a 400/403 OpenAI-shaped error; `param` names the offending field. */
export interface PolicyViolation {
  status: 400 | 403
  message: string
  code: string
  param: string | null
}

/** A plain JSON object (not an array, not null). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Builds a {@link PolicyViolation}. */
export const violation = (
  status: 400 | 403,
  code: string,
  param: string | null,
  message: string,
): PolicyViolation => ({
  status,
  code,
  param,
  message,
})

/** Only `user` messages may be injected: an `assistant` one would put words in the assistant's mouth. */
function checkMessages(messages: unknown, param: string): PolicyViolation | null {
  if (messages === undefined || messages === null) return null
  if (!Array.isArray(messages)) return violation(400, 'invalid_type', param, `'${param}' must be an array.`)
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message) || message.role !== 'user') {
      return violation(
        400,
        'role_not_allowed',
        `${param}[${index}].role`,
        `Only messages with role 'user' are allowed.`,
      )
    }
  }
  return null
}

/**
 * Checks a parsed JSON body against what the operation may carry: known fields only, the assistant
 * allowlist and the override switches for run creation, `user`-only messages. Returns the first violation.
 */
export function checkBody(
  operation: ProxyOperation,
  body: unknown,
  policy: BodyPolicy,
): PolicyViolation | null {
  const fields = BODY_FIELDS[operation]
  if (!fields) return null
  if (!isRecord(body)) return violation(400, 'invalid_body', null, 'The request body must be a JSON object.')
  const approvals = operation === 'runs.submitToolOutputs' && policy.toolApprovals === true
  for (const key of Object.keys(body)) {
    if (!fields.includes(key) && !(approvals && key === 'tool_approvals')) {
      return violation(400, 'unknown_parameter', key, `Unknown parameter: '${key}'.`)
    }
  }
  if (approvals && body.tool_approvals !== undefined) return checkToolApprovals(body.tool_approvals)
  if (operation === 'threads.create') {
    if (body.tool_resources != null && !policy.allowRunOverrides.includes('tool_resources')) {
      return violation(
        400,
        'parameter_not_allowed',
        'tool_resources',
        `'tool_resources' is not allowed through this proxy.`,
      )
    }
    return checkMessages(body.messages, 'messages')
  }
  if (operation === 'messages.create') {
    return body.role === 'user'
      ? null
      : violation(400, 'role_not_allowed', 'role', `Only messages with role 'user' are allowed.`)
  }
  if (operation !== 'runs.create' && operation !== 'threads.createAndRun') return null

  const assistantId = body.assistant_id
  if (typeof assistantId !== 'string' || assistantId === '') {
    return violation(400, 'missing_required_parameter', 'assistant_id', `'assistant_id' is required.`)
  }
  if (policy.assistantIds !== '*' && !policy.assistantIds.includes(assistantId)) {
    return violation(
      403,
      'assistant_not_allowed',
      'assistant_id',
      `Assistant '${assistantId}' is not allowed.`,
    )
  }
  for (const field of RUN_OVERRIDE_FIELDS) {
    if (body[field] != null && !policy.allowRunOverrides.includes(field)) {
      return violation(400, 'parameter_not_allowed', field, `'${field}' is not allowed through this proxy.`)
    }
  }
  if (operation === 'runs.create') return checkMessages(body.additional_messages, 'additional_messages')
  const thread = body.thread
  if (thread === undefined || thread === null) return null
  if (!isRecord(thread)) return violation(400, 'invalid_type', 'thread', `'thread' must be an object.`)
  if (thread.tool_resources != null && !policy.allowRunOverrides.includes('tool_resources')) {
    return violation(
      400,
      'parameter_not_allowed',
      'thread.tool_resources',
      `'thread.tool_resources' is not allowed through this proxy.`,
    )
  }
  for (const key of Object.keys(thread)) {
    if (!THREAD_CREATE_FIELDS.includes(key as (typeof THREAD_CREATE_FIELDS)[number])) {
      return violation(400, 'unknown_parameter', `thread.${key}`, `Unknown parameter: 'thread.${key}'.`)
    }
  }
  return checkMessages(thread.messages, 'thread.messages')
}
