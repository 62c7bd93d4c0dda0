/** Thrown by {@link GuardedReader.read} when the upstream stayed silent for longer than allowed. */
export class UpstreamIdleError extends Error {
  override name = 'UpstreamIdleError'
  constructor(readonly idleTimeoutMs: number) {
    super(`The upstream sent nothing for ${idleTimeoutMs} ms.`)
  }
}

/**
 * Reads an upstream body with every wait bounded: a read fails after `idleTimeoutMs` of silence
 * ({@link UpstreamIdleError}) or as soon as `signal` aborts (with its reason). Racing instead of relying
 * on the fetch's own abort: an in-process upstream (the simulator's `fetchLike`) does not tie its body to
 * the request signal. One timer and one abort listener per body, not per chunk, so a stream of thousands
 * of small events pays next to nothing; only time spent waiting on a read counts as silence.
 * After a failed read the underlying read may still be pending: the caller cancels the reader.
 */
export class GuardedReader<T> {
  private pending: { reject(error: unknown): void } | null = null
  private waitingSince = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private readonly onAbort = () => this.fail(this.signal.reason)

  constructor(
    private readonly reader: ReadableStreamDefaultReader<T>,
    private readonly idleTimeoutMs: number,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', this.onAbort, { once: true })
  }

  /** The next chunk, or a rejection on silence or abort. */
  read(): Promise<ReadableStreamReadResult<T>> {
    if (this.signal.aborted) return Promise.reject(this.signal.reason)
    return new Promise((resolve, reject) => {
      const pending = { reject }
      this.pending = pending
      this.waitingSince = performance.now()
      this.timer ??= setTimeout(this.check, this.idleTimeoutMs)
      const settle = () => {
        if (this.pending === pending) this.pending = null
      }
      this.reader.read().then(
        (result) => {
          settle()
          resolve(result)
        },
        (error: unknown) => {
          settle()
          reject(error)
        },
      )
    })
  }

  /** Stops watching: the body is done or abandoned. */
  release(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.signal.removeEventListener('abort', this.onAbort)
  }

  // The timer fires at most once per idle period: it re-arms for what is left of the current wait.
  private readonly check = () => {
    this.timer = undefined
    if (!this.pending) return // not waiting on the upstream: a slow client is not upstream silence
    const silent = performance.now() - this.waitingSince
    if (silent >= this.idleTimeoutMs) return this.fail(new UpstreamIdleError(this.idleTimeoutMs))
    this.timer = setTimeout(this.check, this.idleTimeoutMs - silent)
  }

  private fail(error: unknown): void {
    const pending = this.pending
    this.pending = null
    pending?.reject(error)
  }
}
