import { createRunEventDecoder } from './decode.js'
import { openSource, type RunStreamSource, textChunks } from './source.js'
import type { AssistantStreamEvent, DoneEvent } from './types.js'

type Yielded = AssistantStreamEvent | DoneEvent
type Result = IteratorResult<Yielded, void>

/** What the iterator reads with: `format`, `signal` and `includeDone` as in `ParseRunStreamOptions`. */
export interface RunEventIteratorOptions {
  signal?: AbortSignal | undefined
  format?: 'sse' | 'ndjson' | undefined
  includeDone?: boolean | undefined
}

/**
 * The async iterator `parseRunStream` returns. A network chunk decodes into many events at once; they
 * wait in a buffer, and `next()` hands them out as already-settled promises, reading the body only once
 * the buffer is empty. An `async function*` costs more promise jobs per `yield` (it settles the promise
 * of the pending `next()` from inside the generator, which `for await` then awaits); this costs the one
 * job `for await` itself takes.
 *
 * Otherwise it behaves as the generator did: calls made while a read is pending wait for it, an abort
 * seen between two events ends the iteration, `return()` (a `break`) and `throw()` close the body, and
 * after an error (which rejects one `next()`) the iterator is done.
 */
export function createRunEventIterator(
  source: RunStreamSource,
  options: RunEventIteratorOptions,
): AsyncGenerator<Yielded, void, undefined> {
  const { signal } = options
  const includeDone = options.includeDone ?? false
  let buffer: Yielded[] = []
  let at = 0
  let opened = false
  let done = false
  let chunks: ReturnType<typeof textChunks> | null = null
  let decoder: ReturnType<typeof createRunEventDecoder> | null = null
  // The read under way, if any: calls made meanwhile wait for it, as an async generator's do.
  let reading: Promise<Result> | null = null

  /** Ends the iteration for good: drops what is buffered and stops the body (cancels its reader). */
  const finish = (): Result => {
    done = true
    buffer = []
    at = 0
    chunks?.close()
    chunks = null
    return { done: true, value: undefined }
  }

  /** Reads until the buffer holds an event or the stream ends; resolves with the first event or done. */
  const fill = async (): Promise<Result> => {
    buffer = []
    at = 0
    try {
      if (!opened) {
        opened = true
        const { body, format, failure } = await openSource(source, options.format)
        if (signal?.aborted) return finish()
        if (failure) buffer.push(failure)
        if (body) {
          chunks = textChunks(body, signal)
          decoder = createRunEventDecoder(format, (event) => {
            if (event.event !== 'done' || includeDone) buffer.push(event as Yielded)
          })
        } else {
          // Nothing to read: hand out the failure (if any), then end.
          done = true
        }
      }
      while (buffer.length === 0) {
        if (chunks === null || decoder === null || decoder.ended) return finish()
        // The reader's own promise awaited here, not through an `async` helper (see textChunks).
        let text: string | null
        if (chunks.sliced) text = await chunks.nextSlice()
        else {
          const read = chunks.read()
          if (read === null) return finish()
          try {
            text = chunks.text(await read)
          } catch (error) {
            text = chunks.failed(error)
          }
        }
        if (text === null) return finish()
        decoder.feed(text)
        if (chunks.finished) decoder.end()
      }
      return { done: false, value: buffer[at++]! }
    } catch (error) {
      finish()
      throw error
    }
  }

  const iterator: AsyncGenerator<Yielded, void, undefined> = {
    next() {
      if (reading !== null) return reading.then(next, next)
      if (at < buffer.length) {
        if (signal?.aborted) return Promise.resolve(finish())
        // Most calls: one settled promise per event, no read, no generator machinery.
        return Promise.resolve({ done: false, value: buffer[at++]! })
      }
      if (done) return Promise.resolve(finish())
      const read = fill()
      reading = read
      // Registered before anyone else can await `read`, so it runs first: a call made once `read` has
      // settled finds no read under way. While a read is under way every call waits for it, so none
      // begins another: the read `clear` ends is this one. (`clear` is made once, not per read: a
      // closure per network chunk is garbage, and under tsx a `__name` call as well.)
      read.then(clear, clear)
      return read
    },
    return() {
      if (reading !== null) return reading.then(close, close)
      return Promise.resolve(finish())
    },
    throw(error: unknown) {
      const fail = () => {
        finish()
        return Promise.reject(error)
      }
      if (reading !== null) return reading.then(fail, fail)
      return fail()
    },
    [Symbol.asyncIterator]() {
      return iterator
    },
  }
  const clear = () => {
    reading = null
  }
  const next = () => iterator.next()
  const close = () => iterator.return()
  return iterator
}
