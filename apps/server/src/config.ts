import { fileURLToPath } from 'node:url'
import { ConfigError, type Env, read } from './config-error.js'
import { type FoundryUpstreamConfig, foundryApiVersion, foundryUpstream } from './foundry-config.js'
import { type ResponsesAgents, responsesAgents } from './responses-config.js'

export { ConfigError } from './config-error.js'

/** Which face of the in-process simulator the proxy talks to (`RUNLINE_SIM_WIRE`). */
export type SimulatorWire = 'assistants' | 'foundry'

/** How the in-process simulator runs (`RUNLINE_SIM_DELAY_MS`, `RUNLINE_SIM_SEED`, `RUNLINE_SIM_MAX_THREADS`). */
export interface SimulatorSettings {
  delayMs: number
  seed?: number
  maxThreads: number
}

/**
 * Where the proxy sends requests: the in-process simulator (through its Assistants or its Foundry face),
 * or a real upstream: an Assistants-compatible server (`openai`), a Foundry project (`foundry`), or
 * Azure OpenAI's retired Assistants API (`azure`).
 */
export type UpstreamConfig =
  | ({
      kind: 'simulator'
      wire: SimulatorWire
      /** The `api-version` the proxy sends to the Foundry face (`RUNLINE_FOUNDRY_API_VERSION`). */
      apiVersion?: string
    } & SimulatorSettings)
  | { kind: 'remote'; url: string; apiKey?: string; flavor: 'openai' | 'azure'; azureApiVersion?: string }
  | FoundryUpstreamConfig

/** Everything the server needs; build it with {@link loadServerConfig} and override fields in tests. */
export interface ServerConfig {
  /** 0 picks an ephemeral port. */
  port: number
  host: string
  upstream: UpstreamConfig
  /**
   * Forward `GET /threads` (every thread of the project, to every caller). `RUNLINE_THREAD_LIST`; on by
   * default for the simulator's Foundry face only; Foundry upstreams only.
   */
  threadList: boolean
  /**
   * Beside a configured upstream: the settings of a simulator whose faces are served as extra backends
   * at `/api/backends/sim-*` (`RUNLINE_SIM_BACKENDS=1`); `null`: none (the default, a production posture).
   * With the simulator as upstream its faces are always served, with `upstream`'s settings.
   */
  simBackends: SimulatorSettings | null
  /** Things worth saying at start (a retired service, a token source); printed by the entry points. */
  notices: string[]
  assistantIds: string[] | '*'
  /** The Responses wire's agent profiles (`RUNLINE_RESPONSES_AGENTS`; `runline-sim` with the simulator). */
  responsesAgents: ResponsesAgents
  allowedOrigins: string[]
  maxBodyBytes: number
  upstreamTimeoutMs: number
  /** Longest silence while reading an upstream body, error bodies and streams alike (`RUNLINE_UPSTREAM_IDLE_MS`). */
  upstreamIdleMs: number
  /** The built demo (`apps/demo/dist`); served at `/` when its index.html exists. `null` disables it. */
  staticDir: string | null
  /** Receives one line per request; `null` keeps quiet (tests, benchmarks). */
  log: ((line: string) => void) | null
  /** Wraps the fetch the proxy uses to reach the upstream (instrumentation, e.g. the benchmark's event count). */
  wrapUpstreamFetch?: (upstreamFetch: typeof fetch) => typeof fetch
}

/** The assistant the simulator is seeded with (kept equal to the simulator's `DEMO_ASSISTANT_ID`). */
export const DEFAULT_SIM_ASSISTANT_ID = 'asst_runline_demo'

const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../demo/dist', import.meta.url))

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got '${raw}'.`)
  }
  return Number(raw)
}

function list(env: Env, name: string): string[] | undefined {
  const raw = env[name]?.trim()
  if (!raw) return undefined
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

function origins(env: Env): string[] {
  const values = list(env, 'RUNLINE_ALLOWED_ORIGINS') ?? []
  for (const value of values) {
    let parsed: URL | undefined
    try {
      parsed = new URL(value)
    } catch {}
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== value) {
      throw new ConfigError(
        `RUNLINE_ALLOWED_ORIGINS: '${value}' is not an origin (scheme://host[:port], no path or trailing slash).`,
      )
    }
  }
  return values
}

/** The retirement notice for the azure flavor (start-up output and the README say the same). */
export const AZURE_RETIRED_NOTICE =
  "RUNLINE_UPSTREAM_FLAVOR=azure targets Azure OpenAI's Assistants API, which was shut down on 2026-08-26; it stays for servers that still speak it. Foundry agents: RUNLINE_UPSTREAM_FLAVOR=foundry."

const FLAVORS = ['openai', 'azure', 'foundry'] as const
const FOUNDRY_ONLY = ['RUNLINE_UPSTREAM_BEARER_TOKEN', 'RUNLINE_FOUNDRY_API_VERSION'] as const

