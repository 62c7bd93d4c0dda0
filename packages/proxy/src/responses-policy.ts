// The Responses wire has no assistant object: the server holds agent profiles, the browser names one in
// `model`, and the proxy fills in what the profile pins. The browser sends its input and the ids that
// chain turns; everything that changes what the agent is (instructions, tools, ...) is refused.
import type { ResponseCreateParamsBase } from 'openai/resources/responses/responses'
import { isRecord, type PolicyViolation, violation } from './policy.js'
import { checkInputItems, type InputImagePolicy, type InputReferences } from './responses-input.js'
import type { ProxyOperation } from './routes.js'
import { CONVERSATION_ID, RESPONSE_ID } from './routes-responses.js'

/** A server-side agent: the upstream model and what every response created with it gets. */
export interface ResponseAgentProfile {
  /** The upstream model (or Foundry deployment) name. */
  model: string
  instructions?: string
  /** Tool definitions as the Responses API takes them (`{ type: 'function', name, parameters }`, `{ type: 'mcp', … }`, …). */
  tools?: readonly Record<string, unknown>[]
  tool_choice?: string | Record<string, unknown>
  reasoning?: Record<string, unknown>
  /** E.g. `{ format: { type: 'json_schema', … } }`. */
  text?: Record<string, unknown>
  /** Sent as is, and the most the browser may ask for (it may ask for less). */
  max_output_tokens?: number
  max_tool_calls?: number
  parallel_tool_calls?: boolean
  temperature?: number
  top_p?: number
  truncation?: 'auto' | 'disabled'
  store?: boolean
}

// The profile fields copied into the forwarded body (all but `model`, which is replaced).
const PINNED = [
  'instructions',
  'tools',
  'tool_choice',
  'reasoning',
  'text',
  'max_output_tokens',
  'max_tool_calls',
  'parallel_tool_calls',
  'temperature',
  'top_p',
  'truncation',
  'store',
] as const satisfies ReadonlyArray<keyof ResponseAgentProfile & keyof ResponseCreateParamsBase>

/** Response-creation fields the browser may not set unless listed in `allowResponseOverrides`. */
export const RESPONSE_OVERRIDE_FIELDS = [
  'model',
  ...PINNED,
  // Not pinnable, and not the browser's to choose either: templates, billing tier, user attribution, caching.
  'prompt',
  'top_logprobs',
  'service_tier',
  'safety_identifier',
  'user',
  'prompt_cache_key',
  'prompt_cache_retention',
] as const satisfies ReadonlyArray<keyof ResponseCreateParamsBase>

/** One of {@link RESPONSE_OVERRIDE_FIELDS}; `model` lets the browser name a model that is no profile. */
export type ResponseOverrideField = (typeof RESPONSE_OVERRIDE_FIELDS)[number]

// What the browser always may send: which agent, its input, the ids that chain turns, how to deliver.
const BROWSER_FIELDS = [
  'model',
  'input',
  'previous_response_id',
  'conversation',
  'stream',
  'stream_options',
  'background',
  'metadata',
  'include',
] as const satisfies ReadonlyArray<keyof ResponseCreateParamsBase>

/** The part of the proxy options the Responses body policy reads. */
export interface ResponsesPolicy {
  agents: Readonly<Record<string, ResponseAgentProfile>>
  allowResponseOverrides: readonly ResponseOverrideField[]
  inputImages: InputImagePolicy
}

/** Ids a Responses body names (handed to `authorize` with the path's ids). */
export interface ResponsesBodyIds {
  /** `previous_response_id`. */
  previousResponseId?: string
  /** `conversation` (a string or `{ id }`). */
  conversationId?: string
  /** `item_reference` input items. */
  itemIds?: string[]
}

/** The checked body to forward (profile applied) and the ids it names, or the first violation. */
export type ResponsesBodyResult =
  | { kind: 'ok'; body: Record<string, unknown>; ids: ResponsesBodyIds }
  | { kind: 'violation'; violation: PolicyViolation }

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/

