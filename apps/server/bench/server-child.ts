/**
 * The benchmarks' server process: apps/server exactly as `pnpm serve` builds it (proxy + simulator,
 * configured from the environment), plus a tap on the proxy's upstream fetch that counts the SSE events
 * the simulator emits, per stream tag (a createAndRun's `metadata.bench`). The parent talks to it over
 * IPC: it sends `{ port }` once listening and answers `'stats'` / `'stats:gc'` (after a full GC, when
 * started with `--expose-gc`) with {@link ChildStats}; `'stop'` closes it.
 */
import { readdirSync } from 'node:fs'
import { startServer } from '../src/app.js'
import { loadServerConfig } from '../src/config.js'

/** What the server process reports about itself. */
export interface ChildStats {
  upstreamEvents: number
  upstreamStreams: number
  /** Upstream events per `metadata.bench` tag of the request that opened the stream (`''` untagged). */
  eventsByTag: Record<string, number>
  maxRssKiB: number
  rssBytes: number
  heapUsedBytes: number
  /** Memory outside the JS heap held by JS objects (buffers, streams' chunks). */
  externalBytes: number
  /** Entries of /proc/self/fd (sockets, files, pipes); `null` where there is no /proc. */
  openFds: number | null
}

let upstreamEvents = 0
let upstreamStreams = 0
const eventsByTag: Record<string, number> = {}

/** Counts `event:` lines in a byte stream without holding it back (chunks are passed on as they come). */
function countEvents(body: ReadableStream<Uint8Array>, tag: string): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder()
  // "\nevent:" is 7 chars; a 6-char carry finds matches split across chunks without counting any twice.
  let carry = '\n'
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const text = carry + decoder.decode(chunk, { stream: true })
        const count = text.split('\nevent:').length - 1
        upstreamEvents += count
        eventsByTag[tag] = (eventsByTag[tag] ?? 0) + count
        carry = text.slice(-6)
        controller.enqueue(chunk)
      },
    }),
  )
}

function tagOf(body: unknown): string {
  if (typeof body !== 'string') return ''
  try {
    const tag = (JSON.parse(body) as { metadata?: { bench?: unknown } }).metadata?.bench
    return typeof tag === 'string' ? tag : ''
  } catch {
    return ''
  }
}

function openFds(): number | null {
  try {
    return readdirSync('/proc/self/fd').length
  } catch {
    return null
  }
}

function stats(): ChildStats {
  const memory = process.memoryUsage()
  return {
    upstreamEvents,
    upstreamStreams,
    eventsByTag: { ...eventsByTag },
    maxRssKiB: process.resourceUsage().maxRSS,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    externalBytes: memory.external,
    openFds: openFds(),
  }
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
    return new Response(countEvents(response.body, tagOf(init?.body)), {
      status: response.status,
      headers: response.headers,
    })
  },
})
process.send?.({ port: server.port })
process.on('message', (message) => {
  if (message === 'stats' || message === 'stats:gc') {
    if (message === 'stats:gc') globalThis.gc?.()
    process.send?.(stats())
  } else if (message === 'stop') {
    void server.close().then(() => process.exit(0))
  }
})
