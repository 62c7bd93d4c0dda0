/**
 * The sidebar's thread list: the threads (Responses: conversations) the demo made on one backend, kept
 * in localStorage per backend (the Assistants API has no list).
 */

/** One thread in the sidebar. */
export interface SavedThread {
  id: string
  /** The first user message, shortened; "New chat" until there is one. */
  title: string
  createdAt: number
  updatedAt: number
}

/** What the sidebar shows. Replaced (never mutated) on every change, so it can be a React snapshot. */
export interface ThreadListState {
  threads: readonly SavedThread[]
  activeId: string | null
}

/** The placeholder title of a thread without messages. */
export const UNTITLED = 'New chat'
const MAX_TITLE = 60
// A thread (`thread_…`) or, on the Responses wire, a conversation (`conv_…`).
const THREAD_ID = /^(?:thread|conv)_[A-Za-z0-9_-]{1,100}$/

/** A sidebar title from a user message: first line, collapsed whitespace, at most 60 characters. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0]?.replace(/\s+/g, ' ') ?? ''
  if (line === '') return UNTITLED
  return line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 1).trimEnd()}…` : line
}

/** Reads a stored list, dropping anything that is not a well-formed entry (storage is user-editable). */
export function parseSavedThreads(raw: string | null): SavedThread[] {
  if (!raw) return []
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return []
  }
  if (!Array.isArray(value)) return []
  const seen = new Set<string>()
  const threads: SavedThread[] = []
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue
    const { id, title, createdAt, updatedAt } = item as Record<string, unknown>
    if (typeof id !== 'string' || !THREAD_ID.test(id) || seen.has(id)) continue
    seen.add(id)
    const created = typeof createdAt === 'number' ? createdAt : 0
    threads.push({
      id,
      title: typeof title === 'string' && title.trim() !== '' ? title : UNTITLED,
      createdAt: created,
      updatedAt: typeof updatedAt === 'number' ? updatedAt : created,
    })
  }
  return threads
}

/** A tiny external store for the thread list, persisted to `storage` (null: memory only, e.g. SSR). */
export interface ThreadListStore {
  getSnapshot(): ThreadListState
  subscribe(listener: () => void): () => void
  /** Puts a new thread first and makes it active. */
  add(id: string, now?: number): void
  /** Names a thread after its first message, once; later messages only bump `updatedAt`. */
  noteMessage(id: string, text: string, now?: number): void
  setActive(id: string | null): void
  remove(id: string): void
}

/**
 * Creates the store of one backend's list (`backendId` keys its storage), reading what `storage` holds.
 * Other tabs' changes arrive through `storage` events.
 */
export function createThreadListStore(storage: Storage | null, backendId: string): ThreadListStore {
  const THREADS_KEY = `runline-demo:threads:${backendId}`
  const ACTIVE_KEY = `runline-demo:active-thread:${backendId}`
  const read = (): ThreadListState => {
    const threads = parseSavedThreads(storage?.getItem(THREADS_KEY) ?? null)
    const active = storage?.getItem(ACTIVE_KEY) ?? null
    return { threads, activeId: threads.some((t) => t.id === active) ? active : (threads[0]?.id ?? null) }
  }
  let state = read()
  const listeners = new Set<() => void>()
  const commit = (next: ThreadListState) => {
    state = next
    try {
      storage?.setItem(THREADS_KEY, JSON.stringify(next.threads))
      if (next.activeId) storage?.setItem(ACTIVE_KEY, next.activeId)
      else storage?.removeItem(ACTIVE_KEY)
    } catch {
      // Full or blocked storage: the list still works for this page's lifetime.
    }
    for (const listener of listeners) listener()
  }
  const onStorage = (event: StorageEvent) => {
    if (event.key !== THREADS_KEY) return
    state = read()
    for (const listener of listeners) listener()
  }

  return {
    getSnapshot: () => state,
    subscribe(listener) {
      if (listeners.size === 0 && typeof window !== 'undefined') window.addEventListener('storage', onStorage)
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && typeof window !== 'undefined')
          window.removeEventListener('storage', onStorage)
      }
    },
    add(id, now = Date.now()) {
      const rest = state.threads.filter((t) => t.id !== id)
      commit({ threads: [{ id, title: UNTITLED, createdAt: now, updatedAt: now }, ...rest], activeId: id })
    },
    noteMessage(id, text, now = Date.now()) {
      const thread = state.threads.find((t) => t.id === id)
      if (!thread) return
      const title = thread.title === UNTITLED ? titleFrom(text) : thread.title
      const updated = { ...thread, title, updatedAt: now }
      // Most recently used first, like every chat app.
      commit({ ...state, threads: [updated, ...state.threads.filter((t) => t.id !== id)] })
    },
    setActive(id) {
      if (id === state.activeId) return
      commit({ ...state, activeId: id })
    },
    remove(id) {
      const threads = state.threads.filter((t) => t.id !== id)
      commit({ threads, activeId: state.activeId === id ? (threads[0]?.id ?? null) : state.activeId })
    },
  }
}
