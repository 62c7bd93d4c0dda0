import type { UpstreamFlavor } from './options.js'
import { containsSecret } from './scrub.js'

/** Request headers copied from the browser to the upstream. Authorization, cookies, api-key never are. */
export const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept'] as const

/** Upstream response headers passed to the browser (when they carry no secret). Set-Cookie never is. */
export const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-disposition',
  'openai-poll-after-ms',
  'openai-processing-ms',
  'x-request-id',
  // Azure's request ids, what its support asks for.
  'apim-request-id',
  'x-ms-request-id',
  'retry-after',
  'retry-after-ms',
] as const

/** The server-side credentials of one upstream request. */
export interface UpstreamCredentials {
  flavor: UpstreamFlavor
  /** `openai` / `azure`: the configured key. */
  apiKey?: string | undefined
  /** `foundry`: the Microsoft Entra token for this request. */
  bearerToken?: string | undefined
}

/** Builds the upstream request headers: the browser's allowlisted ones plus the server-side credentials. */
export function upstreamRequestHeaders(
  incoming: Headers,
  credentials: UpstreamCredentials,
  request: { hasBody: boolean; assistants: boolean },
): Headers {
  const out = new Headers()
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming.get(name)
    if (value !== null) out.set(name, value)
  }
  if (request.hasBody) out.set('content-type', 'application/json')
  else out.delete('content-type')
  // Compressed SSE would be buffered by the decompressor; ask for the bytes as they are.
  out.set('accept-encoding', 'identity')
  if (credentials.flavor === 'foundry') {
    // Foundry takes Entra tokens only (never api-key) and has no OpenAI-Beta switch.
    if (credentials.bearerToken) out.set('authorization', `Bearer ${credentials.bearerToken}`)
    return out
  }
  if (request.assistants) out.set('openai-beta', 'assistants=v2')
  if (credentials.apiKey) {
    if (credentials.flavor === 'azure') out.set('api-key', credentials.apiKey)
    else out.set('authorization', `Bearer ${credentials.apiKey}`)
  }
  return out
}

/**
 * Builds the browser response headers from the upstream ones: allowlisted names only, none that echo a
 * secret. `content-length` is kept only for uncompressed bodies (fetch decodes compressed ones, which
 * changes the length); `content-encoding` is always dropped for the same reason.
 */
export function browserResponseHeaders(upstream: Headers, secrets: readonly string[]): Headers {
  const out = new Headers()
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.get(name)
    if (value !== null && !containsSecret(value, secrets)) out.set(name, value)
  }
  const length = upstream.get('content-length')
  if (length !== null && !upstream.has('content-encoding')) out.set('content-length', length)
  return out
}
