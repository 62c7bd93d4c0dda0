// RUNLINE_UPSTREAM_FLAVOR=foundry: the project endpoint, its api-version, and where tokens come from.
import { ConfigError, type Env, read } from './config-error.js'

/** How the server gets Microsoft Entra tokens for a Foundry project. */
export type FoundryAuthConfig =
  /** `RUNLINE_UPSTREAM_BEARER_TOKEN`; `expiresAt` from the token's `exp` when it is a JWT. */
  | { kind: 'bearer-token'; token: string; expiresAt: number | null }
  /** Client credentials (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`, `AZURE_AUTHORITY_HOST`). */
  | { kind: 'client-secret'; tenantId: string; clientId: string; clientSecret: string; authorityHost: string }
  /** No AZURE_* credentials: the host's managed identity (user-assigned when `AZURE_CLIENT_ID` is set). */
  | { kind: 'managed-identity'; clientId?: string }

/** A Foundry project endpoint and how to authenticate there. */
export interface FoundryUpstreamConfig {
  kind: 'remote'
  flavor: 'foundry'
  /** The project endpoint, e.g. `https://res.services.ai.azure.com/api/projects/p`. */
  url: string
  apiVersion: string
  auth: FoundryAuthConfig
}

/** Microsoft Entra's public cloud, the default authority host. */
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com'

/** Authority hosts run by Microsoft (public and national clouds); any other skips instance discovery. */
const MICROSOFT_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login-us.microsoftonline.com',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
  'login.microsoftonline.de',
])

/** True when `authorityHost` is one of Microsoft's Entra hosts. */
export function isMicrosoftAuthorityHost(authorityHost: string): boolean {
  return MICROSOFT_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname.toLowerCase())
}

// What Foundry's data plane accepts: `v1`, or a dated version (`2025-05-01`, `2025-05-15-preview`).
const API_VERSION = /^(?:v1|\d{4}-\d{2}-\d{2}(?:-preview)?)$/
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// A tenant id is a GUID or a domain (contoso.onmicrosoft.com); nothing that could change the token URL's path.
const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$/
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])
const AZURE_CREDENTIAL_VARS = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'] as const

/**
 * Reads the Foundry upstream from `env` (the URL already parsed). Throws {@link ConfigError} for every
 * combination that cannot work; `notices` receives what is worth saying at start.
 */
export function foundryUpstream(env: Env, url: URL, notices: string[]): FoundryUpstreamConfig {
  if (read(env, 'RUNLINE_UPSTREAM_API_KEY')) {
    throw new ConfigError(
      'RUNLINE_UPSTREAM_API_KEY is not used by RUNLINE_UPSTREAM_FLAVOR=foundry: Foundry takes Microsoft Entra tokens, not API keys. Unset it and set RUNLINE_UPSTREAM_BEARER_TOKEN or the AZURE_* variables (none: managed identity).',
    )
  }
  if (read(env, 'RUNLINE_AZURE_API_VERSION')) {
    throw new ConfigError(
      'RUNLINE_AZURE_API_VERSION is for the retired azure flavor; with foundry use RUNLINE_FOUNDRY_API_VERSION (default v1).',
    )
  }
  if (url.protocol !== 'https:' && !LOOPBACK.has(url.hostname)) {
    throw new ConfigError(
      'RUNLINE_UPSTREAM_URL must be https for foundry (a bearer token goes with every request).',
    )
  }
  const path = url.pathname.replace(/\/+$/, '')
  if (!/\/api\/projects\/[A-Za-z0-9_.-]+$/.test(path)) {
    throw new ConfigError(
      `RUNLINE_UPSTREAM_URL must be the Foundry project endpoint, https://<resource>.services.ai.azure.com/api/projects/<project>, got a path of '${path}'.`,
    )
  }
  const apiVersion = foundryApiVersion(env)
  return {
    kind: 'remote',
    flavor: 'foundry',
    url: `${url.origin}${path}`,
    apiVersion,
    auth: foundryAuth(env, notices),
  }
}

/** `RUNLINE_FOUNDRY_API_VERSION`, default `v1`; a start-up error when it is not an API version. */
export function foundryApiVersion(env: Env): string {
  const apiVersion = read(env, 'RUNLINE_FOUNDRY_API_VERSION') ?? 'v1'
  if (!API_VERSION.test(apiVersion)) {
    throw new ConfigError(
      `RUNLINE_FOUNDRY_API_VERSION must be v1 or a dated version like 2025-05-01 or 2025-05-15-preview, got '${apiVersion}'.`,
    )
  }
  return apiVersion
}