function simulatorUpstream(env: Env, flavor: (typeof FLAVORS)[number] | undefined): UpstreamConfig {
  if (flavor === 'foundry' || flavor === 'azure') {
    throw new ConfigError(
      `RUNLINE_UPSTREAM_FLAVOR=${flavor} needs RUNLINE_UPSTREAM_URL${flavor === 'foundry' ? " (the project endpoint, https://<resource>.services.ai.azure.com/api/projects/<project>); for the simulator's Foundry face set RUNLINE_SIM_WIRE=foundry instead" : ''}.`,
    )
  }
  if (read(env, 'RUNLINE_UPSTREAM_BEARER_TOKEN')) {
    throw new ConfigError(
      'RUNLINE_UPSTREAM_BEARER_TOKEN is set but RUNLINE_UPSTREAM_URL is not (the simulator issues its own tokens).',
    )
  }
  const wire = read(env, 'RUNLINE_SIM_WIRE') ?? 'assistants'
  if (wire !== 'assistants' && wire !== 'foundry') {
    throw new ConfigError(`RUNLINE_SIM_WIRE must be 'assistants' or 'foundry', got '${wire}'.`)
  }
  if (wire === 'assistants' && read(env, 'RUNLINE_FOUNDRY_API_VERSION')) {
    throw new ConfigError(
      'RUNLINE_FOUNDRY_API_VERSION needs a Foundry upstream (RUNLINE_UPSTREAM_FLAVOR=foundry) or RUNLINE_SIM_WIRE=foundry.',
    )
  }
  return {
    kind: 'simulator',
    wire,
    ...(wire === 'foundry' ? { apiVersion: foundryApiVersion(env) } : {}),
    ...simulatorSettings(env),
  }
}

function simulatorSettings(env: Env): SimulatorSettings {
  const seed = read(env, 'RUNLINE_SIM_SEED')
  return {
    delayMs: integer(env, 'RUNLINE_SIM_DELAY_MS', 20, 0, 60_000),
    maxThreads: integer(env, 'RUNLINE_SIM_MAX_THREADS', 1_000, 1, 10_000_000),
    ...(seed ? { seed: integer(env, 'RUNLINE_SIM_SEED', 0, 0, 2 ** 31 - 1) } : {}),
  }
}

/** `RUNLINE_SIM_BACKENDS`: `1` serves the simulator's faces beside a configured upstream. */
function simBackends(env: Env, up: UpstreamConfig, notices: string[]): SimulatorSettings | null {
  const raw = read(env, 'RUNLINE_SIM_BACKENDS')
  if (raw === undefined) return null
  if (raw !== '1' && raw !== '0') throw new ConfigError(`RUNLINE_SIM_BACKENDS must be 1 or 0, got '${raw}'.`)
  if (up.kind === 'simulator') {
    if (raw === '1') return null // the simulator's faces are served anyway
    throw new ConfigError(
      'RUNLINE_SIM_BACKENDS=0 needs RUNLINE_UPSTREAM_URL: with the simulator as upstream its faces are the backends.',
    )
  }
  if (raw === '0') return null
  notices.push(
    'RUNLINE_SIM_BACKENDS=1: the simulator is served beside the upstream at /api/backends/sim-*/v1, to whoever reaches the server.',
  )
  return simulatorSettings(env)
}

function flavorOf(env: Env): (typeof FLAVORS)[number] | undefined {
  const flavor = read(env, 'RUNLINE_UPSTREAM_FLAVOR')
  if (flavor === undefined) return undefined
  const known = FLAVORS.find((name) => name === flavor)
  if (!known) {
    throw new ConfigError(`RUNLINE_UPSTREAM_FLAVOR must be 'openai', 'foundry' or 'azure', got '${flavor}'.`)
  }
  return known
}

function upstream(env: Env, notices: string[]): UpstreamConfig {
  const url = read(env, 'RUNLINE_UPSTREAM_URL')
  const flavor = flavorOf(env)
  if (!url) return simulatorUpstream(env, flavor)
  if (read(env, 'RUNLINE_SIM_WIRE')) {
    throw new ConfigError('RUNLINE_SIM_WIRE only applies to the simulator: unset it or RUNLINE_UPSTREAM_URL.')
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new ConfigError(`RUNLINE_UPSTREAM_URL must be an absolute http(s) URL, got '${url}'.`)
  }
  if (
    !/^https?:$/.test(parsed.protocol) ||
    parsed.search ||
    parsed.hash ||
    parsed.username ||
    parsed.password
  ) {
    throw new ConfigError(
      'RUNLINE_UPSTREAM_URL must be an http(s) URL without credentials, query or fragment.',
    )
  }
  if (flavor === 'foundry') return foundryUpstream(env, parsed, notices)
  const stray = FOUNDRY_ONLY.find((name) => read(env, name) !== undefined)
  if (stray) throw new ConfigError(`${stray} only applies to RUNLINE_UPSTREAM_FLAVOR=foundry.`)
  if (flavor === 'azure') notices.push(AZURE_RETIRED_NOTICE)
  const azureApiVersion = env.RUNLINE_AZURE_API_VERSION?.trim()
  if (flavor === 'azure' && !azureApiVersion) {
    throw new ConfigError('RUNLINE_AZURE_API_VERSION is required when RUNLINE_UPSTREAM_FLAVOR=azure.')
  }
  const apiKey = env.RUNLINE_UPSTREAM_API_KEY?.trim()
  return {
    kind: 'remote',
    url,
    flavor: flavor ?? 'openai',
    ...(apiKey ? { apiKey } : {}),
    ...(azureApiVersion ? { azureApiVersion } : {}),
  }
}

