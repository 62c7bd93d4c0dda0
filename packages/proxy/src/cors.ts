/** Headers a browser may send cross-origin (the official SDK adds `x-stainless-*`; the proxy drops them all). */
const ALLOWED_REQUEST_HEADER =
  /^(?:content-type|accept|openai-beta|authorization|x-stainless-[a-z0-9-]+|idempotency-key)$/

/** Headers cross-origin scripts may read on responses. */
const EXPOSED_HEADERS = 'x-request-id, openai-poll-after-ms, openai-processing-ms, retry-after'

/** Is `origin` one of the configured ones (exact, case-insensitive match on the serialised origin)? */
export function isAllowedOrigin(origin: string | null, allowedOrigins: readonly string[]): origin is string {
  if (!origin) return false
  const lower = origin.toLowerCase()
  return allowedOrigins.some((allowed) => allowed.toLowerCase() === lower)
}

/** Adds the CORS headers of an allowed origin to a response's headers. */
export function applyCorsHeaders(headers: Headers, origin: string): void {
  headers.set('access-control-allow-origin', origin)
  headers.set('access-control-expose-headers', EXPOSED_HEADERS)
  headers.append('vary', 'Origin')
}

/** The local answer to a preflight from an allowed origin. Unknown requested headers are left out. */
export function preflightResponse(request: Request, origin: string): Response {
  const requested = (request.headers.get('access-control-request-headers') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => ALLOWED_REQUEST_HEADER.test(name))
  const headers = new Headers({
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-max-age': '600',
  })
  if (requested.length > 0) headers.set('access-control-allow-headers', requested.join(', '))
  applyCorsHeaders(headers, origin)
  return new Response(null, { status: 204, headers })
}
