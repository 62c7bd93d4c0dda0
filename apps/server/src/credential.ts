// Where the proxy's Foundry tokens come from: a static token, Microsoft Entra client credentials, or
// the host's managed identity (`@azure/identity`), or the simulator's own issuer.
import { randomBytes } from 'node:crypto'
import { maskSecrets, type TokenCredentialLike } from '@runline/proxy'
import type { FoundryAuthConfig } from './foundry-config.js'
import { isMicrosoftAuthorityHost } from './foundry-config.js'

const HOUR = 3_600_000

/**
 * The credential for a Foundry upstream. `@azure/identity` is imported on the first `getToken` only,
 * so a server that never talks to Foundry never loads it (nor MSAL).
 */
export function foundryCredential(auth: FoundryAuthConfig): TokenCredentialLike {
  if (auth.kind === 'bearer-token') {
    // Without a readable expiry the token is used until the upstream refuses it (then: 502s).
    const expiresOnTimestamp = auth.expiresAt ?? Number.MAX_SAFE_INTEGER
    return { getToken: async () => ({ token: auth.token, expiresOnTimestamp }) }
  }
  let credential: Promise<TokenCredentialLike> | undefined
  return {
    async getToken(scopes, options) {
      credential ??= azureCredential(auth)
      return (await credential).getToken(scopes, options)
    },
  }
}

async function azureCredential(
  auth: Exclude<FoundryAuthConfig, { kind: 'bearer-token' }>,
): Promise<TokenCredentialLike> {
  const identity = await import('@azure/identity')
  if (auth.kind === 'managed-identity') {
    return auth.clientId
      ? new identity.ManagedIdentityCredential({ clientId: auth.clientId })
      : new identity.ManagedIdentityCredential()
  }
  return new identity.ClientSecretCredential(auth.tenantId, auth.clientId, auth.clientSecret, {
    authorityHost: auth.authorityHost,
    // Instance discovery asks login.microsoftonline.com about the authority, which it does not know
    // when the authority is not Microsoft's (a sovereign proxy, a test's loopback endpoint): skip it.
    disableInstanceDiscovery: !isMicrosoftAuthorityHost(auth.authorityHost),
  })
}

/**
 * A line for the server's log on a failed `getToken`: the error's name and message with the client
 * secret masked (MSAL messages name the AADSTS code and a trace id, which is what an operator needs).
 */
export function describeCredentialError(error: unknown, auth: FoundryAuthConfig): string {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error
  const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)
  const secrets =
    auth.kind === 'client-secret' ? [auth.clientSecret] : auth.kind === 'bearer-token' ? [auth.token] : []
  return maskSecrets(text.split('\n')[0] ?? '', secrets).slice(0, 500)
}

/** An opaque token for the simulator's Foundry face to accept (one per server start). */
export function simulatorToken(): string {
  return `sim_${randomBytes(24).toString('base64url')}`
}

/**
 * The simulator's Foundry face wants `Authorization: Bearer <token>` with the one token it was given;
 * this hands it out as a token that lives an hour, so the proxy's real token path (cache, refresh,
 * header) runs offline.
 */
export function simulatorCredential(token: string, now: () => number = Date.now): TokenCredentialLike {
  return { getToken: async () => ({ token, expiresOnTimestamp: now() + HOUR }) }
}
