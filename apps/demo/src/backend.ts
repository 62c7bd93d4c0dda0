/**
 * Which backend the demo runs on, from apps/server's `GET /api/runline-config`, and the server's own
 * thread list (`GET /api/v1/threads`) where the backend has one (Foundry).
 */
import { useQuery } from '@tanstack/react-query'

/** What apps/server says it forwards to (no URLs or credentials; see apps/server/README.md). */
export interface BackendInfo {
  backend: 'simulator' | 'upstream'
  wire: 'assistants' | 'foundry'
  flavor: 'openai' | 'azure' | 'foundry'
  threadList: boolean
}

/** One thread from the server's list. */
export interface ServerThread {
  id: string
  /** Unix ms. */
  createdAt: number
}

/** Where the server answers what it is configured with. */
export const RUNLINE_CONFIG_URL = '/api/runline-config'
const THREAD_ID = /^thread_[A-Za-z0-9_-]{1,100}$/

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Reads `/api/runline-config`'s body; `null` when it is not one (an older server, a proxy's error page). */
export function parseBackendInfo(value: unknown): BackendInfo | null {
  if (!isRecord(value)) return null
  const { backend, wire, flavor, threadList } = value
  if (backend !== 'simulator' && backend !== 'upstream') return null
  if (wire !== 'assistants' && wire !== 'foundry') return null
  if (flavor !== 'openai' && flavor !== 'azure' && flavor !== 'foundry') return null
  return { backend, wire, flavor, threadList: threadList === true }
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

/** The backend in a few words: "Simulator · Foundry wire", "Foundry project", … */
export function backendLabel(info: BackendInfo): string {
  if (info.backend === 'simulator') {
    return info.wire === 'foundry' ? 'Simulator · Foundry wire' : 'Simulator · Assistants wire'
  }
  if (info.flavor === 'foundry') return 'Foundry project'
  return info.flavor === 'azure' ? 'Azure OpenAI Assistants (retired)' : 'Assistants-compatible server'
}

async function getJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } })
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return response.json()
}

/** The server's configuration; `data` stays undefined when it cannot say (the demo then shows nothing). */
export function useBackendInfo() {
  return useQuery({
    queryKey: ['runline-demo', 'backend'],
    queryFn: async ({ signal }) => parseBackendInfo(await getJson(RUNLINE_CONFIG_URL, signal)),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })
}

/** The newest threads on the server, when `enabled` (the backend has a list); `version` refetches. */
export function useServerThreads(apiBase: string, enabled: boolean, version: number) {
  return useQuery({
    queryKey: ['runline-demo', 'server-threads', version],
    queryFn: async ({ signal }) =>
      parseThreadList(await getJson(`${apiBase}/threads?limit=20&order=desc`, signal)),
    enabled,
    placeholderData: (previous) => previous,
  })
}
