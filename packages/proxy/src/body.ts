/** Result of reading a request body under a byte limit. */
export type LimitedBody = { kind: 'ok'; bytes: Uint8Array } | { kind: 'too_large' }

/**
 * Reads a request body, stopping (and cancelling the stream) as soon as it exceeds `maxBytes`.
 * The declared `content-length` is only used to refuse early: a missing or lying one cannot get more
 * than `maxBytes` into memory, because the count is taken from the bytes actually read.
 */
export async function readBodyWithLimit(request: Request, maxBytes: number): Promise<LimitedBody> {
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) return { kind: 'too_large' }
  if (!request.body) return { kind: 'ok', bytes: new Uint8Array(0) }
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel('request body too large').catch(() => {})
      return { kind: 'too_large' }
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { kind: 'ok', bytes }
}