function foundryAuth(env: Env, notices: string[]): FoundryAuthConfig {
  const token = read(env, 'RUNLINE_UPSTREAM_BEARER_TOKEN')
  const present = AZURE_CREDENTIAL_VARS.filter((name) => read(env, name) !== undefined)
  if (token) {
    if (!/^[\x21-\x7e]+$/.test(token)) {
      throw new ConfigError('RUNLINE_UPSTREAM_BEARER_TOKEN must be one word of visible ASCII characters.')
    }
    const expiresAt = jwtExpiry(token)
    if (expiresAt !== null && expiresAt <= Date.now()) {
      throw new ConfigError(`RUNLINE_UPSTREAM_BEARER_TOKEN expired at ${new Date(expiresAt).toISOString()}.`)
    }
    if (present.length > 0 || read(env, 'AZURE_AUTHORITY_HOST')) {
      notices.push('RUNLINE_UPSTREAM_BEARER_TOKEN is set, so the AZURE_* variables are not used.')
    }
    if (expiresAt !== null) {
      notices.push(
        `RUNLINE_UPSTREAM_BEARER_TOKEN expires at ${new Date(expiresAt).toISOString()}; after that every request is a 502.`,
      )
    }
    return { kind: 'bearer-token', token, expiresAt }
  }

  const tenantId = read(env, 'AZURE_TENANT_ID')
  const clientId = read(env, 'AZURE_CLIENT_ID')
  const clientSecret = read(env, 'AZURE_CLIENT_SECRET')
  const authorityHostRaw = read(env, 'AZURE_AUTHORITY_HOST')
  if (clientId !== undefined && !GUID.test(clientId)) {
    throw new ConfigError(`AZURE_CLIENT_ID must be an application (client) id, a GUID, got '${clientId}'.`)
  }
  if (tenantId && clientId && clientSecret) {
    if (!TENANT.test(tenantId)) {
      throw new ConfigError(`AZURE_TENANT_ID must be a tenant id (a GUID) or domain, got '${tenantId}'.`)
    }
    return {
      kind: 'client-secret',
      tenantId,
      clientId,
      clientSecret,
      authorityHost: authorityHostRaw ? authorityHost(authorityHostRaw) : DEFAULT_AUTHORITY_HOST,
    }
  }
  // AZURE_CLIENT_ID alone names a user-assigned managed identity (the Azure SDKs' convention).
  if (tenantId || clientSecret) {
    const missing = AZURE_CREDENTIAL_VARS.filter((name) => read(env, name) === undefined)
    throw new ConfigError(
      `${present.join(' and ')} ${present.length === 1 ? 'is' : 'are'} set but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not: client credentials need AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (unset all three for managed identity).`,
    )
  }
  if (authorityHostRaw) {
    throw new ConfigError(
      'AZURE_AUTHORITY_HOST is set but client credentials are not: it applies to AZURE_TENANT_ID + AZURE_CLIENT_ID + AZURE_CLIENT_SECRET only.',
    )
  }
  notices.push(
    `no RUNLINE_UPSTREAM_BEARER_TOKEN or AZURE_TENANT_ID/AZURE_CLIENT_SECRET: tokens come from the ${clientId ? `user-assigned managed identity ${clientId}` : 'managed identity'} of this host.`,
  )
  return clientId ? { kind: 'managed-identity', clientId } : { kind: 'managed-identity' }
}

function authorityHost(raw: string): string {
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {}
  if (url?.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new ConfigError(
      `AZURE_AUTHORITY_HOST must be an https origin like ${DEFAULT_AUTHORITY_HOST}, got '${raw}'.`,
    )
  }
  return url.origin
}

/** The `exp` of a JWT (ms), or `null` when the token is not a JWT with one. The signature is not checked. */
function jwtExpiry(token: string): number | null {
  const payload = token.split('.')[1]
  if (!token.startsWith('eyJ') || !payload) return null
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    const exp = (claims as { exp?: unknown } | null)?.exp
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null
  } catch {
    return null
  }
}
