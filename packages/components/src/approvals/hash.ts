/**
 * The SHA-256 of a text (its UTF-8 bytes) as lowercase hex, by WebCrypto (`crypto.subtle`), e.g. to
 * log which arguments a person approved without logging the arguments. Null where WebCrypto is not
 * available (a page served over plain http from another host than localhost).
 */
export async function sha256Hex(text: string): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle
  if (!subtle) return null
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text))
  let hex = ''
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0')
  return hex
}
