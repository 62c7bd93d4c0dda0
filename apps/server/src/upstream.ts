// From the server's configuration to the proxy's upstream options, and what the browser may know of it.
import type { UpstreamOptions } from '@runline/proxy'
import type { Simulator } from '@runline/simulator'
import type { ServerConfig, UpstreamConfig } from './config.js'
import { describeCredentialError, foundryCredential, simulatorCredential } from './credential.js'

/** Where the raw simulator is mounted, OpenAI style, when it is the upstream. */
export const SIMULATOR_BASE_PATH = '/sim/v1'
/** The simulator's Foundry face: a classic-agents project endpoint (mounted when the simulator is the upstream). */
export const SIMULATOR_FOUNDRY_BASE_PATH = '/sim/foundry/api/projects/runline'
/** Where the server says what it forwards to (for the demo's backend indicator). */
export const RUNLINE_CONFIG_PATH = '/api/runline-config'
// The proxy calls the in-process simulator through its fetch; this origin is never resolved or dialled.
const SIMULATOR_ORIGIN = 'http://simulator.invalid'

/**
 * The proxy's upstream for `config.upstream`. `simulator` is the in-process one when it is the upstream;
 * `log` receives one line per failed `getToken` (cause included, secrets masked).
 */
export function upstreamOptions(
  upstream: UpstreamConfig,
  simulator: Simulator | null,
  log: ((line: string) => void) | null,
): UpstreamOptions {
  if (upstream.kind === 'simulator') {
    if (upstream.wire === 'assistants')
      return { url: `${SIMULATOR_ORIGIN}${SIMULATOR_BASE_PATH}`, fetch: simulator!.fetchLike }
    // The Foundry face, with the one token it accepts: the proxy's real Foundry path runs offline.
    return {
      url: `${SIMULATOR_ORIGIN}${SIMULATOR_FOUNDRY_BASE_PATH}`,
      flavor: 'foundry',
      ...(upstream.apiVersion ? { foundryApiVersion: upstream.apiVersion } : {}),
      credential: simulatorCredential(simulator!.foundry.token),
      fetch: simulator!.foundry.fetchLike,
    }
  }
  if (upstream.flavor !== 'foundry') {
    return {
      url: upstream.url,
      flavor: upstream.flavor,
      ...(upstream.apiKey ? { apiKey: upstream.apiKey } : {}),
      ...(upstream.azureApiVersion ? { azureApiVersion: upstream.azureApiVersion } : {}),
    }
  }
  const { auth } = upstream
  return {
    url: upstream.url,
    flavor: 'foundry',
    foundryApiVersion: upstream.apiVersion,
    credential: foundryCredential(auth),
    onCredentialError: (error) => log?.(`- (foundry token failed: ${describeCredentialError(error, auth)})`),
  }
}

/** `GET /api/runline-config`: what the proxy forwards to, without URLs, hosts or credentials. */
export interface RunlineConfigInfo {
  /** `simulator`: the in-process simulator; `upstream`: a configured remote server. */
  backend: 'simulator' | 'upstream'
  /** The protocol behind `/api/v1`: Assistants (OpenAI's) or Foundry classic agents (the same plus approvals). */
  wire: 'assistants' | 'foundry'
  /** The proxy flavor (`azure`: Azure OpenAI's Assistants API, shut down 2026-08-26). */
  flavor: 'openai' | 'azure' | 'foundry'
  /** Whether `GET /api/v1/threads` lists threads. */
  threadList: boolean
  /** Assistants runs may be created for (`*`: any). */
  assistantIds: string[] | '*'
  /** The proxy's base path. */
  apiBase: string
}

/** The body of `GET /api/runline-config`. */
export function runlineConfigInfo(config: ServerConfig, apiBase: string): RunlineConfigInfo {
  const up = config.upstream
  const flavor = up.kind === 'simulator' ? (up.wire === 'foundry' ? 'foundry' : 'openai') : up.flavor
  return {
    backend: up.kind === 'simulator' ? 'simulator' : 'upstream',
    wire: flavor === 'foundry' ? 'foundry' : 'assistants',
    flavor,
    threadList: config.threadList,
    assistantIds: config.assistantIds,
    apiBase,
  }
}
