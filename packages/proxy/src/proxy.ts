import { createUpstreamAuth } from './auth.js'
import { readBodyWithLimit } from './body.js'
import { applyCorsHeaders, isAllowedOrigin, preflightResponse } from './cors.js'
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './depth.js'
import { errorResponse } from './errors.js'
import { type UpstreamCredentials, upstreamRequestHeaders } from './headers.js'
import type { AuthorizeContext, RunlineProxyHandler, RunlineProxyOptions } from './options.js'
import { checkBody } from './policy.js'
import { relayResponse } from './relay.js'
import {
  checkResponsesBody,
  RESPONSES_BODY_ID_OPERATIONS,
  type ResponsesPolicy,
  validateAgentProfiles,
} from './responses-policy.js'
import { matchRoute, type ProxyOperation, type RouteIds } from './routes.js'

const MiB = 1024 * 1024
const POST_BODY_OPTIONAL: ReadonlySet<ProxyOperation> = new Set([
  'runs.cancel',
  'threads.create',
  'responses.cancel',
  'conversations.create',
])
const isResponsesWire = (operation: ProxyOperation) =>
  operation.startsWith('responses.') || operation.startsWith('conversations.')

/**
 * Creates the proxy handler. It forwards only the allowlisted Assistants operations, injects the
 * credentials, enforces the run-creation policy, limits and CORS, and passes SSE through unbuffered.
 * Every refusal happens before the upstream is contacted.
 */