/** Throws on a profile that cannot be meant, so a misconfiguration fails at start. */
export function validateAgentProfiles(agents: Readonly<Record<string, ResponseAgentProfile>>): void {
  for (const [name, profile] of Object.entries(agents)) {
    const fail = (why: string) => {
      throw new Error(`createRunlineProxy: agents['${name}'] ${why}`)
    }
    if (!PROFILE_NAME.test(name)) fail('is not a profile name (letters, digits, . _ : -; at most 100)')
    if (!isRecord(profile) || typeof profile.model !== 'string' || profile.model.trim() === '') {
      fail('needs a model')
    }
    const unknown = Object.keys(profile).find(
      (key) => key !== 'model' && !PINNED.includes(key as (typeof PINNED)[number]),
    )
    if (unknown !== undefined) fail(`has an unknown field '${unknown}'`)
    const cap = profile.max_output_tokens
    if (cap !== undefined && (!Number.isInteger(cap) || cap < 1))
      fail('max_output_tokens must be a positive integer')
    if (profile.tools !== undefined && !Array.isArray(profile.tools)) fail('tools must be an array')
  }
}

const ok = (body: Record<string, unknown>, ids: ResponsesBodyIds = {}): ResponsesBodyResult => ({
  kind: 'ok',
  body,
  ids,
})
const fail = (v: PolicyViolation): ResponsesBodyResult => ({ kind: 'violation', violation: v })
const refused = (field: string) =>
  fail(violation(400, 'parameter_not_allowed', field, `'${field}' is not allowed through this proxy.`))

function onlyFields(body: Record<string, unknown>, fields: readonly string[]): PolicyViolation | null {
  const key = Object.keys(body).find((name) => !fields.includes(name))
  return key === undefined ? null : violation(400, 'unknown_parameter', key, `Unknown parameter: '${key}'.`)
}

/** `conversation`: `conv_…` or `{ id: 'conv_…' }`. */
function conversationIdOf(value: unknown): string | null {
  if (typeof value === 'string') return CONVERSATION_ID.test(value) ? value : null
  if (isRecord(value) && Object.keys(value).length === 1 && typeof value.id === 'string') {
    return CONVERSATION_ID.test(value.id) ? value.id : null
  }
  return null
}

function checkDelivery(body: Record<string, unknown>): PolicyViolation | null {
  for (const flag of ['stream', 'background'] as const) {
    if (body[flag] != null && typeof body[flag] !== 'boolean') {
      return violation(400, 'invalid_type', flag, `'${flag}' must be a boolean.`)
    }
  }
  const options = body.stream_options
  if (options != null) {
    if (!isRecord(options) || Object.keys(options).some((key) => key !== 'include_obfuscation')) {
      return violation(
        400,
        'invalid_value',
        'stream_options',
        `Only 'stream_options.include_obfuscation' is allowed.`,
      )
    }
  }
  const include = body.include
  if (include != null) {
    if (
      !Array.isArray(include) ||
      include.some((v) => typeof v !== 'string' || !/^[a-z_.]{1,100}$/.test(v))
    ) {
      return violation(400, 'invalid_value', 'include', `'include' must be an array of includable names.`)
    }
  }
  return null
}

