import { ApiError, jsonResponse } from '../http.js'
import { hashSeed } from '../prng.js'

/** A face: a web-standard handler for one wire, over its own engine. */
export interface Face {
  /** The web-standard handler. */
  fetch(request: Request): Promise<Response>
  /** fetch-compatible wrapper: (input, init) => this.fetch(new Request(input, init)), for clients' `fetch` option. */
  fetchLike: typeof fetch
}

/** A face from its handler (the fetch-compatible wrapper included). */
export function faceOf(handle: (request: Request) => Promise<Response>): Face {
  return {
    fetch: handle,
    fetchLike: ((input: RequestInfo | URL, init?: RequestInit) =>
      handle(new Request(input, init))) as typeof fetch,
  }
}

/**
 * Answers with the route's response, or with the API's error envelope: an `ApiError` as it says,
 * anything else as the API's generic 500.
 */
export async function respond(route: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await route()
  } catch (error) {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError(
            500,
            'The server had an error while processing your request. Sorry about that!',
            null,
            null,
            'server_error',
          )
    return jsonResponse(apiError.toBody(), apiError.status)
  }
}

/** Request ids from the seed: the same requests get the same ids. */
export function requestIds(seed: number, label: string | null): () => string {
  let count = 0
  return () => {
    count++
    const hash = label === null ? hashSeed(seed, 'request', count) : hashSeed(seed, label, 'request', count)
    return `req_${hash.toString(16).padStart(8, '0')}`
  }
}
