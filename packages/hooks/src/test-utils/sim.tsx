// Test helpers: the real simulator in-process, a request log, and a way to cut a stream mid-run.
import { createRunlineClient, type FetchLike, type RunlineClient } from '@runline/core'
import { createSimulator, type SimulatorOptions } from '@runline/simulator'
import { QueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { RunlineProvider } from '../provider.js'

export const ASSISTANT = 'asst_runline_demo'
export const BASE_URL = 'http://sim.test/v1'

/** One request the client sent: method, path below the base, and its signal. */
export interface LoggedRequest {
  method: string
  path: string
  body: unknown
  signal: AbortSignal | null
}

export interface TestBackendOptions extends SimulatorOptions {
  /** Cut the Nth (1-based) streaming response after this many bytes: `{ nth, afterBytes }`. */
  cut?: { nth: number; afterBytes: number }
  /** Runs before each request reaches the simulator (e.g. to hold one back). */
  beforeFetch?: (method: string, path: string) => Promise<void> | void
  /** SSE text a misbehaving server slips into every stream, after its first text delta event. */
  inject?: string
}

/** A simulator, a client on it, and the log of every request. */
export function createTestBackend(options: TestBackendOptions = {}) {
  const { cut, beforeFetch, inject, ...simOptions } = options
  const sim = createSimulator({ delayMs: 0, ...simOptions })
  const requests: LoggedRequest[] = []
  let streams = 0
  const fetch: FetchLike = async (input, init) => {
    const method = init?.method ?? 'GET'
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
    const path = input.slice(BASE_URL.length)
    requests.push({ method, path, body, signal: init?.signal ?? null })
    await beforeFetch?.(method, path)
    const response = await sim.fetchLike(input, init)
    if (!response.headers.get('content-type')?.includes('text/event-stream') || !response.body)
      return response
    streams++
    if (!inject && (!cut || cut.nth !== streams)) return response
    const stream = inject ? injectAfterFirstDelta(response.body, inject) : response.body
    return new Response(!cut || cut.nth !== streams ? stream : cutAfter(stream, cut.afterBytes), {
      status: response.status,
      headers: response.headers,
    })
  }
  const client: RunlineClient = createRunlineClient({ baseUrl: BASE_URL, fetch })
  /** Requests whose method and path match, e.g. `count('POST', /\/runs$/)`. */
  const count = (method: string, path: RegExp) =>
    requests.filter((r) => r.method === method && path.test(r.path.split('?')[0]!)).length
  return { sim, client, requests, count }
}

/** The body with `sse` inserted after its first complete `thread.message.delta` event. */
function injectAfterFirstDelta(body: ReadableStream<Uint8Array>, sse: string): ReadableStream<Uint8Array> {
  let pending = ''
  let injected = false
  const decoder = new TextDecoder()
  const encoder = new TextEncoder()
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (injected) return controller.enqueue(chunk)
        pending += decoder.decode(chunk, { stream: true })
        const start = pending.indexOf('event: thread.message.delta')
        const end = start === -1 ? -1 : pending.indexOf('\n\n', start)
        if (end === -1) return
        controller.enqueue(encoder.encode(pending.slice(0, end + 2) + sse + pending.slice(end + 2)))
        injected = true
      },
      flush(controller) {
        if (!injected && pending) controller.enqueue(encoder.encode(pending))
      },
    }),
  )
}

/** A body that passes `limit` bytes through, then fails like a dropped connection. */
function cutAfter(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let passed = 0
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read()
      if (done) return controller.close()
      if (passed + value.byteLength <= limit) {
        passed += value.byteLength
        controller.enqueue(value)
        return
      }
      controller.enqueue(value.subarray(0, limit - passed))
      passed = limit
      // The server side sees a client that went away: the run goes on there.
      void reader.cancel().catch(() => {})
      controller.error(new TypeError('network connection lost'))
    },
    cancel(reason) {
      return reader.cancel(reason)
    },
  })
}

/** A wrapper with the provider and a QueryClient that does not retry (failures show at once). */
export function createWrapper(client: RunlineClient, queryClient = newQueryClient()) {
  // A render-prop wrapper for renderHook/render, made once per test (stable identity).
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <RunlineProvider client={client} queryClient={queryClient}>
      {children}
    </RunlineProvider>
  )
  return { Wrapper: wrapper, queryClient }
}

export function newQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })
}

/** A fixed clock, so two simulators with one seed produce identical objects. */
export const FIXED_NOW = () => 1_760_000_000_000

/** A Storage in memory (sessionStorage stand-in that the test can share across "page loads"). */
export function memoryStorage(): Storage {
  const map = new Map<string, string>()
  return {
    get length() {
      return map.size
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, String(value)),
  }
}
