/** What a secret is replaced with in anything sent back to the browser. */
export const SECRET_MASK = '[redacted]'

// OpenAI-style keys (and the partially starred echo OpenAI puts in its 401 message, e.g. `sk-abc****wxyz`).
const KEY_LIKE = /\b(?:sk|rk)-[A-Za-z0-9_*-]{6,}/g

/**
 * Replaces the configured key (and anything that looks like an OpenAI key, starred or not) with
 * {@link SECRET_MASK}. Used on upstream error bodies before they reach the browser.
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
  return (
    secrets.some((secret) => secret.length >= 8 && value.includes(secret)) ||
    /\b(?:sk|rk)-[A-Za-z0-9_*-]{6,}/.test(value)
  )
}
