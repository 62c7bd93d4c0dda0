/**
 * A bounded map that forgets its least recently used entry beyond its capacity: the Responses face's
 * responses and conversations are capped like the Assistants faces' threads, so memory stays bounded.
 */
export class LruMap<V> {
  private readonly entries = new Map<string, V>()

  /**
   * @param capacity entries kept (at least 1)
   * @param busy an entry a client is still streaming from; spared while an idle one can go
   * @param onEvict called with each forgotten entry (ends its streams, drops what it owns)
   */
  constructor(
    private readonly capacity: number,
    private readonly busy: (value: V) => boolean = () => false,
    private readonly onEvict: (value: V) => void = () => {},
  ) {}

  /** The entry, marked as just used; `undefined` if unknown or forgotten. */
  get(id: string): V | undefined {
    const value = this.entries.get(id)
    if (value === undefined) return undefined
    this.entries.delete(id)
    this.entries.set(id, value)
    return value
  }

  /** Stores an entry as the most recently used, forgetting the least recently used ones beyond capacity. */
  set(id: string, value: V): void {
    this.entries.delete(id)
    this.entries.set(id, value)
    while (this.entries.size > Math.max(1, this.capacity)) this.evictOne(id)
  }

  /** Forgets an entry (no eviction callback: the caller removes it on purpose). */
  delete(id: string): boolean {
    return this.entries.delete(id)
  }

  /** How many entries are kept. */
  get size(): number {
    return this.entries.size
  }

  private evictOne(keep: string): void {
    let victim: string | undefined
    for (const [id, value] of this.entries) {
      if (id === keep) continue
      victim ??= id
      if (!this.busy(value)) {
        victim = id
        break
      }
    }
    if (victim === undefined) return
    const value = this.entries.get(victim) as V
    this.entries.delete(victim)
    this.onEvict(value)
  }
}
