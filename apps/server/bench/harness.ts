/**
 * What the server benchmarks share: a server process to measure (bench/server-child.ts), one streaming
 * run as a client sees it, and table printing. Loopback only.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { setMaxListeners } from 'node:events'
import { fileURLToPath } from 'node:url'
import { createParser } from 'eventsource-parser'
import type { ChildStats } from './server-child.js'

export type { ChildStats }

const childEntry = fileURLToPath(new URL('./server-child.ts', import.meta.url))

/** A running server process. */
export interface ServerChild {
  port: number
  /** Its own report; `gc` first runs a full garbage collection, so heap and RSS say what is live. */
  stats(gc?: boolean): Promise<ChildStats>
  stop(): Promise<void>
}

/** Starts apps/server (proxy + simulator) in a child process configured by `env`; resolves when listening. */
export async function startServerChild(env: Record<string, string>): Promise<ServerChild> {
  const child: ChildProcess = fork(childEntry, [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port))
    child.once('exit', (code) => reject(new Error(`server exited early with code ${code}`)))
  })
  return {
    port,
    stats: (gc = false) =>
      new Promise((resolve) => {
        child.once('message', (message: ChildStats) => resolve(message))
        child.send(gc ? 'stats:gc' : 'stats')
      }),
    stop: async () => {
      child.send('stop')
      await new Promise((resolve) => child.once('exit', resolve))
    },
  }
}

/** How a client treats its stream. */
export type ClientMode = 'read' | 'abort' | 'never-read'

/** What one client saw of its run. */
export interface RunResult {
  events: number
  done: boolean
  firstEventMs: number | null
  threadId: string | null
  error: string | null
}

/** One streaming createAndRun (`thread.messages[0]` = `message`), tagged `metadata.bench = tag`. */
export interface StreamRunOptions {
  message: string
  tag?: string
  signal: AbortSignal
  /** `abort`: leave after `abortAfterEvents` events; `never-read`: take the head, never read the body. */
  mode?: ClientMode
  abortAfterEvents?: number
}

/**
 * Streams one run through the proxy and counts its SSE events. A `never-read` client resolves once the
 * head is there, without reading; the caller's `signal` later closes it.
 */
export async function streamRun(port: number, options: StreamRunOptions): Promise<RunResult> {
  const started = performance.now()
  const result: RunResult = { events: 0, done: false, firstEventMs: null, threadId: null, error: null }
  const { signal, leave, left, dispose } = linkedSignal(options.signal)
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/threads/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        assistant_id: 'asst_runline_demo',
        stream: true,
        thread: { messages: [{ role: 'user', content: options.message }] },
        ...(options.tag ? { metadata: { bench: options.tag } } : {}),
      }),
      signal,
    })
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`)
    if (options.mode === 'never-read') return result
    const parser = createParser({
      onEvent: (event) => {
        if (result.firstEventMs === null) result.firstEventMs = performance.now() - started
        result.events++
        if (event.event === 'thread.created') result.threadId = (JSON.parse(event.data) as { id: string }).id
        if (event.event === 'done') result.done = true
      },
    })
    const decoder = new TextDecoder()
    const reader = response.body.getReader()
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      parser.feed(decoder.decode(chunk.value, { stream: true }))
      if (options.mode === 'abort' && result.events >= (options.abortAfterEvents ?? 5)) {
        leave()
        await reader.cancel().catch(() => {})
        break
      }
    }
  } catch (error) {
    if (!left()) result.error = error instanceof Error ? error.message : String(error)
  } finally {
    if (options.mode !== 'never-read') dispose()
  }
  return result
}

/**
 * A signal of its own that also aborts with `parent`, and lets go of `parent` on `dispose()`. Thousands
 * of requests share one deadline signal: each must remove its listener (AbortSignal.any's stay until GC).
 */
export function linkedSignal(parent: AbortSignal) {
  const controller = new AbortController()
  let leftOnPurpose = false
  const follow = () => controller.abort(parent.reason)
  if (parent.aborted) follow()
  else parent.addEventListener('abort', follow, { once: true })
  return {
    signal: controller.signal,
    /** Aborts this signal only (the client leaves on purpose). */
    leave: () => {
      leftOnPurpose = true
      controller.abort()
    },
    left: () => leftOnPurpose,
    dispose: () => parent.removeEventListener('abort', follow),
  }
}

/**
 * A deadline many concurrent requests share: each adds (and later removes) one listener, so Node's
 * leak warning (at 10 listeners) would be noise.
 */
export function sharedDeadline(ms: number): AbortSignal {
  const signal = AbortSignal.timeout(ms)
  setMaxListeners(0, signal)
  return signal
}

/** The p-th percentile of sorted values (NaN when empty). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

/** Prints a Markdown table with right-aligned columns. */
export function printTable(header: string[], rows: string[][]): void {
  const table = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)))
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padStart(widths[i] ?? 0)).join(' | ')} |`
  console.log()
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const row of rows) console.log(line(row))
}

/** Bytes as MiB with one decimal. */
export const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1)

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
