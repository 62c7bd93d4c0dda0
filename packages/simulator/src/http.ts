import { jsonDepthExceeds, MAX_JSON_DEPTH } from '@runline/proxy'
import { toWireJson } from './json.js'

/** An API error with the real envelope `{"error":{"message","type","param","code"}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
    readonly type = 'invalid_request_error',
  ) {
    super(message)
  }

  /** The JSON body the API sends for this error. */
  toBody(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } }
  }
}

/** `400 Missing required parameter: 'x'.` as the API words it. */
export function missingParameter(param: string): ApiError {
  return new ApiError(400, `Missing required parameter: '${param}'.`, param, 'missing_required_parameter')
}

/** `400 Invalid type for 'x': expected ...` as the API words it. */
export function invalidType(param: string, expected: string): ApiError {
  return new ApiError(400, `Invalid type for '${param}': expected ${expected}.`, param, 'invalid_type')
}

/** `404 No <kind> found with id '<id>'.` as the API words it. */
export function notFound(kind: string, id: string): ApiError {
  return new ApiError(404, `No ${kind} found with id '${id}'.`)
}

/** A JSON response with the API's content type. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(toWireJson(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

/**
 * Reads a JSON object body; an empty body is `{}`, anything that is not an object is a 400, and so is
 * a body nested deeper than {@link MAX_JSON_DEPTH} (a stored 4,000-level value made every later
 * `messages.list` of its thread a 500: the wire writer recurses per level).
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text()
  if (text.trim() === '') return {}
  if (jsonDepthExceeds(text)) {
    throw new ApiError(
      400,
      `Invalid body: JSON nested deeper than ${MAX_JSON_DEPTH} levels.`,
      null,
      'json_too_deep',
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new ApiError(
      400,
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    )
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ApiError(400, 'Invalid body: expected a JSON object.')
  }
  return parsed as Record<string, unknown>
}
