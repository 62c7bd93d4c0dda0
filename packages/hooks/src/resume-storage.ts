/** Where a run to re-attach to after a reload is remembered. */
export interface RunPointer {
  threadId: string
  runId: string
}

/** The subset of `Storage` used; inject one in tests or for another storage. */
export type PointerStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** `sessionStorage` when there is one (browsers), else null (SSR, workers, privacy modes that throw). */
export function defaultStorage(): PointerStorage | null {
  try {
    return typeof window !== 'undefined' && window.sessionStorage ? window.sessionStorage : null
  } catch {
    return null
  }
}

/** Reads the remembered run, or null when absent or unreadable. */
export function readPointer(storage: PointerStorage | null, key: string): RunPointer | null {
  try {
    const raw = storage?.getItem(key)
    if (!raw) return null
    const value = JSON.parse(raw) as Partial<RunPointer>
    return typeof value.threadId === 'string' && typeof value.runId === 'string'
      ? { threadId: value.threadId, runId: value.runId }
      : null
  } catch {
    return null
  }
}

/** Remembers the run; storage failures (quota, privacy mode) only lose the resume feature. */
export function writePointer(storage: PointerStorage | null, key: string, pointer: RunPointer): void {
  try {
    storage?.setItem(key, JSON.stringify(pointer))
  } catch {}
}

/** Forgets the remembered run. */
export function clearPointer(storage: PointerStorage | null, key: string): void {
  try {
    storage?.removeItem(key)
  } catch {}
}
