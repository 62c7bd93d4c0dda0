import type { ThreadRecord } from './engine/records.js'

/** How many threads a simulator keeps by default before it forgets the least recently used. */
export const DEFAULT_MAX_THREADS = 1_000

/**
 * The simulator's threads, least recently used first, with the files their runs generated. Beyond
 * `maxThreads` the least recently used thread is forgotten with everything it owns (messages, runs,
 * steps, files), so a simulator that runs for weeks stays bounded. Requests naming a thread and streams
 * in progress on it count as uses; only when every thread is streaming does a streamed one go.
 */
export class ThreadStore {
  // A Map iterates in insertion order; re-inserting on each use keeps it least recently used first.
  private readonly threads = new Map<string, ThreadRecord>()
  private readonly ownedFiles = new Map<string, string[]>()

  constructor(
    private readonly maxThreads: number,
    /** Drops a file from the simulator's file store. */
    private readonly forgetFile: (fileId: string) => void,
  ) {
    if (!Number.isInteger(maxThreads) || maxThreads < 1) {
      throw new RangeError(`maxThreads must be a positive integer, got ${maxThreads}`)
    }
  }

  /** Number of threads kept. */
  get size(): number {
    return this.threads.size
  }

  /** The thread, now the most recently used; `undefined` if unknown or forgotten. */
  get(id: string): ThreadRecord | undefined {
    const record = this.threads.get(id)
    if (record) {
      this.threads.delete(id)
      this.threads.set(id, record)
    }
    return record
  }

  /** Adds a new thread (the most recently used), forgetting others beyond the limit. */
  add(record: ThreadRecord): void {
    this.threads.set(record.thread.id, record)
    while (this.threads.size > this.maxThreads) this.forget(this.victim(record))
  }

  /** Every thread kept (least recently used first); reading them is not a use. */
  all(): ThreadRecord[] {
    return [...this.threads.values()]
  }

  /** Forgets a thread now (a delete request); false if it was not kept. */
  remove(id: string): boolean {
    const record = this.threads.get(id)
    if (!record) return false
    this.forget(record)
    return true
  }

  /** Records that `fileId` belongs to the thread, to be forgotten with it. */
  own(threadId: string, fileId: string): void {
    const files = this.ownedFiles.get(threadId)
    if (files) files.push(fileId)
    else this.ownedFiles.set(threadId, [fileId])
  }

  /**
   * The least recently used thread nobody streams from; never `spare` (the one just added). A thread
   * being streamed counts as in use: it moves to the recent end (so it is not the first to go when its
   * stream ends). If every thread is streaming, the least recently used of them goes.
   */
  private victim(spare: ThreadRecord): ThreadRecord {
    let fallback: ThreadRecord | undefined
    // One pass over the current entries: moved ones are not looked at again.
    for (let left = this.threads.size; left > 0; left--) {
      const record = this.threads.values().next().value as ThreadRecord
      if (record !== spare && !record.runs.some((run) => run.driver.streaming)) return record
      if (record !== spare) fallback ??= record
      this.threads.delete(record.thread.id)
      this.threads.set(record.thread.id, record)
    }
    // `add` only evicts with more than maxThreads (≥ 1) threads, so there is one besides `spare`.
    return fallback as ThreadRecord
  }

  private forget(record: ThreadRecord): void {
    const id = record.thread.id
    this.threads.delete(id)
    for (const run of record.runs) run.driver.dispose()
    for (const fileId of this.ownedFiles.get(id) ?? []) this.forgetFile(fileId)
    this.ownedFiles.delete(id)
  }
}