export function createRunlineProxy(options: RunlineProxyOptions): RunlineProxyHandler {
  const upstreamBase = options.upstream.url.replace(/\/+$/, '')
  const basePath = (options.basePath ?? '/api/v1').replace(/\/+$/, '')
  const maxBodyBytes = options.maxBodyBytes ?? MiB
  const timeoutMs = options.timeoutMs ?? 60_000
  const idleTimeoutMs = options.upstream.idleTimeoutMs ?? 60_000
  const allowedOrigins = options.allowedOrigins ?? []
  const auth = createUpstreamAuth(options.upstream, timeoutMs)
  const agents = options.agents ?? {}
  validateAgentProfiles(agents)
  const responsesPolicy: ResponsesPolicy = {
    agents,
    allowResponseOverrides: options.allowResponseOverrides ?? [],
    inputImages: { url: true, fileId: false, ...options.responseInputImages },
  }
  const responsesBase = (
    options.upstream.responsesUrl ?? (auth.flavor === 'foundry' ? `${upstreamBase}/openai/v1` : upstreamBase)
  ).replace(/\/+$/, '')
  const routeOptions = {
    threadList: options.allowThreadList === true,
    responses: Object.keys(agents).length > 0 || responsesPolicy.allowResponseOverrides.includes('model'),
  }
  const policy = {
    assistantIds: options.assistantIds,
    allowRunOverrides: options.allowRunOverrides ?? [],
    toolApprovals: auth.flavor === 'foundry',
  }
  const upstreamFetch: typeof fetch = options.upstream.fetch ?? ((input, init) => fetch(input, init))

  return async function runlineProxy(request: Request): Promise<Response> {
    const started = performance.now()
    const method = request.method.toUpperCase()
    const url = new URL(request.url)
    const origin = request.headers.get('origin')
    const corsOrigin = isAllowedOrigin(origin, allowedOrigins) ? origin : null
    let operation: ProxyOperation | null = null
    let path = url.pathname

    const finish = (response: Response, forwarded: boolean, errorCode: string | null = null): Response => {
      if (corsOrigin) applyCorsHeaders(response.headers, corsOrigin)
      options.onResponse?.({
        operation,
        method,
        path,
        status: response.status,
        durationMs: performance.now() - started,
        forwarded,
        errorCode,
      })
      return response
    }
    const refuse = (
      status: number,
      code: string,
      message: string,
      extra: { param?: string | null; headers?: HeadersInit } = {},
    ): Response =>
      finish(
        errorResponse(status, message, {
          code,
          param: extra.param ?? null,
          headers: extra.headers ?? {},
          type: status === 403 ? 'permission_error' : undefined,
        }),
        false,
        code,
      )

    if (method === 'OPTIONS') {
      if (corsOrigin) return finish(preflightResponse(request, corsOrigin), false)
      return refuse(403, 'origin_not_allowed', 'Cross-origin requests from this origin are not allowed.')
    }
    // A cross-site page must not spend our key: refuse foreign origins unless the browser says same-origin.
    const fetchSite = request.headers.get('sec-fetch-site')
    if (
      origin &&
      !corsOrigin &&
      origin !== url.origin &&
      fetchSite !== 'same-origin' &&
      fetchSite !== 'none'
    ) {
      return refuse(403, 'origin_not_allowed', 'Cross-origin requests from this origin are not allowed.')
    }

    if (path !== basePath && !path.startsWith(`${basePath}/`)) {
      return refuse(404, 'unknown_url', `Unknown request URL: ${path}.`)
    }
    path = path.slice(basePath.length)
    const route = matchRoute(method, path, routeOptions)
    if (route.kind === 'refused') {
      const headers: HeadersInit = route.allow ? { allow: route.allow.join(', ') } : {}
      return refuse(route.status, route.code, route.message, { headers })
    }
    operation = route.operation
    const ids: RouteIds = {
      threadId: route.threadId,
      runId: route.runId,
      messageId: route.messageId,
      stepId: route.stepId,
      fileId: route.fileId,
      responseId: route.responseId,
      conversationId: route.conversationId,
      itemId: route.itemId,
    }
    options.onRequest?.({ operation, method, path, ...ids })

    const authorized = async (ctx: AuthorizeContext): Promise<Response | null> => {
      if (!options.authorize) return null
      let verdict: boolean | Response
      try {
        verdict = await options.authorize(request, ctx)
      } catch {
        return refuse(500, 'authorize_failed', 'The authorization check failed.')
      }
      // Re-wrapped: a hook may return a Response with immutable headers (e.g. Response.redirect).
      if (verdict instanceof Response)
        return finish(new Response(verdict.body, verdict), false, 'authorize_response')
      if (verdict !== true) return refuse(403, 'forbidden', 'You are not allowed to perform this operation.')
      return null
    }
    // Ids a body names (previous_response_id, conversation, item references) are only known once it is read.
    const authorizeAfterBody = RESPONSES_BODY_ID_OPERATIONS.has(operation)
    let authorizeDone = !authorizeAfterBody
    if (!authorizeAfterBody) {
      const denied = await authorized({ operation, ...ids })
      if (denied) return denied
    }

    let upstreamBody: string | undefined
    if (method === 'POST') {
      const read = await readBodyWithLimit(request, maxBodyBytes)
      if (read.kind === 'too_large') {
        return refuse(413, 'request_too_large', `The request body exceeds ${maxBodyBytes} bytes.`)
      }
      let parsed: unknown
      if (read.bytes.byteLength > 0) {
        const contentType = request.headers.get('content-type') ?? ''
        if (!/^application\/json\b/i.test(contentType)) {
          return refuse(415, 'unsupported_media_type', 'The request body must be application/json.')
        }
        const text = new TextDecoder().decode(read.bytes)
        // Checked before parsing: re-serialising a deeper body could overflow the stack.
        if (jsonDepthExceeds(text)) {
          return refuse(
            400,
            'json_too_deep',
            `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
          )
        }
        try {
          parsed = JSON.parse(text)
        } catch {
          return refuse(400, 'invalid_json', 'The request body is not valid JSON.')
        }
      }
      const responses = checkResponsesBody(operation, parsed, responsesPolicy)
      if (responses?.kind === 'violation') {
        const { violation } = responses
        return refuse(violation.status, violation.code, violation.message, { param: violation.param })
      }
      if (responses?.kind === 'ok') {
        if (authorizeAfterBody) {
          const denied = await authorized({ operation, ...ids, ...responses.ids })
          if (denied) return denied
          authorizeDone = true
        }
        // The profile's pins are applied: forward that, not what the browser sent.
        if (parsed !== undefined) parsed = responses.body
      } else if (parsed !== undefined || !POST_BODY_OPTIONAL.has(operation)) {
        const violation = checkBody(operation, parsed, policy)
        if (violation) {
          return refuse(violation.status, violation.code, violation.message, { param: violation.param })
        }
      }
      // Re-serialise what we checked, so a parser that reads duplicate keys differently sees the same thing.
      if (parsed !== undefined) upstreamBody = JSON.stringify(parsed)
    }

    // Fail closed: an operation whose authorize waits for its body never goes out without it.
    if (!authorizeDone) return refuse(500, 'authorize_failed', 'The authorization check failed.')

    const query = new URLSearchParams()
    for (const [key, value] of url.searchParams) {
      if (route.query.includes(key)) query.append(key, value)
    }
    const responsesWire = isResponsesWire(operation)
    // The Responses wire is the v1 API everywhere: no api-version, no Assistants beta header.
    if (auth.apiVersion && !responsesWire) query.set('api-version', auth.apiVersion)
    const search = query.toString()
    const base = responsesWire ? responsesBase : upstreamBase
    const target = `${base}${route.path}${search ? `?${search}` : ''}`

    const controller = new AbortController()
    let timedOut = false
    let clientGone = false
    const onClientAbort = () => {
      clientGone = true
      controller.abort(request.signal.reason)
    }
    if (request.signal.aborted) onClientAbort()
    else request.signal.addEventListener('abort', onClientAbort, { once: true })
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort(new DOMException('upstream timeout', 'TimeoutError'))
    }, timeoutMs)
    const release = () => request.signal.removeEventListener('abort', onClientAbort)

    const stopped = (): Response | null => {
      if (timedOut) {
        return refuse(504, 'upstream_timeout', `The upstream did not answer within ${timeoutMs} ms.`)
      }
      if (clientGone) return refuse(499, 'client_closed_request', 'The client closed the request.')
      return null
    }

    // Inside the head timeout: a token endpoint that hangs is an upstream that does not answer.
    let credentials: UpstreamCredentials
    try {
      credentials = await auth.credentials(controller.signal)
    } catch {
      clearTimeout(timer)
      release()
      return (
        stopped() ??
        refuse(502, 'upstream_credential_failed', 'The proxy could not get a token for the upstream.')
      )
    }

    let upstream: Response
    try {
      upstream = await upstreamFetch(target, {
        method,
        headers: upstreamRequestHeaders(request.headers, credentials, {
          hasBody: upstreamBody !== undefined,
          assistants: !responsesWire,
        }),
        body: upstreamBody,
        signal: controller.signal,
        redirect: 'manual',
      })
    } catch {
      release()
      return stopped() ?? refuse(502, 'upstream_unreachable', 'The upstream could not be reached.')
    } finally {
      clearTimeout(timer)
    }
    if (upstream.status === 401 || upstream.status === 403) auth.refused(credentials)

    // From here on the exchange lives until the upstream body is done: a client that leaves aborts it.
    const { response, errorCode } = await relayResponse(upstream, {
      signal: controller.signal,
      abort: (reason) => controller.abort(reason),
      end: release,
      idleTimeoutMs,
      secrets: auth.secrets(credentials),
    })
    return finish(response, true, errorCode)
  }
}
