// The backends the browser may pick from: the configured upstream at `/api/v1`, and every face of the one
// in-process simulator at a mount of its own (`/api/backends/<id>/v1`), each behind the same proxy posture.
import {
  createRunlineProxy,
  errorResponse,
  type ProxyOperation,
  type RunlineProxyHandler,
  type RunlineProxyOptions,
  type UpstreamOptions,
} from '@runline/proxy'
import type { Simulator } from '@runline/simulator'
import { DEFAULT_SIM_ASSISTANT_ID, type ServerConfig } from './config.js'
import { DEFAULT_SIM_RESPONSES_MODEL } from './responses-config.js'
import { simulatorUpstream } from './upstream.js'

/** Where the simulator's faces are mounted as backends: `/api/backends/<id>/v1`. */
export const BACKENDS_BASE_PATH = '/api/backends'
/** Where the server says what it forwards to (for the demo's backend switch). */
export const RUNLINE_CONFIG_PATH = '/api/runline-config'

/** A backend's id: the configured upstream, or one face of the simulator. */
export type BackendId = 'configured' | 'sim-assistants' | 'sim-foundry' | 'sim-responses'

/** One backend as `GET /api/runline-config` lists it: no URL of an upstream, no secret. */
export interface BackendInfo {
  id: BackendId
  /** For people: "Simulator (Foundry)", "Foundry project", … */
  label: string
  /** The protocol the browser speaks at `apiBase`. */
  wire: 'assistants' | 'foundry' | 'responses'
  /** The proxy's base path for this backend (the browser client's `baseUrl`). */
  apiBase: string
  /** Whether `GET <apiBase>/threads` lists threads (Foundry). */
  threadList: boolean
  /** The Responses wire: the agent profile to send as `model`. */
  model?: string
}

/** `GET /api/runline-config`: what the proxies forward to, without URLs, hosts or credentials. */
export interface RunlineConfigInfo {
  /** `simulator`: `/api/v1` goes to the in-process simulator; `upstream`: to a configured server. */
  backend: 'simulator' | 'upstream'
  /** The protocol behind `/api/v1`: Assistants (OpenAI's) or Foundry classic agents (the same plus approvals). */
  wire: 'assistants' | 'foundry'
  /** The `/api/v1` proxy's flavor (`azure`: Azure OpenAI's Assistants API, shut down 2026-08-26). */
  flavor: 'openai' | 'azure' | 'foundry'
  /** Whether `GET /api/v1/threads` lists threads. */
  threadList: boolean
  /** Assistants runs may be created for at `/api/v1` (`*`: any). */
  assistantIds: string[] | '*'
  /** The `/api/v1` proxy's base path. */
  apiBase: string
  /** Every backend the browser may pick, in the order a switch shows them. */
  backends: BackendInfo[]
  /** The backend to open with. */
  defaultBackend: BackendId
}

/** A backend with its own proxy mount. */
export interface BackendMount {
  info: BackendInfo
  proxy: RunlineProxyHandler
}

/** What every proxy of the server shares: limits, CORS, timeouts and the upstream fetch's wrapper. */
export function proxyWith(
  config: ServerConfig,
  upstream: UpstreamOptions,
  options: Omit<RunlineProxyOptions, 'upstream' | 'allowedOrigins' | 'maxBodyBytes' | 'timeoutMs'>,
): RunlineProxyHandler {
  const baseFetch: typeof fetch = upstream.fetch ?? ((input, init) => fetch(input, init))
  return createRunlineProxy({
    ...options,
    upstream: {
      ...upstream,
      fetch: config.wrapUpstreamFetch ? config.wrapUpstreamFetch(baseFetch) : baseFetch,
      idleTimeoutMs: config.upstreamIdleMs,
    },
    allowedOrigins: config.allowedOrigins,
    maxBodyBytes: config.maxBodyBytes,
    timeoutMs: config.upstreamTimeoutMs,
  })
}

/** The API base of a backend mount. */
export const backendApiBase = (id: BackendId): string => `${BACKENDS_BASE_PATH}/${id}/v1`

