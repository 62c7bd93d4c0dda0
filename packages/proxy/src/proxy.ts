import { readBodyWithLimit } from './body.js'
import { applyCorsHeaders, isAllowedOrigin, preflightResponse } from './cors.js'
import { errorResponse } from './errors.js'
import { browserResponseHeaders, upstreamRequestHeaders } from './headers.js'
import { checkBody, type RunOverrideField } from './policy.js'
import { matchRoute, type ProxyOperation, type RouteIds } from './routes.js'
import { maskSecrets } from './scrub.js'

/** Where requests go and how they are authenticated there. */
export interface UpstreamOptions {
  /** API root without a trailing slash, e.g. `https://api.openai.com/v1` or `https://res.openai.azure.com/openai`. */
  url: string
  /** Injected server-side; never read from or sent to the browser. */
  apiKey?: string
  /** `openai`: `Authorization: Bearer`; `azure`: `api-key` header + `api-version` query. Default `openai`. */
  flavor?: 'openai' | 'azure'
  /** Required for `azure` (e.g. `2024-05-01-preview`). */
  azureApiVersion?: string
  /** The fetch used to reach the upstream (e.g. an in-process simulator's). Default: global `fetch`. */
  fetch?: typeof fetch
}

/** Context handed to {@link RunlineProxyOptions.authorize}. */
export interface AuthorizeContext extends RouteIds {
  operation: ProxyOperation
}

/** Passed to `onRequest` once a request is routed to an allowed operation (before authorize and body checks). */
export interface ProxyRequestInfo extends RouteIds {
  operation: ProxyOperation
  method: string
  /** Path below `basePath`, e.g. `/threads/thread_1/runs`. */
  path: string
}

/** Passed to `onResponse` when the response head is ready (streams may still be flowing). */
export interface ProxyResponseInfo {
  /** `null` when the request was refused before being matched to an operation. */
  operation: ProxyOperation | null
  method: string
  path: string
  status: number
  durationMs: number
  /** Whether the upstream was contacted at all. */
  forwarded: boolean
  /** The `code` of the proxy's own refusal or failure, when it produced the response. */
  errorCode: string | null
}

/** Options of {@link createRunlineProxy}. */
export interface RunlineProxyOptions {
  upstream: UpstreamOptions
  /** The part of the incoming path to strip before routing. Default `/api/v1`. */
  basePath?: string
  /** Assistants runs may be created for; `'*'` allows any. */
  assistantIds: readonly string[] | '*'
  /** Run-creation fields the browser may set (all refused with 400 by default). */
  allowRunOverrides?: readonly RunOverrideField[]
  /** Origins that get CORS headers. None: same-origin only; other origins are refused with 403. */
  allowedOrigins?: readonly string[]
  /** Request body limit in bytes, enforced while reading. Default 1 MiB; over it: 413. */
  maxBodyBytes?: number
  /** How long to wait for the upstream's response head. Default 60 s; over it: 504. */
  timeoutMs?: number
  /** Decide per request: `false` → 403; a `Response` is sent as is. Runs after routing, before the body is read. */
  authorize?: (request: Request, ctx: AuthorizeContext) => boolean | Response | Promise<boolean | Response>
  onRequest?: (info: ProxyRequestInfo) => void
  onResponse?: (info: ProxyResponseInfo) => void
}

/** A web-standard request handler: works as a Next.js route handler, a Workers/Bun/Deno `fetch`, or via adapters. */
export type RunlineProxyHandler = (request: Request) => Promise<Response>

const MiB = 1024 * 1024
const MAX_ERROR_BODY_BYTES = MiB
const encoder = new TextEncoder()
const POST_BODY_OPTIONAL: ReadonlySet<ProxyOperation> = new Set(['runs.cancel', 'threads.create'])

/**
 * Creates the proxy handler. It forwards only the allowlisted Assistants operations, injects the
 * credentials, enforces the run-creation policy, limits and CORS, and passes SSE through unbuffered.
 * Every refusal happens before the upstream is contacted.
 */
