import type { UpstreamCredentials } from './headers.js'
import type { UpstreamFlavor, UpstreamOptions } from './options.js'
import { FOUNDRY_TOKEN_SCOPE, TokenCache } from './token.js'

/** Foundry's data-plane API version when none is configured. */
export const DEFAULT_FOUNDRY_API_VERSION = 'v1'

/** How every upstream request of one proxy is authenticated. */
export interface UpstreamAuth {
  flavor: UpstreamFlavor
  /** The `api-version` query parameter every upstream request carries, if the flavor has one. */
  apiVersion: string | null
  /** This request's credentials; rejects when no token can be had (or with `signal`'s reason). */
  credentials(signal: AbortSignal): Promise<UpstreamCredentials>
  /** What must never reach the browser for a request made with `credentials`. */
  secrets(credentials: UpstreamCredentials): string[]
  /** The upstream refused `credentials` (401/403): a cached token is dropped. */
  refused(credentials: UpstreamCredentials): void
}

const FLAVORS: readonly UpstreamFlavor[] = ['openai', 'azure', 'foundry']
// Query-safe and short: it is appended to every upstream URL.
const API_VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

const fail = (message: string): never => {
  throw new Error(`createRunlineProxy: ${message}`)
}

/**
 * Validates the upstream's credential options and returns how requests are authenticated. Throws on
 * a combination that cannot be meant (a key for Foundry, a credential for OpenAI, no api-version for
 * Azure, ...), so a misconfiguration fails at start, not on the first request.
 */
export function createUpstreamAuth(upstream: UpstreamOptions, timeoutMs: number): UpstreamAuth {
  const flavor = upstream.flavor ?? 'openai'
  if (!FLAVORS.includes(flavor)) fail(`unknown upstream.flavor '${String(flavor)}'`)
  if (flavor !== 'foundry') {
    if (upstream.credential) fail('upstream.credential is for the foundry flavor (openai/azure take apiKey)')
    if (upstream.foundryApiVersion !== undefined) fail('upstream.foundryApiVersion is for the foundry flavor')
    if (flavor === 'azure' && !upstream.azureApiVersion) {
      fail('upstream.azureApiVersion is required for the azure flavor')
    }
    if (upstream.azureApiVersion !== undefined && !API_VERSION.test(upstream.azureApiVersion)) {
      fail('upstream.azureApiVersion is not an API version')
    }
    const apiKey = upstream.apiKey
    const credentials: UpstreamCredentials = { flavor, apiKey }
    return {
      flavor,
      apiVersion: flavor === 'azure' ? (upstream.azureApiVersion ?? null) : null,
      credentials: async () => credentials,
      secrets: () => (apiKey ? [apiKey] : []),
      refused: () => {},
    }
  }

  if (upstream.apiKey !== undefined)
    fail('the foundry flavor takes Microsoft Entra tokens (credential), not apiKey')
  if (upstream.azureApiVersion !== undefined)
    fail('the foundry flavor takes foundryApiVersion, not azureApiVersion')
  const credential = upstream.credential
  if (!credential || typeof credential.getToken !== 'function') {
    return fail('upstream.credential (a TokenCredential) is required for the foundry flavor')
  }
  const apiVersion = upstream.foundryApiVersion ?? DEFAULT_FOUNDRY_API_VERSION
  if (!API_VERSION.test(apiVersion)) fail(`upstream.foundryApiVersion '${apiVersion}' is not an API version`)
  const tokens = new TokenCache(credential, upstream.tokenScope ?? FOUNDRY_TOKEN_SCOPE, timeoutMs)
  return {
    flavor,
    apiVersion,
    async credentials(signal) {
      try {
        return { flavor, bearerToken: await tokens.get(signal) }
      } catch (error) {
        if (!signal.aborted) report(upstream, error)
        throw error
      }
    },
    secrets: (credentials) => (credentials.bearerToken ? [credentials.bearerToken] : []),
    refused: (credentials) => {
      if (credentials.bearerToken) tokens.invalidate(credentials.bearerToken)
    },
  }
}

function report(upstream: UpstreamOptions, error: unknown): void {
  try {
    upstream.onCredentialError?.(error)
  } catch {
    // A logging hook that throws must not turn a clean 502 into a crash.
  }
}