const isResponsesWire = (operation: ProxyOperation) =>
  operation.startsWith('responses.') ||
  operation.startsWith('conversations.') ||
  operation === 'files.content'

/**
 * The simulator's faces as backends over `simulator`, the one instance the raw `/sim/...` mounts and
 * `/api/v1` (when the simulator is the upstream) use too. With the simulator as upstream they keep
 * `/api/v1`'s allowlists; beside a configured upstream, the simulator's own (`asst_runline_demo`,
 * `runline-sim`). Each mount forwards only its wire's operations.
 */
export function simulatorBackends(config: ServerConfig, simulator: Simulator): BackendMount[] {
  const up = config.upstream
  const own = up.kind === 'simulator'
  const assistantIds = own ? config.assistantIds : [DEFAULT_SIM_ASSISTANT_ID]
  const agents = own
    ? config.responsesAgents
    : { [DEFAULT_SIM_RESPONSES_MODEL]: { model: DEFAULT_SIM_RESPONSES_MODEL } }
  const apiVersion = own && up.wire === 'foundry' ? up.apiVersion : undefined
  const mount = (info: BackendInfo, upstream: UpstreamOptions, options: Partial<RunlineProxyOptions>) => ({
    info,
    proxy: proxyWith(config, upstream, { basePath: info.apiBase, assistantIds, ...options }),
  })
  const model = Object.keys(agents)[0]
  return [
    mount(
      sim('sim-assistants', 'Simulator (Assistants)', 'assistants', false),
      simulatorUpstream(simulator, 'openai'),
      {},
    ),
    // The simulator's threads are demo data: its Foundry face always lists them.
    mount(
      sim('sim-foundry', 'Simulator (Foundry)', 'foundry', true),
      simulatorUpstream(simulator, 'foundry', apiVersion),
      { allowThreadList: true },
    ),
    mount(
      { ...sim('sim-responses', 'Simulator (Responses)', 'responses', false), ...(model ? { model } : {}) },
      simulatorUpstream(simulator, 'openai'),
      {
        agents,
        // Threads and runs belong to the other faces; this one speaks the Responses wire only.
        authorize: (_request, { operation }) =>
          isResponsesWire(operation) ||
          errorResponse(404, 'This backend speaks the Responses wire (/responses, /conversations).', {
            code: 'unknown_url',
          }),
      },
    ),
  ]
}

function sim(id: BackendId, label: string, wire: BackendInfo['wire'], threadList: boolean): BackendInfo {
  return { id, label, wire, apiBase: backendApiBase(id), threadList }
}

/** The configured upstream (at `/api/v1`) as a backend. */
export function configuredBackend(config: ServerConfig, apiBase: string): BackendInfo | null {
  const up = config.upstream
  if (up.kind === 'simulator') return null
  const label =
    up.flavor === 'foundry'
      ? 'Foundry project'
      : up.flavor === 'azure'
        ? 'Azure OpenAI Assistants (retired)'
        : 'Assistants-compatible server'
  const wire = up.flavor === 'foundry' ? 'foundry' : 'assistants'
  return { id: 'configured', label, wire, apiBase, threadList: config.threadList }
}

/** The body of `GET /api/runline-config`. */
export function runlineConfigInfo(
  config: ServerConfig,
  apiBase: string,
  backends: BackendInfo[],
): RunlineConfigInfo {
  const up = config.upstream
  const flavor = up.kind === 'simulator' ? (up.wire === 'foundry' ? 'foundry' : 'openai') : up.flavor
  const defaultBackend: BackendId =
    up.kind !== 'simulator' ? 'configured' : up.wire === 'foundry' ? 'sim-foundry' : 'sim-assistants'
  return {
    backend: up.kind === 'simulator' ? 'simulator' : 'upstream',
    wire: flavor === 'foundry' ? 'foundry' : 'assistants',
    flavor,
    threadList: config.threadList,
    assistantIds: config.assistantIds,
    apiBase,
    backends,
    defaultBackend,
  }
}
