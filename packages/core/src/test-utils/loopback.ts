// A real node:http server on 127.0.0.1 for wire-exact client tests: it records every request and
// answers with the test's handler. Call `closeServers` after each test.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as the server saw it. */
export interface SeenRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
  /** Resolves when the client closes the connection before the response finished. */
  aborted: Promise<void>
  at: number
}

/** Answers one request. */
export type Handler = (request: SeenRequest, response: ServerResponse) => void | Promise<void>

/** A listening server and what it saw. */
export interface TestServer {
  baseUrl: string
  origin: string
  requests: SeenRequest[]
  close(): Promise<void>
}

const servers: TestServer[] = []

/** Starts a server on a free port; `baseUrl` is its `/api/v1`. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: SeenRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    const aborted = new Promise<void>((resolve) => {
      res.on('close', () => {
        if (!res.writableFinished) resolve()
      })
    })
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        aborted,
        at: performance.now(),
      }
      requests.push(seen)
      void handler(seen, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  const handle: TestServer = {
    origin,
    baseUrl: `${origin}/api/v1`,
    requests,
    // Idempotent: a test may close its server early; `closeServers` closes it again.
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        if (server.listening) server.close(() => resolve())
        else resolve()
      }),
  }
  servers.push(handle)
  return handle
}

/** Closes every server started since the last call (an `afterEach`). */
export async function closeServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => server.close()))
}

/** Answers with a JSON body. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}
