// The backend of `thread.bench.tsx`: the simulator in this process, the bench page's files, and a
// pacer in front of the measured run stream, all behind one HTTP server on 127.0.0.1.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRunlineClient } from '@runline/core'
import { createSimulator } from '@runline/simulator'

const ASSISTANT = 'asst_runline_demo'
/** What the earlier answers are about: markdown with a code block, and code-interpreter calls. */
const HISTORY_PROMPTS = ['Tell me about streaming runs', 'Calculate the mean of 12, 7, 30 and 5 with code']

/** A file the server answers with: content type and text. */
export type BenchFiles = Record<string, [contentType: string, text: string]>

/** The measured stream, held before its first delta and after its last one, paced in between. */
export interface Pacer {
  /** The first delta is held (the run started; the page is drawing what came before it). */
  held: Promise<void>
  /** Lets the deltas go, one every `paceMs`. */
  release(): void
  /** Every delta went out; resolves with how many. */
  sent: Promise<number>
  /** Lets the rest of the stream go (the message and run ending). */
  finish(): void
}

function deferred<T = void>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function createPacer(paceMs: number) {
  const held = deferred()
  const release = deferred()
  const sent = deferred<number>()
  const finish = deferred()
  const pipe = async (body: ReadableStream<Uint8Array>, res: ServerResponse) => {
    const decoder = new TextDecoder()
    const reader = body.getReader()
    let buffer = ''
    let deltas = 0
    let phase: 'before' | 'deltas' | 'after' = 'before'
    let next = 0
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      buffer += decoder.decode(read.value, { stream: true })
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end + 2)
        buffer = buffer.slice(end + 2)
        const isDelta = block.startsWith('event: thread.message.delta\n')
        if (phase === 'before' && isDelta) {
          held.resolve()
          await release.promise
          phase = 'deltas'
          next = performance.now()
        } else if (phase === 'deltas' && !isDelta) {
          sent.resolve(deltas)
          await finish.promise
          phase = 'after'
        }
        if (phase === 'deltas') {
          // On a fixed schedule, so timer lateness does not add up.
          next += paceMs
          const wait = next - performance.now()
          if (wait > 0) await sleep(wait)
          deltas++
        }
        res.write(block)
      }
    }
    if (buffer) res.write(buffer)
  }
  const pacer: Pacer = {
    held: held.promise,
    release: () => release.resolve(),
    sent: sent.promise,
    finish: () => finish.resolve(),
  }
  return { pacer, pipe }
}

/** The bench's backend; nothing listens until `listen`. */
export function createBenchBackend({ paceMs, files }: { paceMs: number; files: BenchFiles }) {
  const sim = createSimulator({ delayMs: 0, seed: 7 })
  const client = createRunlineClient({ baseUrl: 'http://bench.local/v1', fetch: sim.fetchLike })
  let armed: ReturnType<typeof createPacer> | null = null
  let inFlight = 0
  let lastActivity = performance.now()

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0]!
    const file = files[path]
    if (file) {
      res.writeHead(200, { 'content-type': file[0] })
      return void res.end(file[1])
    }
    if (!path.startsWith('/v1/')) return void res.writeHead(404).end()
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const response = await sim.fetch(
      new Request(`http://bench.local${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      }),
    )
    res.writeHead(response.status, Object.fromEntries(response.headers))
    res.socket?.setNoDelay(true)
    const stream = response.headers.get('content-type')?.includes('text/event-stream')
    if (armed && stream && response.body) {
      const { pipe } = armed
      armed = null
      // The held stream is not the page's traffic that `quiet` waits out.
      inFlight--
      await pipe(response.body, res).finally(() => inFlight++)
      return void res.end()
    }
    res.end(Buffer.from(await response.arrayBuffer()))
  }

  const server = createServer((req, res) => {
    inFlight++
    lastActivity = performance.now()
    handle(req, res)
      .catch((error: unknown) => {
        console.error(error)
        if (!res.headersSent) res.writeHead(500)
        res.end()
      })
      .finally(() => {
        inFlight--
        lastActivity = performance.now()
      })
  })

  return {
    /** A thread with `messages` earlier messages: questions and their streamed answers. */
    async seedThread(messages: number): Promise<string> {
      const thread = await client.threads.create()
      for (let i = 0; i < messages / 2; i++) {
        await client.messages.create(thread.id, { role: 'user', content: HISTORY_PROMPTS[i % 2]! })
        const run = await client.runs.stream(thread.id, { assistant_id: ASSISTANT })
        await run.forEach(() => {})
      }
      return thread.id
    },
    /** The next event stream the page opens goes through this pacer. */
    armPacer(): Pacer {
      armed = createPacer(paceMs)
      return armed.pacer
    },
    /** Resolves once no request (other than the held stream) has been open for `ms`. */
    async quiet(ms: number): Promise<void> {
      while (inFlight > 0 || performance.now() - lastActivity < ms) await sleep(25)
    },
    /** Starts the server on an ephemeral loopback port. */
    async listen(): Promise<{ origin: string; close(): void }> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      return {
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => server.close(),
      }
    },
  }
}

/** What `createBenchBackend` returns. */
export type BenchBackend = ReturnType<typeof createBenchBackend>
