/**
 * The benchmark's server process: apps/server exactly as `pnpm serve` builds it (proxy + simulator),
 * plus a tap on the proxy's upstream fetch that counts the SSE events the simulator emits. The parent
 * talks to it over IPC: it sends `{ port }` once listening, and answers `'stats'` with the counts and
 * this process's peak RSS.
 */

import { startServer } from '../src/app.js'
import { loadServerConfig } from '../src/config.js'

let upstreamEvents = 0
let upstreamStreams = 0

/** Counts `event:` lines in a byte stream without holding it back (chunks are passed on as they come). */
function countEvents(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder()
  // "\nevent:" is 7 chars; a 6-char carry finds matches split across chunks without counting any twice.
  let carry = '\n'
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const text = carry + decoder.decode(chunk, { stream: true })
        upstreamEvents += text.split('\nevent:').length - 1
        carry = text.slice(-6)
        controller.enqueue(chunk)
      },
    }),
  )
}

const config = loadServerConfig({ ...process.env, PORT: '0' })
const server = await startServer({
  ...config,
  log: null,
  staticDir: null,
  wrapUpstreamFetch: (upstreamFetch) => async (input, init) => {
    const response = await upstreamFetch(input, init)
    if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream'))
      return response
    upstreamStreams++
    return new Response(countEvents(response.body), { status: response.status, headers: response.headers })
  },
})
process.send?.({ port: server.port })
process.on('message', (message) => {
  if (message === 'stats') {
    process.send?.({ upstreamEvents, upstreamStreams, maxRssKiB: process.resourceUsage().maxRSS })
  } else if (message === 'stop') {
    void server.close().then(() => process.exit(0))
  }
})