function threadList(env: Env, up: UpstreamConfig): boolean {
  const raw = read(env, 'RUNLINE_THREAD_LIST')
  const foundry = up.kind === 'simulator' ? up.wire === 'foundry' : up.flavor === 'foundry'
  if (raw === undefined) return up.kind === 'simulator' && foundry
  if (raw !== 'on' && raw !== 'off')
    throw new ConfigError(`RUNLINE_THREAD_LIST must be 'on' or 'off', got '${raw}'.`)
  if (raw === 'on' && !foundry) {
    throw new ConfigError(
      'RUNLINE_THREAD_LIST=on needs a Foundry upstream (RUNLINE_UPSTREAM_FLAVOR=foundry or RUNLINE_SIM_WIRE=foundry): the Assistants API has no thread list.',
    )
  }
  return raw === 'on'
}

/** One line saying where the proxy forwards to, for start-up output (no secrets, no query). */
export function describeUpstream(up: UpstreamConfig): string {
  if (up.kind === 'simulator') {
    const version = up.apiVersion ? `, api-version ${up.apiVersion}` : ''
    return `simulator, ${up.wire} face${version} (delay ${up.delayMs} ms, at most ${up.maxThreads} threads)`
  }
  if (up.flavor !== 'foundry') return `${up.url} (${up.flavor})`
  const auth =
    up.auth.kind === 'bearer-token'
      ? 'static bearer token'
      : up.auth.kind === 'client-secret'
        ? `client credentials via ${up.auth.authorityHost}`
        : 'managed identity'
  return `${up.url} (foundry, api-version ${up.apiVersion}, ${auth})`
}

/**
 * Reads and validates the server's environment variables. Throws {@link ConfigError} with a message
 * that names the variable on any bad value. Never includes a secret in a message.
 */
export function loadServerConfig(env: Env = process.env): ServerConfig {
  const notices: string[] = []
  const up = upstream(env, notices)
  const ids = list(env, 'RUNLINE_ASSISTANT_IDS')
  let assistantIds: string[] | '*'
  if (ids?.length === 1 && ids[0] === '*') assistantIds = '*'
  else if (ids) {
    const bad = ids.find((id) => !/^(?:asst_|assistant-)[A-Za-z0-9_-]+$/.test(id))
    if (bad !== undefined) throw new ConfigError(`RUNLINE_ASSISTANT_IDS: '${bad}' is not an assistant id.`)
    assistantIds = ids
  } else if (up.kind === 'simulator') assistantIds = [DEFAULT_SIM_ASSISTANT_ID]
  else {
    throw new ConfigError(
      'RUNLINE_ASSISTANT_IDS is required with RUNLINE_UPSTREAM_URL (comma-separated assistant ids, or * for any).',
    )
  }
  const host = env.HOST?.trim() || '127.0.0.1'
  return {
    port: integer(env, 'PORT', 8787, 0, 65_535),
    host,
    upstream: up,
    threadList: threadList(env, up),
    simBackends: simBackends(env, up, notices),
    notices,
    assistantIds,
    responsesAgents: responsesAgents(env, up.kind === 'simulator'),
    allowedOrigins: origins(env),
    maxBodyBytes: integer(env, 'RUNLINE_MAX_BODY_BYTES', 1024 * 1024, 1, 1024 * 1024 * 1024),
    upstreamTimeoutMs: integer(env, 'RUNLINE_UPSTREAM_TIMEOUT_MS', 60_000, 1, 3_600_000),
    upstreamIdleMs: integer(env, 'RUNLINE_UPSTREAM_IDLE_MS', 60_000, 1, 3_600_000),
    staticDir: DEFAULT_STATIC_DIR,
    log: (line) => console.log(line),
  }
}

/**
 * For entry points: the configuration from `env` (its notices printed to stderr), or a one-line message
 * naming `program` and exit 1 when a value is bad (nothing is started).
 */
export function loadServerConfigOrExit(env: Env, program: string): ServerConfig {
  try {
    const config = loadServerConfig(env)
    for (const notice of config.notices) console.warn(`${program}: notice: ${notice}`)
    return config
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${program}: invalid configuration: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
}
