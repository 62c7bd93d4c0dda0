import type { ThreadRecord } from './engine.js'

/** How many threads a simulator keeps by default before it forgets the least recently used. */
export const DEFAULT_MAX_THREADS = 1_000

/**
 * The simulator's threads, least recently used first, with the files their runs generated. Beyond
 * `maxThreads` the least recently used thread is forgotten with everything it owns (messages, runs,
 * steps, files), so a simulator that runs for weeks stays bounded. A thread a client is streaming
 * from is spared while an idle one is left; only when every thread is streaming does the oldest go.
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

  /** Records that `fileId` belongs to the thread, to be forgotten with it. */
  own(threadId: string, fileId: string): void {
    const files = this.ownedFiles.get(threadId)
    if (files) files.push(fileId)
    else this.ownedFiles.set(threadId, [fileId])
  }

  /** The least recently used thread nobody streams from, else the least recently used; never `spare`. */
  private victim(spare: ThreadRecord): ThreadRecord {
    let oldest: ThreadRecord | undefined
    for (const record of this.threads.values()) {
      if (record === spare) continue
      oldest ??= record
      if (!record.runs.some((run) => run.driver.streaming)) return record
    }
    // `add` only evicts with more than maxThreads (≥ 1) threads, so there is one besides `spare`.
    return oldest as ThreadRecord
  }

  private forget(record: ThreadRecord): void {
    const id = record.thread.id
    this.threads.delete(id)
    for (const run of record.runs) run.driver.dispose()
    for (const fileId of this.ownedFiles.get(id) ?? []) this.forgetFile(fileId)
    this.ownedFiles.delete(id)
  }
}
