import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What reached the fake upstream. */
export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

/** Answers one recorded request; `req`/`res` are live, so a handler can stream, stall or hang up. */
export type FakeUpstreamHandler = (
  recorded: RecordedRequest,
  res: ServerResponse,
  req: IncomingMessage,
) => void | Promise<void>

/** A real HTTP server on 127.0.0.1 that records every request that reaches it. */
export interface FakeUpstream {
  url: string
  requests: RecordedRequest[]
  close(): Promise<void>
}

const jsonOk: FakeUpstreamHandler = (recorded, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_fake' })
  res.end(JSON.stringify({ ok: true, method: recorded.method, url: recorded.url }))
}

/** Starts the fake upstream on an ephemeral loopback port. `url` ends in `/v1`. */
export async function startFakeUpstream(handler: FakeUpstreamHandler = jsonOk): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(recorded)
      void handler(recorded, res, req)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
