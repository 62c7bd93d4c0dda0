/** Thrown by {@link readWithin} when the upstream stayed silent for longer than allowed. */
export class UpstreamIdleError extends Error {
  override name = 'UpstreamIdleError'
  constructor(readonly idleTimeoutMs: number) {
    super(`The upstream sent nothing for ${idleTimeoutMs} ms.`)
  }
}

/**
 * Reads one chunk, but gives up after `idleTimeoutMs` of silence ({@link UpstreamIdleError}) or as soon
 * as `signal` aborts (rejects with its reason). Racing instead of relying on the fetch's own abort: an
 * in-process upstream (the simulator's `fetchLike`) does not tie its body to the request signal.
 * After a rejection the read may still be pending; the caller cancels the reader to settle it.
 */
export function readWithin<T>(
  reader: ReadableStreamDefaultReader<T>,
  idleTimeoutMs: number,
  signal: AbortSignal,
): Promise<ReadableStreamReadResult<T>> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
    }
    const onAbort = () => {
      cleanup()
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      cleanup()
      reject(new UpstreamIdleError(idleTimeoutMs))
    }, idleTimeoutMs)
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    reader.read().then(
      (result) => {
        cleanup()
        resolve(result)
      },
      (error: unknown) => {
        cleanup()
        reject(error)
      },
    )
  })
}
