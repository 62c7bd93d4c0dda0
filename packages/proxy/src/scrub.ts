/** What a secret is replaced with in anything sent back to the browser. */
export const SECRET_MASK = '[redacted]'

// OpenAI-style keys (and the partially starred echo OpenAI puts in its 401 message, e.g. `sk-abc****wxyz`),
// and JWTs (Microsoft Entra access tokens: base64url header `eyJ…`, payload and signature).
const KEY_LIKE = /\b(?:sk|rk)-[A-Za-z0-9_*-]{6,}|\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g
// Without the `g` flag, so `test` keeps no state between calls.
const KEY_LIKE_ONE = new RegExp(KEY_LIKE.source)

/**
 * Replaces the configured key or token (and anything that looks like an OpenAI key, starred or not,
 * or a JWT) with {@link SECRET_MASK}. Used on upstream error bodies before they reach the browser.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    // Short strings would mask innocent words; real keys are long.
    if (secret.length >= 8) out = out.split(secret).join(SECRET_MASK)
  }
  return out.replace(KEY_LIKE, SECRET_MASK)
}

/** True when `value` contains one of the secrets (used to drop response headers echoing the key). */
export function containsSecret(value: string, secrets: readonly string[]): boolean {
  return secrets.some((secret) => secret.length >= 8 && value.includes(secret)) || KEY_LIKE_ONE.test(value)
}
