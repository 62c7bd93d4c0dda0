/** Routing of the Responses and Conversations paths (below the OpenAI face's base path). */

import type { ResponsesApi } from './responses.js'
import { invalidUrl, on, type RouteContext } from './router.js'

/** Whether a path belongs to the Responses face (`/responses…`, `/conversations…`). */
export function isResponsesPath(ctx: RouteContext): boolean {
  return ctx.segments[0] === 'responses' || ctx.segments[0] === 'conversations'
}

/** Routes `/responses…` and `/conversations…`. */
export function routeResponsesApi(api: ResponsesApi, ctx: RouteContext): Promise<Response> | Response {
  const { request, url } = ctx
  const [root, id, sub, subId] = ctx.segments
  const n = ctx.segments.length
  if (root === 'responses') {
    if (n === 1) return on(ctx, { POST: () => api.create(request) })
    if (n === 2 && id) return on(ctx, { GET: () => api.retrieve(id, url), DELETE: () => api.delete(id) })
    if (n === 3 && id && sub === 'cancel') return on(ctx, { POST: () => api.cancel(id) })
    if (n === 3 && id && sub === 'input_items') return on(ctx, { GET: () => api.inputItems(id, url) })
  }
  if (root === 'conversations') {
    const conversations = api.conversations
    if (n === 1) return on(ctx, { POST: () => conversations.create(request) })
    if (n === 2 && id)
      return on(ctx, {
        GET: () => conversations.retrieve(id),
        POST: () => conversations.update(request, id),
        DELETE: () => conversations.delete(id),
      })
    if (n === 3 && id && sub === 'items')
      return on(ctx, {
        GET: () => conversations.listItems(id, url),
        POST: () => conversations.createItems(request, id),
      })
    if (n === 4 && id && sub === 'items' && subId)
      return on(ctx, {
        GET: () => conversations.getItem(id, subId),
        DELETE: () => conversations.deleteItem(id, subId),
      })
  }
  throw invalidUrl(ctx)
}