export function createRunlineProxy(options: RunlineProxyOptions): RunlineProxyHandler {
  const flavor = options.upstream.flavor ?? 'openai'
  if (flavor === 'azure' && !options.upstream.azureApiVersion) {
    throw new Error('createRunlineProxy: upstream.azureApiVersion is required for the azure flavor')
  }
  const upstreamBase = options.upstream.url.replace(/\/+$/, '')
  const basePath = (options.basePath ?? '/api/v1').replace(/\/+$/, '')
  const maxBodyBytes = options.maxBodyBytes ?? MiB
  const timeoutMs = options.timeoutMs ?? 60_000
  const allowedOrigins = options.allowedOrigins ?? []
  const policy = { assistantIds: options.assistantIds, allowRunOverrides: options.allowRunOverrides ?? [] }
  const secrets = options.upstream.apiKey ? [options.upstream.apiKey] : []
  const credentials = { flavor, apiKey: options.upstream.apiKey }
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
    const route = matchRoute(method, path)
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
    }
    options.onRequest?.({ operation, method, path, ...ids })

    if (options.authorize) {
      let verdict: boolean | Response
      try {
        verdict = await options.authorize(request, { operation, ...ids })
      } catch {
        return refuse(500, 'authorize_failed', 'The authorization check failed.')
      }
      // Re-wrapped: a hook may return a Response with immutable headers (e.g. Response.redirect).
      if (verdict instanceof Response)
        return finish(new Response(verdict.body, verdict), false, 'authorize_response')
      if (verdict !== true) return refuse(403, 'forbidden', 'You are not allowed to perform this operation.')
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
        try {
          parsed = JSON.parse(new TextDecoder().decode(read.bytes))
        } catch {
          return refuse(400, 'invalid_json', 'The request body is not valid JSON.')
        }
      }
      if (parsed !== undefined || !POST_BODY_OPTIONAL.has(operation)) {
        const violation = checkBody(operation, parsed, policy)
        if (violation) {
          return refuse(violation.status, violation.code, violation.message, { param: violation.param })
        }
      }
      // Re-serialise what we checked, so a parser that reads duplicate keys differently sees the same thing.
      if (parsed !== undefined) upstreamBody = JSON.stringify(parsed)
    }

    const query = new URLSearchParams()
    for (const [key, value] of url.searchParams) {
      if (route.query.includes(key)) query.append(key, value)
    }
    if (flavor === 'azure') query.set('api-version', options.upstream.azureApiVersion ?? '')
    const search = query.toString()
    const target = `${upstreamBase}${route.path}${search ? `?${search}` : ''}`

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

    let upstream: Response
    try {
      upstream = await upstreamFetch(target, {
        method,
        headers: upstreamRequestHeaders(request.headers, credentials, upstreamBody !== undefined),
        body: upstreamBody,
        signal: controller.signal,
        redirect: 'manual',
      })
    } catch {
      release()
      if (timedOut)
        return refuse(504, 'upstream_timeout', `The upstream did not answer within ${timeoutMs} ms.`)
      if (clientGone) return refuse(499, 'client_closed_request', 'The client closed the request.')
      return refuse(502, 'upstream_unreachable', 'The upstream could not be reached.')
    } finally {
      clearTimeout(timer)
    }

    if (upstream.status >= 300) {
      release()
      return finish(await scrubbedError(upstream, secrets), true, null)
    }
    const headers = browserResponseHeaders(upstream.headers, secrets)
    const isSse = (headers.get('content-type') ?? '').startsWith('text/event-stream')
    if (isSse) {
      headers.delete('content-length')
      // no-transform keeps compression middlewares (which buffer) off the stream.
      headers.set('cache-control', 'no-cache, no-transform')
      headers.set('x-accel-buffering', 'no')
    }
    const body = upstream.body ? passThrough(upstream.body, isSse, release) : null
    if (!upstream.body) release()
    return finish(new Response(body, { status: upstream.status, headers }), true)
  }
}

/**
 * Turns an upstream error (or redirect) into the browser's answer: body capped and with secrets masked.
 * An upstream 401/403 means the server's own key was refused, which the browser can't fix: 502.
 */
async function scrubbedError(upstream: Response, secrets: readonly string[]): Promise<Response> {
  if (upstream.status === 401 || upstream.status === 403) {
    await upstream.body?.cancel().catch(() => {})
    return errorResponse(502, 'The upstream refused the proxy credentials.', { code: 'upstream_auth_failed' })
  }
  if (upstream.status < 400) {
    await upstream.body?.cancel().catch(() => {})
    return errorResponse(502, 'The upstream answered with a redirect.', { code: 'upstream_redirect' })
  }
  let text = ''
  try {
    text = await readTextCapped(upstream, MAX_ERROR_BODY_BYTES)
  } catch {
    return errorResponse(502, 'The upstream error response could not be read.', {
      code: 'upstream_unreadable',
    })
  }
  const headers = browserResponseHeaders(upstream.headers, secrets)
  headers.delete('content-length')
  return new Response(maskSecrets(text, secrets), { status: upstream.status, headers })
}

async function readTextCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    text += decoder.decode(value, { stream: true })
    if (total > maxBytes) {
      await reader.cancel().catch(() => {})
      break
    }
  }
  return text + decoder.decode()
}

/**
 * Re-exposes the upstream body chunk by chunk (highWaterMark 0: nothing is read ahead of the client).
 * If an SSE upstream breaks mid-stream, the client gets an `error` event instead of a bare truncation.
 */
function passThrough(
  body: ReadableStream<Uint8Array>,
  isSse: boolean,
  onEnd: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read()
          if (done) {
            onEnd()
            controller.close()
          } else {
            controller.enqueue(value)
          }
        } catch {
          onEnd()
          if (!isSse) return controller.error(new Error('upstream stream failed'))
          const error = {
            error: {
              message: 'The upstream stream was interrupted.',
              type: 'server_error',
              param: null,
              code: 'upstream_stream_error',
            },
          }
          controller.enqueue(encoder.encode(`event: error\ndata: ${JSON.stringify(error)}\n\n`))
          controller.close()
        }
      },
      cancel(reason) {
        onEnd()
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
