import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { createRunlineProxy } from '@runline/proxy'
import { RESPONSES_MODEL } from './faces/responses-shapes.js'
import { createSimulator } from './simulator.js'
import { DEMO_ASSISTANT_ID } from './wire.js'

/** Where the proxy is mounted: point your app's `createRunlineClient({ baseUrl: '/api/v1' })` here. */
export const PROXY_PATH = '/api/v1'
/** Where the raw simulator is mounted (OpenAI's paths; what the proxy forwards to). */
export const SIMULATOR_PATH = '/sim/v1'

export interface SimulatorServerOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Pause between streamed deltas in ms (default 20). */
  delayMs?: number
  seed?: number
}

export interface SimulatorServer {
  /** `http://host:port` with the real port. */
  url: string
  close(): Promise<void>
}

/**
 * The offline backend for an app of your own (`npx runline-simulator`): the simulator behind
 * `@runline/proxy` at `/api/v1` (same allowlist and run policy as production), the raw simulator at
 * `/sim/v1`, `GET /healthz`. Node only; the simulator itself stays web-standard.
 */
export async function startSimulatorServer(options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const host = options.host ?? '127.0.0.1'
  const simulator = createSimulator({
    basePath: SIMULATOR_PATH,
    delayMs: options.delayMs ?? 20,
    seed: options.seed ?? Date.now() % 2 ** 31,
  })
  const proxy = createRunlineProxy({
    // Never dialled: the proxy reaches the in-process simulator through its fetch.
    upstream: { url: `http://simulator.invalid${SIMULATOR_PATH}`, fetch: simulator.fetchLike },
    basePath: PROXY_PATH,
    assistantIds: [DEMO_ASSISTANT_ID],
    // The Responses wire: the browser names the model `runline-sim`, the simulator's own agent.
    agents: { [RESPONSES_MODEL]: { model: RESPONSES_MODEL } },
  })
  const handle = (request: Request): Promise<Response> | Response => {
    const path = new URL(request.url).pathname
    if (path === '/healthz') return Response.json({ status: 'ok' })
    if (path === PROXY_PATH || path.startsWith(`${PROXY_PATH}/`)) return proxy(request)
    if (path === SIMULATOR_PATH || path.startsWith(`${SIMULATOR_PATH}/`)) return simulator.fetch(request)
    return Response.json(
      { error: { message: `Unknown path ${path}.`, type: 'invalid_request_error' } },
      { status: 404 },
    )
  }
  const server = createServer((req, res) => {
    void respond(req, res, handle).catch(() => res.destroy())
  })
  server.listen(options.port ?? 8787, host)
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections() // open streams would hold close() forever
        server.close(() => resolve())
      }),
  }
}

/** node:http → web Request → handler → web Response → node:http, streaming both ways. */
async function respond(
  req: IncomingMessage,
  res: ServerResponse,
  handle: (request: Request) => Promise<Response> | Response,
): Promise<void> {
  const abort = new AbortController()
  res.once('close', () => abort.abort()) // the client left: stop the upstream stream too
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    signal: abort.signal,
    ...(hasBody ? { duplex: 'half' } : {}),
  } as RequestInit)
  const response = await handle(request)
  res.writeHead(response.status, Object.fromEntries(response.headers))
  if (!response.body || req.method === 'HEAD') return void res.end()
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (!res.write(chunk)) await once(res, 'drain')
  }
  res.end()
}
