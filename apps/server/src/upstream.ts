// From the server's configuration to the proxy's upstream options (a configured server or a simulator face).
import type { UpstreamOptions } from '@runline/proxy'
import type { Simulator } from '@runline/simulator'
import type { UpstreamConfig } from './config.js'
import { describeCredentialError, foundryCredential, simulatorCredential } from './credential.js'

/** Where the raw simulator is mounted, OpenAI style, when it is the upstream. */
export const SIMULATOR_BASE_PATH = '/sim/v1'
/** The simulator's Foundry face: a classic-agents project endpoint (mounted when the simulator is the upstream). */
export const SIMULATOR_FOUNDRY_BASE_PATH = '/sim/foundry/api/projects/runline'
// The proxy calls the in-process simulator through its fetch; this origin is never resolved or dialled.
const SIMULATOR_ORIGIN = 'http://simulator.invalid'

/**
 * One face of the in-process simulator as a proxy upstream: its OpenAI face (Assistants, Responses and
 * Conversations paths), or its Foundry face with the one token it accepts, so the proxy's real Foundry
 * path (token cache, `Authorization`, `api-version`) runs offline.
 */
export function simulatorUpstream(
  simulator: Simulator,
  face: 'openai' | 'foundry',
  foundryApiVersion?: string,
): UpstreamOptions {
  if (face === 'openai')
    return { url: `${SIMULATOR_ORIGIN}${SIMULATOR_BASE_PATH}`, fetch: simulator.fetchLike }
  return {
    url: `${SIMULATOR_ORIGIN}${SIMULATOR_FOUNDRY_BASE_PATH}`,
    flavor: 'foundry',
    ...(foundryApiVersion ? { foundryApiVersion } : {}),
    credential: simulatorCredential(simulator.foundry.token),
    fetch: simulator.foundry.fetchLike,
  }
}

/**
 * The proxy's upstream for `config.upstream`. `simulator` is the in-process one when it is the upstream;
 * `log` receives one line per failed `getToken` (cause included, secrets masked).
 */
export function upstreamOptions(
  upstream: UpstreamConfig,
  simulator: Simulator | null,
  log: ((line: string) => void) | null,
): UpstreamOptions {
  if (upstream.kind === 'simulator')
    return simulatorUpstream(
      simulator!,
      upstream.wire === 'foundry' ? 'foundry' : 'openai',
      upstream.apiVersion,
    )
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
