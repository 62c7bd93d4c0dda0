/**
 * Input limits: what the simulator refuses before anything is stored, so nothing it keeps can grow
 * without bound or break a later read. (JSON depth is checked in `readJsonObject`, see depth.ts.)
 */
import { ApiError } from './http.js'

/** Longest message text the API accepts, in characters (per string `content` or text part). */
export const MAX_MESSAGE_LENGTH = 256_000

/** Refuses message text over {@link MAX_MESSAGE_LENGTH} with the API's own wording. */
export function checkMessageLength(text: string, param: string): void {
  if (text.length <= MAX_MESSAGE_LENGTH) return
  throw new ApiError(
    400,
    `Invalid '${param}': string too long. Expected a string with maximum length ${MAX_MESSAGE_LENGTH}, but got a string with length ${text.length} instead.`,
    param,
    'string_above_max_length',
  )
}

/**
 * Decodes one path segment. A malformed percent-escape (`%zz`, a lone `%E2`) is the client's mistake:
 * a 400, never the URIError that used to become a 500.
 */
export function decodeSegment(segment: string, method: string, path: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new ApiError(400, `Invalid URL (${method} ${path}): malformed percent-escape.`, null, 'invalid_url')
  }
}
