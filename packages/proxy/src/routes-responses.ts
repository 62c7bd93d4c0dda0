import { ID_SUFFIX, INCLUDE_QUERY, notFound, table } from './route-table.js'
import type { MatchedRoute, RefusedRoute } from './routes.js'

/** `resp_…`: a response id (OpenAI's and Foundry's new agents'). */
export const RESPONSE_ID = new RegExp(`^resp_${ID_SUFFIX}$`)
/** `conv_…`: a conversation id. */
export const CONVERSATION_ID = new RegExp(`^conv_${ID_SUFFIX}$`)
/** A conversation item id: a short lowercase type prefix (`msg_`, `fc_`, `mcpr_`, `ws_`, …) and a suffix. */
export const ITEM_ID = new RegExp(`^[a-z]{1,16}_${ID_SUFFIX}$`)

// Conversation items and input items page forward only (`after`); `before` is not theirs.
const CURSOR_QUERY = ['limit', 'order', 'after', ...INCLUDE_QUERY] as const
// `stream=true&starting_after=N` re-attaches to a background response's events.
const RETRIEVE_QUERY = [...INCLUDE_QUERY, 'stream', 'starting_after', 'include_obfuscation'] as const

/**
 * The Responses wire's routes (`segments` = the path split on `/`, first segment `responses` or
 * `conversations`). No `DELETE`: a browser that knows an id could erase what another user's turns rely on.
 */
export function matchResponsesRoute(
  segments: readonly string[],
  path: string,
  method: string,
): MatchedRoute | RefusedRoute {
  const [a, b, c, d] = segments
  if (a === 'responses') {
    if (segments.length === 1) return table(path, {}, { POST: { operation: 'responses.create' } }, method)
    if (!b || !RESPONSE_ID.test(b)) return notFound(path)
    const ids = { responseId: b }
    if (segments.length === 2) {
      return table(path, ids, { GET: { operation: 'responses.retrieve', query: RETRIEVE_QUERY } }, method)
    }
    if (segments.length === 3 && c === 'cancel') {
      return table(path, ids, { POST: { operation: 'responses.cancel' } }, method)
    }
    if (segments.length === 3 && c === 'input_items') {
      return table(
        path,
        ids,
        { GET: { operation: 'responses.inputItems.list', query: CURSOR_QUERY } },
        method,
      )
    }
    return notFound(path)
  }
  if (segments.length === 1) return table(path, {}, { POST: { operation: 'conversations.create' } }, method)
  if (!b || !CONVERSATION_ID.test(b)) return notFound(path)
  const ids = { conversationId: b }
  if (segments.length === 2) {
    return table(path, ids, { GET: { operation: 'conversations.retrieve' } }, method)
  }
  if (c !== 'items') return notFound(path)
  if (segments.length === 3) {
    return table(
      path,
      ids,
      {
        GET: { operation: 'conversations.items.list', query: CURSOR_QUERY },
        POST: { operation: 'conversations.items.create', query: INCLUDE_QUERY },
      },
      method,
    )
  }
  if (segments.length === 4 && d && ITEM_ID.test(d)) {
    return table(
      path,
      { ...ids, itemId: d },
      { GET: { operation: 'conversations.items.retrieve', query: INCLUDE_QUERY } },
      method,
    )
  }
  return notFound(path)
}
