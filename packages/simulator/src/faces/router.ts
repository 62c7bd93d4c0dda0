/** Routing of the Assistants family's paths (below a face's base path) to the shared handlers. */
import { ApiError } from '../http.js'
import { decodeSegment } from '../limits.js'
import type { ThreadsApi } from './threads-api.js'

type Handler = () => Promise<Response> | Response

/** One request, split for routing. */
export interface RouteContext {
  request: Request
  url: URL
  method: string
  /** The full path, for error messages. */
  path: string
  /** The decoded path segments below the base path. */
  segments: string[]
}

/** The API's 404 for a path or method it does not know. */
export function invalidUrl(ctx: Pick<RouteContext, 'method' | 'path'>): ApiError {
  return new ApiError(404, `Invalid URL (${ctx.method} ${ctx.path})`)
}

/** Splits a request below `basePath`; a path outside it is the API's 404. */
export function routeContext(request: Request, basePath: string): RouteContext {
  const url = new URL(request.url)
  const method = request.method.toUpperCase()
  const path = url.pathname
  if (path !== basePath && !path.startsWith(`${basePath}/`)) throw invalidUrl({ method, path })
  const segments = path
    .slice(basePath.length)
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeSegment(segment, method, path))
  return { request, url, method, path, segments }
}

/** Calls the handler for the request's method, or answers the API's 404. */
export function on(
  ctx: RouteContext,
  handlers: Partial<Record<string, Handler>>,
): Promise<Response> | Response {
  const handler = handlers[ctx.method]
  if (!handler) throw invalidUrl(ctx)
  return handler()
}

/** Routes the Assistants paths: assistants, files, threads, messages, runs, steps. */
export function routeThreadsApi(api: ThreadsApi, ctx: RouteContext): Promise<Response> | Response {
  const { request, url } = ctx
  const [root, id, sub, subId, action, actionId] = ctx.segments
  const n = ctx.segments.length
  if (root === 'assistants') {
    if (n === 1)
      return on(ctx, { GET: () => api.listAssistants(url), POST: () => api.createAssistant(request) })
    if (n === 2 && id) return on(ctx, { GET: () => api.getAssistant(id) })
  }
  if (root === 'files') {
    if (n === 1) return on(ctx, { GET: () => api.listFiles(url) })
    if (n === 2 && id) return on(ctx, { GET: () => api.getFile(id) })
    if (n === 3 && id && sub === 'content') return on(ctx, { GET: () => api.fileContent(id) })
  }
  if (root === 'threads') {
    if (n === 1) return on(ctx, { POST: () => api.createThread(request) })
    if (n === 2 && id === 'runs') return on(ctx, { POST: () => api.createThreadAndRun(request, url) })
    if (n === 2 && id)
      return on(ctx, { GET: () => api.getThread(id), POST: () => api.updateThread(request, id) })
    if (n === 3 && id && sub === 'messages')
      return on(ctx, { GET: () => api.listMessages(id, url), POST: () => api.createMessage(request, id) })
    if (n === 4 && id && sub === 'messages' && subId) return on(ctx, { GET: () => api.getMessage(id, subId) })
    if (n === 3 && id && sub === 'runs')
      return on(ctx, {
        GET: () => api.listRuns(id, url),
        POST: () => api.createRunOnThread(request, url, id),
      })
    if (n === 4 && id && sub === 'runs' && subId)
      return on(ctx, { GET: () => api.getRun(id, subId), POST: () => api.updateRun(request, id, subId) })
    if (n === 5 && id && subId && sub === 'runs') {
      if (action === 'cancel') return on(ctx, { POST: () => api.cancelRun(id, subId) })
      if (action === 'submit_tool_outputs')
        return on(ctx, { POST: () => api.submitToolOutputs(request, id, subId) })
      if (action === 'steps') return on(ctx, { GET: () => api.listSteps(id, subId, url) })
    }
    if (n === 6 && id && subId && sub === 'runs' && action === 'steps' && actionId)
      return on(ctx, { GET: () => api.getStep(id, subId, actionId, url) })
  }
  throw invalidUrl(ctx)
}
