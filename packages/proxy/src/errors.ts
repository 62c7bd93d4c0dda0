/** The `type` values the proxy uses in its own OpenAI-shaped errors. */
export type ProxyErrorType = 'invalid_request_error' | 'permission_error' | 'server_error' | 'timeout_error'

/** The JSON body OpenAI (and therefore every SDK) expects from a failed call. */
export interface OpenAIErrorBody {
  error: { message: string; type: ProxyErrorType | string; param: string | null; code: string | null }
}

/**
 * Builds an OpenAI-shaped JSON error response, so SDKs surface it as an `APIError` with the right status.
 * `extraHeaders` is for things like `Allow` on a 405.
 */
export function errorResponse(
  status: number,
  message: string,
  options: { type?: ProxyErrorType; code?: string | null; param?: string | null; headers?: HeadersInit } = {},
): Response {
  const body: OpenAIErrorBody = {
    error: {
      message,
      type: options.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
      param: options.param ?? null,
      code: options.code ?? null,
    },
  }
  const headers = new Headers(options.headers)
  headers.set('content-type', 'application/json')
  return new Response(JSON.stringify(body), { status, headers })
}
