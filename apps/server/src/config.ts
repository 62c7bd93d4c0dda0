import { fileURLToPath } from 'node:url'

/** Where the proxy sends requests: the in-process simulator, or a real Assistants-compatible API. */
export type UpstreamConfig =
  | { kind: 'simulator'; delayMs: number; seed?: number; maxThreads: number }
  | { kind: 'remote'; url: string; apiKey?: string; flavor: 'openai' | 'azure'; azureApiVersion?: string }

/** Everything the server needs; build it with {@link loadServerConfig} and override fields in tests. */
export interface ServerConfig {
  /** 0 picks an ephemeral port. */
  port: number
  host: string
  upstream: UpstreamConfig
  assistantIds: string[] | '*'
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

/** A bad environment value; `main.ts` prints the message and exits 1. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** The assistant the simulator is seeded with (kept equal to the simulator's `DEMO_ASSISTANT_ID`). */
export const DEFAULT_SIM_ASSISTANT_ID = 'asst_runline_demo'

const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../demo/dist', import.meta.url))

type Env = Record<string, string | undefined>

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

function upstream(env: Env): UpstreamConfig {
  const url = env.RUNLINE_UPSTREAM_URL?.trim()
  if (!url) {
    const seed = env.RUNLINE_SIM_SEED?.trim()
    return {
      kind: 'simulator',
      delayMs: integer(env, 'RUNLINE_SIM_DELAY_MS', 20, 0, 60_000),
      maxThreads: integer(env, 'RUNLINE_SIM_MAX_THREADS', 1_000, 1, 10_000_000),
      ...(seed ? { seed: integer(env, 'RUNLINE_SIM_SEED', 0, 0, 2 ** 31 - 1) } : {}),
    }
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
  const flavor = env.RUNLINE_UPSTREAM_FLAVOR?.trim() || 'openai'
  if (flavor !== 'openai' && flavor !== 'azure') {
    throw new ConfigError(`RUNLINE_UPSTREAM_FLAVOR must be 'openai' or 'azure', got '${flavor}'.`)
  }
  const azureApiVersion = env.RUNLINE_AZURE_API_VERSION?.trim()
  if (flavor === 'azure' && !azureApiVersion) {
    throw new ConfigError('RUNLINE_AZURE_API_VERSION is required when RUNLINE_UPSTREAM_FLAVOR=azure.')
  }
  const apiKey = env.RUNLINE_UPSTREAM_API_KEY?.trim()
  return {
    kind: 'remote',
    url,
    flavor,
    ...(apiKey ? { apiKey } : {}),
    ...(azureApiVersion ? { azureApiVersion } : {}),
  }
}

/**
 * Reads and validates the server's environment variables. Throws {@link ConfigError} with a message
 * that names the variable on any bad value. Never includes a secret in a message.
 */
export function loadServerConfig(env: Env = process.env): ServerConfig {
  const up = upstream(env)
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
    assistantIds,
    allowedOrigins: origins(env),
    maxBodyBytes: integer(env, 'RUNLINE_MAX_BODY_BYTES', 1024 * 1024, 1, 1024 * 1024 * 1024),
    upstreamTimeoutMs: integer(env, 'RUNLINE_UPSTREAM_TIMEOUT_MS', 60_000, 1, 3_600_000),
    upstreamIdleMs: integer(env, 'RUNLINE_UPSTREAM_IDLE_MS', 60_000, 1, 3_600_000),
    staticDir: DEFAULT_STATIC_DIR,
    log: (line) => console.log(line),
  }
}

/**
 * For entry points: the configuration from `env`, or a one-line message naming `program` and exit 1
 * when a value is bad (nothing is started).
 */
export function loadServerConfigOrExit(env: Env, program: string): ServerConfig {
  try {
    return loadServerConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${program}: invalid configuration: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
}
