/**
 * The backends the demo can switch between, from apps/server's `GET /api/runline-config`, and the
 * server's own thread list (`GET <apiBase>/threads`) where a backend has one (Foundry).
 */
import { useQuery } from '@tanstack/react-query'

/** The protocol the browser speaks to a backend. */
export type BackendWire = 'assistants' | 'foundry' | 'responses'

/** One backend the server offers (no URLs of upstreams or credentials; see apps/server/README.md). */
export interface Backend {
  id: string
  /** For people: "Simulator (Foundry)", "Foundry project", … */
  label: string
  wire: BackendWire
  /** The proxy's base path for it: the client's `baseUrl`. */
  apiBase: string
  /** Whether `GET <apiBase>/threads` lists the server's threads. */
  threadList: boolean
  /** The Responses wire: the agent profile to send as `model`. */
  model?: string
}

/** What the switch offers, and where to start. */
export interface BackendChoice {
  backends: readonly Backend[]
  defaultBackend: string
}

/** One thread from the server's list. */
export interface ServerThread {
  id: string
  /** Unix ms. */
  createdAt: number
}

/** Where the server answers what it is configured with. */
export const RUNLINE_CONFIG_URL = '/api/runline-config'
/** What the demo talks to when the server cannot say (an older apps/server): its one proxy. */
export const FALLBACK_CHOICE: BackendChoice = {
  backends: [{ id: 'server', label: 'Server', wire: 'assistants', apiBase: '/api/v1', threadList: false }],
  defaultBackend: 'server',
}
const THREAD_ID = /^thread_[A-Za-z0-9_-]{1,100}$/
// Ids and bases are the server's, but they end up in storage keys and URLs: only plain ones are kept.
const BACKEND_ID = /^[a-z][a-z0-9-]{0,40}$/
const API_BASE = /^\/api(?:\/[A-Za-z0-9_-]+)+$/
const WIRES: readonly BackendWire[] = ['assistants', 'foundry', 'responses']

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function parseBackend(value: unknown): Backend | null {
  if (!isRecord(value)) return null
  const { id, label, wire, apiBase, threadList, model } = value
  if (typeof id !== 'string' || !BACKEND_ID.test(id)) return null
  if (typeof apiBase !== 'string' || !API_BASE.test(apiBase)) return null
  const known = WIRES.find((name) => name === wire)
  if (!known) return null
  return {
    id,
    label: typeof label === 'string' && label.trim() !== '' ? label : id,
    wire: known,
    apiBase,
    threadList: threadList === true,
    ...(typeof model === 'string' && model !== '' ? { model } : {}),
  }
}

/**
 * Reads `/api/runline-config`'s body: its `backends` (malformed entries skipped) and `defaultBackend`;
 * a server without `backends` is its one `/api/v1` proxy. `null` when the body is no configuration.
 */
export function parseBackendChoice(value: unknown): BackendChoice | null {
  if (!isRecord(value)) return null
  if (!Array.isArray(value.backends)) {
    const { wire, threadList } = value
    if (wire !== 'assistants' && wire !== 'foundry') return null
    const backend: Backend = { ...FALLBACK_CHOICE.backends[0]!, wire, threadList: threadList === true }
    return { backends: [backend], defaultBackend: backend.id }
  }
  const backends: Backend[] = []
  for (const item of value.backends) {
    const backend = parseBackend(item)
    if (backend && !backends.some((known) => known.id === backend.id)) backends.push(backend)
  }
  if (backends.length === 0) return null
  const wanted = value.defaultBackend
  const defaultBackend = backends.some((b) => b.id === wanted) ? (wanted as string) : backends[0]!.id
  return { backends, defaultBackend }
}

/** A `GET /threads` page's threads, newest first as the server sent them; malformed items are skipped. */
export function parseThreadList(value: unknown): ServerThread[] {
  if (!isRecord(value) || !Array.isArray(value.data)) return []
  const threads: ServerThread[] = []
  for (const item of value.data) {
    if (!isRecord(item) || typeof item.id !== 'string' || !THREAD_ID.test(item.id)) continue
    const created = typeof item.created_at === 'number' ? item.created_at * 1000 : 0
    threads.push({ id: item.id, createdAt: created })
  }
  return threads
}

async function getJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } })
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return response.json()
}

/** The backends the server offers; {@link FALLBACK_CHOICE} when it cannot say. */
export function useBackendChoice() {
  return useQuery({
    queryKey: ['runline-demo', 'backends'],
    queryFn: async ({ signal }) => {
      try {
        return parseBackendChoice(await getJson(RUNLINE_CONFIG_URL, signal)) ?? FALLBACK_CHOICE
      } catch (error) {
        if (signal.aborted) throw error
        return FALLBACK_CHOICE
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })
}

/** The newest threads on the server, when `enabled` (the backend has a list); `version` refetches. */
export function useServerThreads(apiBase: string, enabled: boolean, version: number) {
  return useQuery({
    queryKey: ['runline-demo', 'server-threads', apiBase, version],
    queryFn: async ({ signal }) =>
      parseThreadList(await getJson(`${apiBase}/threads?limit=20&order=desc`, signal)),
    enabled,
    placeholderData: (previous) => previous,
  })
}
