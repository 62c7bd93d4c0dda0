// What a non-2xx response's body says, read without the client's error class: the stream readers
// (source.ts) and the client (client/errors.ts) both turn error bodies into fields with it, and the
// readers sit below the client, so it lives below both.

const MAX_SNIPPET = 200

function stringOrNull(value: unknown): string | null {
  if (typeof value === 'string') return value
  // Some compatible servers send numeric codes; keep them readable rather than dropping them.
  if (typeof value === 'number') return String(value)
  return null
}

/** A short, tag-free excerpt of a non-JSON body (e.g. a proxy's HTML 502 page) for the error message. */
function textSnippet(text: string): string {
  const plain = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return plain.length > MAX_SNIPPET ? `${plain.slice(0, MAX_SNIPPET)}…` : plain
}

/** What an error response says: its message and the OpenAI error fields it carries. */
export interface ErrorBodyFields {
  message: string
  code: string | null
  type: string | null
  param: string | null
}

/**
 * Reads a non-2xx response's already-read body text. Understands `{"error":{...}}` (OpenAI, Azure),
 * `{"error":"..."}` and `{"message":"..."}`; anything else gets a message naming the status and an
 * excerpt of the body.
 */
export function errorBodyFields(response: Response, bodyText: string, context: string): ErrorBodyFields {
  const statusLine = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`
  let parsed: unknown
  try {
    parsed = JSON.parse(bodyText)
  } catch {
    parsed = undefined
  }
  if (parsed !== null && typeof parsed === 'object') {
    const record = parsed as Record<string, unknown>
    const inner = record.error
    if (inner !== null && typeof inner === 'object') {
      const err = inner as Record<string, unknown>
      return {
        message: stringOrNull(err.message) ?? `${context} failed with ${statusLine}`,
        code: stringOrNull(err.code),
        type: stringOrNull(err.type),
        param: stringOrNull(err.param),
      }
    }
    const message = stringOrNull(inner) ?? stringOrNull(record.message)
    if (message !== null) {
      return { message, code: stringOrNull(record.code), type: stringOrNull(record.type), param: null }
    }
  }
  const snippet = textSnippet(bodyText)
  const contentType = response.headers.get('content-type') ?? 'no content-type'
  return {
    message: `${context} failed with ${statusLine} (${contentType} body${snippet ? `: ${snippet}` : ', empty'})`,
    code: null,
    type: null,
    param: null,
  }
}