function checkCreate(body: Record<string, unknown>, policy: ResponsesPolicy): ResponsesBodyResult {
  const overrides = policy.allowResponseOverrides
  const unknown = onlyFields(body, [...BROWSER_FIELDS, ...RESPONSE_OVERRIDE_FIELDS])
  if (unknown) return fail(unknown)
  const model = body.model
  if (typeof model !== 'string' || model === '') {
    return fail(
      violation(400, 'missing_required_parameter', 'model', `'model' is required (an agent profile name).`),
    )
  }
  const profile = Object.hasOwn(policy.agents, model) ? policy.agents[model] : undefined
  if (!profile && !overrides.includes('model')) {
    return fail(
      violation(400, 'model_not_allowed', 'model', `Model '${model}' is not allowed through this proxy.`),
    )
  }
  for (const field of RESPONSE_OVERRIDE_FIELDS) {
    if (field === 'model' || body[field] == null || overrides.includes(field)) continue
    // A cap, not a pin: the browser may ask for fewer output tokens than the profile allows.
    const cap = profile?.max_output_tokens
    const tokens = body.max_output_tokens
    if (field === 'max_output_tokens' && cap !== undefined) {
      if (typeof tokens === 'number' && Number.isInteger(tokens) && tokens >= 1 && tokens <= cap) continue
      return fail(
        violation(
          400,
          'parameter_not_allowed',
          field,
          `'max_output_tokens' must be an integer from 1 to ${cap}.`,
        ),
      )
    }
    return refused(field)
  }
  const delivery = checkDelivery(body)
  if (delivery) return fail(delivery)

  const ids: ResponsesBodyIds = {}
  if (body.previous_response_id != null) {
    const id = body.previous_response_id
    if (typeof id !== 'string' || !RESPONSE_ID.test(id)) {
      return fail(
        violation(
          400,
          'invalid_value',
          'previous_response_id',
          `'previous_response_id' is not a response id.`,
        ),
      )
    }
    ids.previousResponseId = id
  }
  if (body.conversation != null) {
    const id = conversationIdOf(body.conversation)
    if (id === null) {
      return fail(violation(400, 'invalid_value', 'conversation', `'conversation' is not a conversation id.`))
    }
    ids.conversationId = id
  }
  const refs: InputReferences = { itemIds: [] }
  if (body.input != null) {
    const bad = checkInputItems(body.input, 'input', policy.inputImages, refs)
    if (bad) return fail(bad)
  }
  if (refs.itemIds.length > 0) ids.itemIds = refs.itemIds

  const out: Record<string, unknown> = { ...body }
  if (profile) {
    out.model = profile.model
    for (const field of PINNED) {
      // An allowed override, or the browser's lower token cap, wins over the profile.
      if (body[field] != null && (overrides.includes(field) || field === 'max_output_tokens')) continue
      if (profile[field] !== undefined) out[field] = profile[field]
    }
  }
  return ok(out, ids)
}

function checkItems(
  body: Record<string, unknown>,
  policy: ResponsesPolicy,
  fields: readonly string[],
  required: boolean,
): ResponsesBodyResult {
  const unknown = onlyFields(body, fields)
  if (unknown) return fail(unknown)
  const refs: InputReferences = { itemIds: [] }
  if (body.items != null || required) {
    const bad = checkInputItems(body.items, 'items', policy.inputImages, refs, false)
    if (bad) return fail(bad)
  }
  return ok(body, refs.itemIds.length > 0 ? { itemIds: refs.itemIds } : {})
}

/** The Responses operations whose body names ids: `authorize` runs once the body is checked. */
export const RESPONSES_BODY_ID_OPERATIONS: ReadonlySet<ProxyOperation> = new Set([
  'responses.create',
  'conversations.create',
  'conversations.items.create',
])

/**
 * Checks (and for `responses.create`, completes from the agent profile) the body of a Responses-wire
 * operation. Returns `null` for operations that are not the Responses wire's or take no body checks.
 */
export function checkResponsesBody(
  operation: ProxyOperation,
  body: unknown,
  policy: ResponsesPolicy,
): ResponsesBodyResult | null {
  const wire = operation.startsWith('responses.') || operation.startsWith('conversations.')
  if (!wire || operation.endsWith('.list') || operation.endsWith('.retrieve')) return null
  if (body === undefined && (operation === 'responses.cancel' || operation === 'conversations.create')) {
    return ok({})
  }
  if (!isRecord(body))
    return fail(violation(400, 'invalid_body', null, 'The request body must be a JSON object.'))
  if (operation === 'responses.create') return checkCreate(body, policy)
  if (operation === 'responses.cancel') {
    const unknown = onlyFields(body, [])
    return unknown ? fail(unknown) : ok(body)
  }
  if (operation === 'conversations.create') return checkItems(body, policy, ['items', 'metadata'], false)
  return checkItems(body, policy, ['items'], true)
}
