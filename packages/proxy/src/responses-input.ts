// What a browser may put in a Responses `input` (and in conversation items): its own words and images,
// and its answers to the tool loop. Never `system`/`developer` messages (they would be instructions) nor
// `assistant` ones or tool calls (words and actions put in the model's mouth).
import { isRecord, type PolicyViolation, violation } from './policy.js'
import { ITEM_ID } from './routes-responses.js'

/** Which `input_image` sources the browser may use. */
export interface InputImagePolicy {
  /** `image_url` with an `https:` or `data:image/…` URL. */
  url: boolean
  /** `file_id` (a file of the upstream project: bind it to the user in `authorize` before allowing it). */
  fileId: boolean
}

/** Ids an input names, for the `authorize` hook. */
export interface InputReferences {
  /** `item_reference` ids, in order. */
  itemIds: string[]
}

const FILE_ID = /^file[-_][A-Za-z0-9][A-Za-z0-9_-]{0,99}$/
// Tool call ids are opaque but short; anything else is not one.
const CALL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/

const ITEM_KEYS: Record<string, readonly string[]> = {
  message: ['type', 'role', 'content'],
  function_call_output: ['type', 'id', 'call_id', 'output', 'status'],
  mcp_approval_response: ['type', 'id', 'approval_request_id', 'approve', 'reason'],
  item_reference: ['type', 'id'],
}
const PART_KEYS: Record<string, readonly string[]> = {
  input_text: ['type', 'text'],
  input_image: ['type', 'image_url', 'file_id', 'detail'],
}

const unknownKey = (value: Record<string, unknown>, allowed: readonly string[], param: string) => {
  const key = Object.keys(value).find((name) => !allowed.includes(name))
  return key === undefined
    ? null
    : violation(400, 'unknown_parameter', `${param}.${key}`, `Unknown parameter: '${param}.${key}'.`)
}

const notAllowed = (param: string, what: string): PolicyViolation =>
  violation(400, 'input_not_allowed', param, `${what} is not allowed through this proxy.`)

function checkImage(part: Record<string, unknown>, param: string, images: InputImagePolicy) {
  const { image_url: url, file_id: fileId } = part
  if ((url == null) === (fileId == null)) {
    return violation(400, 'invalid_value', param, `'${param}' needs exactly one of image_url and file_id.`)
  }
  if (url != null) {
    if (!images.url) return notAllowed(`${param}.image_url`, 'An image URL')
    if (typeof url !== 'string' || !/^(?:https:\/\/|data:image\/)/i.test(url)) {
      return violation(
        400,
        'invalid_value',
        `${param}.image_url`,
        'Image URLs must be https: or data:image/.',
      )
    }
    return null
  }
  if (!images.fileId) return notAllowed(`${param}.file_id`, 'An image file id')
  if (typeof fileId !== 'string' || !FILE_ID.test(fileId)) {
    return violation(400, 'invalid_value', `${param}.file_id`, `'${param}.file_id' is not a file id.`)
  }
  return null
}

/** A message's `content` (or a function output's parts): a string, or `input_text` / `input_image` parts. */
function checkContent(content: unknown, param: string, images: InputImagePolicy): PolicyViolation | null {
  if (typeof content === 'string') return null
  if (!Array.isArray(content)) {
    return violation(400, 'invalid_type', param, `'${param}' must be a string or an array of parts.`)
  }
  for (const [index, part] of content.entries()) {
    const at = `${param}[${index}]`
    const keys = isRecord(part) && typeof part.type === 'string' ? PART_KEYS[part.type] : undefined
    if (!isRecord(part) || !keys) return notAllowed(at, 'This content part')
    const bad = unknownKey(part, keys, at)
    if (bad) return bad
    if (part.type === 'input_text' && typeof part.text !== 'string') {
      return violation(400, 'invalid_type', `${at}.text`, `'${at}.text' must be a string.`)
    }
    if (part.type === 'input_image') {
      const image = checkImage(part, at, images)
      if (image) return image
    }
  }
  return null
}

function checkItem(
  item: unknown,
  param: string,
  images: InputImagePolicy,
  refs: InputReferences,
): PolicyViolation | null {
  if (!isRecord(item)) return violation(400, 'invalid_type', param, `'${param}' must be an object.`)
  // An item with a role and no type is a message (the SDK's EasyInputMessage).
  const type = item.type ?? (item.role !== undefined ? 'message' : undefined)
  const keys = typeof type === 'string' ? ITEM_KEYS[type] : undefined
  if (!keys) return notAllowed(`${param}.type`, `Input item type '${String(type)}'`)
  const bad = unknownKey(item, keys, param)
  if (bad) return bad
  switch (type) {
    case 'message':
      if (item.role !== 'user') {
        return violation(
          400,
          'role_not_allowed',
          `${param}.role`,
          `Only messages with role 'user' are allowed; instructions come from the server.`,
        )
      }
      return checkContent(item.content, `${param}.content`, images)
    case 'function_call_output':
      if (typeof item.call_id !== 'string' || !CALL_ID.test(item.call_id)) {
        return violation(400, 'invalid_value', `${param}.call_id`, `'${param}.call_id' is not a call id.`)
      }
      return checkContent(item.output, `${param}.output`, images)
    case 'mcp_approval_response':
      if (typeof item.approval_request_id !== 'string' || typeof item.approve !== 'boolean') {
        return violation(
          400,
          'invalid_value',
          param,
          `'${param}' needs approval_request_id (string) and approve (boolean).`,
        )
      }
      if (item.reason != null && typeof item.reason !== 'string') {
        return violation(400, 'invalid_type', `${param}.reason`, `'${param}.reason' must be a string.`)
      }
      return null
    default:
      if (typeof item.id !== 'string' || !ITEM_ID.test(item.id)) {
        return violation(400, 'invalid_value', `${param}.id`, `'${param}.id' is not an item id.`)
      }
      refs.itemIds.push(item.id)
      return null
  }
}

/**
 * Checks a Responses `input` (a string, or items) or a conversation's `items` (`allowString: false`):
 * `user` messages with `input_text` / `input_image` parts, `function_call_output`,
 * `mcp_approval_response` and `item_reference` only. Collects referenced item ids into `refs`.
 */
export function checkInputItems(
  input: unknown,
  param: string,
  images: InputImagePolicy,
  refs: InputReferences,
  allowString = true,
): PolicyViolation | null {
  if (allowString && typeof input === 'string') return null
  if (!Array.isArray(input)) {
    const expected = allowString ? 'a string or an array of items' : 'an array of items'
    return violation(400, 'invalid_type', param, `'${param}' must be ${expected}.`)
  }
  for (const [index, item] of input.entries()) {
    const bad = checkItem(item, `${param}[${index}]`, images, refs)
    if (bad) return bad
  }
  return null
}
