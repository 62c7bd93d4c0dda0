/** A TLS server on loopback in front of a web-standard handler (the SDK's bearer policy wants https). */
import { once } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { selfSignedCertificate } from './self-signed.js'

/** A listening front: its origin, the certificate a client must trust, and how to close it. */
export interface HttpsFront {
  origin: string
  /** PEM of the self-signed certificate (give it to the client as its trusted CA). */
  ca: string
  close(): Promise<void>
}

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of incoming) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers))
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value)
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined
  return new Request(new URL(incoming.url ?? '/', origin), { method: incoming.method, headers, body })
}

async function send(response: Response, outgoing: ServerResponse): Promise<void> {
  outgoing.writeHead(response.status, Object.fromEntries(response.headers))
  if (response.body) {
    const reader = response.body.getReader()
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      outgoing.write(chunk.value)
  }
  outgoing.end()
}

/** Serves `handle` over https on 127.0.0.1 (a free port) with a certificate made now. */
export async function startHttpsFront(handle: (request: Request) => Promise<Response>): Promise<HttpsFront> {
  const { key, cert } = selfSignedCertificate()
  let origin = ''
  const server = createServer({ key, cert }, (incoming, outgoing) => {
    toRequest(incoming, origin)
      .then(handle)
      .then((response) => send(response, outgoing))
      .catch((error: unknown) => {
        outgoing.destroy(error instanceof Error ? error : new Error(String(error)))
      })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    ca: cert,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
