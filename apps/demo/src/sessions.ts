/**
 * One session per backend: its Runline client (`baseUrl` = the backend's `apiBase`), its own React
 * Query cache (two servers' thread ids must never share a cache entry) and its own chat list. Made on
 * first use and kept, so switching back finds everything as it was.
 */
import { createRunlineClient, isRunlineError, type RunlineClient } from '@runline/core'
import { QueryClient } from '@tanstack/react-query'
import type { Backend } from './backend.js'
import { createThreadListStore, type ThreadListStore } from './threads.js'

/** What the demo holds for one backend. */
export interface BackendSession {
  client: RunlineClient
  queryClient: QueryClient
  threads: ThreadListStore
}

/** The sessions of every backend opened so far, and which one was picked last. */
export interface BackendSessions {
  /** The session of `backend` (the same object every time for the same id and base). */
  get(backend: Backend): BackendSession
  /** The backend picked last (stored), if any. */
  readSelected(): string | null
  saveSelected(id: string): void
}

const SELECTED_KEY = 'runline-demo:backend'

/** A React Query cache as the demo wants it: no refetch on focus, no retrying a 4xx. */
export function createDemoQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not get better by asking again (and each retry is one more console error).
        retry: (failures, error) =>
          failures < 2 && !(isRunlineError(error) && (error.status ?? 0) >= 400 && (error.status ?? 0) < 500),
      },
    },
  })
}

/** Creates the session registry over `storage` (null: memory only). */
export function createBackendSessions(storage: Storage | null): BackendSessions {
  const sessions = new Map<string, BackendSession>()
  return {
    get(backend) {
      const key = `${backend.id} ${backend.apiBase}`
      let session = sessions.get(key)
      if (!session) {
        session = {
          client: createRunlineClient({ baseUrl: backend.apiBase }),
          queryClient: createDemoQueryClient(),
          threads: createThreadListStore(storage, backend.id),
        }
        sessions.set(key, session)
      }
      return session
    },
    readSelected() {
      try {
        return storage?.getItem(SELECTED_KEY) ?? null
      } catch {
        return null
      }
    },
    saveSelected(id) {
      try {
        storage?.setItem(SELECTED_KEY, id)
      } catch {
        // Blocked storage: the choice lasts as long as the page.
      }
    },
  }
}
