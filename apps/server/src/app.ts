import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener, type HttpBindings, RequestError } from '@hono/node-server'
import { errorResponse, findPathTrick, type RunlineProxyHandler } from '@runline/proxy'
import { createSimulator } from '@runline/simulator'
import {
  BACKENDS_BASE_PATH,
  type BackendMount,
  configuredBackend,
  proxyWith,
  RUNLINE_CONFIG_PATH,
  runlineConfigInfo,
  simulatorBackends,
} from './backends.js'
import type { ServerConfig } from './config.js'
import { simulatorToken } from './credential.js'
import { serveStatic } from './static.js'
import { SIMULATOR_BASE_PATH, SIMULATOR_FOUNDRY_BASE_PATH, upstreamOptions } from './upstream.js'

/** Where the proxy is mounted (the official SDK's `baseURL` is `http://host:port/api/v1`). */
export const PROXY_BASE_PATH = '/api/v1'

/** The server's request handler, independent of any socket. */
export interface ServerApp {
  /**
   * Answers one request. `rawTarget` is the request target exactly as received (Node's `incoming.url`),
   * checked for path tricks that `new URL()` would already have normalised away.
   */
  fetch(request: Request, rawTarget?: string): Promise<Response>
  /** The proxy handler mounted at {@link PROXY_BASE_PATH}. */
  proxy: RunlineProxyHandler
  /** The simulator's faces as backends, each with its proxy (empty when there are none). */
  backends: BackendMount[]
}

const isUnder = (path: string, base: string) => path === base || path.startsWith(`${base}/`)

/**
 * Builds the app: health check, the proxy at `/api/v1`, the simulator's faces as backends, the raw
 * simulator when it is the upstream, and the demo's static files.
 */
export function createServerApp(config: ServerConfig): ServerApp {
  const rawSimulator = config.upstream.kind === 'simulator'
  // One simulator for everything: `/api/v1`, the raw mounts and every backend see the same state.
  const settings = config.upstream.kind === 'simulator' ? config.upstream : config.simBackends
  const simulator = settings
    ? createSimulator({
        basePath: SIMULATOR_BASE_PATH,
        foundry: { basePath: SIMULATOR_FOUNDRY_BASE_PATH, token: simulatorToken() },
        delayMs: settings.delayMs,
        maxThreads: settings.maxThreads,
        // Without RUNLINE_SIM_SEED every start gets fresh ids: threads live in memory, and a browser
        // that kept an id from the last start must get a 404, not somebody else's new thread.
        seed: settings.seed ?? Date.now() % 2 ** 31,
      })
    : null
  const proxy = proxyWith(config, upstreamOptions(config.upstream, simulator, config.log), {
    basePath: PROXY_BASE_PATH,
    allowThreadList: config.threadList,
    assistantIds: config.assistantIds,
    agents: config.responsesAgents,
  })
  const backends = simulator ? simulatorBackends(config, simulator) : []
  const configured = configuredBackend(config, PROXY_BASE_PATH)
  const configInfo = runlineConfigInfo(config, PROXY_BASE_PATH, [
    ...(configured ? [configured] : []),
    ...backends.map((mount) => mount.info),
  ])

  async function handle(request: Request, rawTarget?: string): Promise<Response> {
    const url = new URL(request.url)
    const trick = findPathTrick(rawTarget ?? `${url.pathname}${url.search}`)
    if (trick) return errorResponse(400, `Invalid request path (${trick}).`, { code: 'invalid_path' })
    const path = url.pathname
    if (path === '/healthz') {
      return request.method === 'GET' || request.method === 'HEAD'
        ? new Response(request.method === 'HEAD' ? null : '{"status":"ok"}', {
            headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          })
        : errorResponse(405, 'Use GET.', { code: 'method_not_allowed', headers: { allow: 'GET, HEAD' } })
    }
    if (isUnder(path, PROXY_BASE_PATH)) return proxy(request)
    if (isUnder(path, BACKENDS_BASE_PATH)) {
      const mount = backends.find((candidate) => isUnder(path, candidate.info.apiBase))
      if (mount) return mount.proxy(request)
      return errorResponse(404, `Unknown backend: ${path}.`, { code: 'unknown_url' })
    }
    if (path === RUNLINE_CONFIG_PATH) {
      return request.method === 'GET'
        ? Response.json(configInfo, { headers: { 'cache-control': 'no-store' } })
        : errorResponse(405, 'Use GET.', { code: 'method_not_allowed', headers: { allow: 'GET' } })
    }
    if (isUnder(path, SIMULATOR_FOUNDRY_BASE_PATH)) {
      if (simulator && rawSimulator) return simulator.foundry.fetch(request)
      return errorResponse(404, 'The raw simulator is only mounted when it is the upstream.', {
        code: 'unknown_url',
      })
    }
    if (isUnder(path, SIMULATOR_BASE_PATH)) {
      if (simulator && rawSimulator) return simulator.fetch(request)
      return errorResponse(404, 'The raw simulator is only mounted when it is the upstream.', {
        code: 'unknown_url',
      })
    }
    if (isUnder(path, '/api') || isUnder(path, '/sim')) {
      return errorResponse(404, `Unknown request URL: ${path}.`, { code: 'unknown_url' })
    }
    if (config.staticDir && (request.method === 'GET' || request.method === 'HEAD')) {
      const file = await serveStatic(config.staticDir, path, request.method)
      if (file) return file
    }
    return errorResponse(404, `Unknown request URL: ${path}.`, { code: 'unknown_url' })
  }

  return { fetch: handle, proxy, backends }
}

/** A listening server. */
export interface RunningServer {
  app: ServerApp
  /** `http://host:port`, with the actual port when 0 was asked for. */
  url: string
  port: number
  close(): Promise<void>
}

/** Starts the app on `config.host:config.port`; resolves once listening, rejects on listen errors. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const app = createServerApp(config)
  const listener = getRequestListener(
    (request, bindings) => {
      // Plain HTTP/1.1 server, so the bindings are always the node:http pair.
      const env = bindings as HttpBindings
      const started = performance.now()
      const rawTarget = env.incoming.url ?? '/'
      const log = config.log
      return app.fetch(request, rawTarget).then((response) => {
        if (log) {
          // Logged when the last byte went out (or the client left), so streams report their full duration.
          env.outgoing.once('close', () => {
            const path = rawTarget.split('?')[0]
            const ms = (performance.now() - started).toFixed(1)
            const aborted = env.outgoing.writableFinished ? '' : ' (client closed)'
            log(`${request.method} ${path} ${response.status} ${ms}ms${aborted}`)
          })
        }
        return response
      })
    },
    {
      hostname: config.host,
      // Keep the runtime's own Request/Response globals: the proxy and the simulator are web-standard code.
      overrideGlobalObjects: false,
      // Targets the adapter cannot turn into a Request (e.g. a backslash in the path) get our JSON 400;
      // anything else that escapes the handler is our bug, not the client's: a 500 that says so.
      errorHandler: (error) => {
        if (error instanceof RequestError) {
          config.log?.('- (unparsable request target) 400')
          return errorResponse(400, 'Invalid request target.', { code: 'invalid_path' })
        }
        config.log?.(`- (handler failed: ${error instanceof Error ? error.name : 'error'}) 500`)
        return errorResponse(500, 'The server had an error while processing your request.', {
          code: 'internal_error',
        })
      },
    },
  )
  const server = createServer(listener)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  return {
    app,
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // Open SSE streams would keep close() waiting forever.
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
