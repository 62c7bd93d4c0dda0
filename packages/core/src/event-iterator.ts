import { createRunEventDecoder } from './decode.js'
import { openBody, openSource, type RunStreamSource, TextChunks } from './source.js'
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
  return new RunEventIterator(source, options)
}

/**
 * A class rather than an object literal of closures: a real response is often a few dozen events, and
 * a literal built per stream costs a closure per method (and its context) for each one; the methods of a
 * class are made once. Its own fields only: nothing is shared between two iterators.
 */
class RunEventIterator implements AsyncGenerator<Yielded, void, undefined> {
  readonly #source: RunStreamSource
  readonly #options: RunEventIteratorOptions
  // Decoded events not handed out yet: `#buffer[#at]` onwards.
  #buffer: Yielded[] = []
  #at = 0
  #opened = false
  #done = false
  #chunks: TextChunks | null = null
  #decoder: ReturnType<typeof createRunEventDecoder> | null = null
  // The read under way, if any: calls made meanwhile wait for it, as an async generator's do.
  #reading: Promise<Result> | null = null
  // True from the start of a read until it settles (see `next`).
  #filling = false

  constructor(source: RunStreamSource, options: RunEventIteratorOptions) {
    this.#source = source
    this.#options = options
  }

  next(): Promise<Result> {
    if (this.#reading !== null) return this.#reading.then(this.#again, this.#again)
    if (this.#at < this.#buffer.length) {
      if (this.#options.signal?.aborted) return Promise.resolve(this.#finish())
      // Most calls: one settled promise per event, no read, no generator machinery.
      return Promise.resolve({ done: false, value: this.#buffer[this.#at++]! })
    }
    if (this.#done) return Promise.resolve(this.#finish())
    this.#filling = true
    const read = this.#fill()
    // The read clears `#reading` itself as it settles (a `.then` to clear it would cost every network
    // chunk a promise and a job): calls made once it settled find no read under way, and calls made
    // meanwhile wait for it, so none begins another. A read that ended without waiting (the body
    // ended already) has cleared `#filling`, and is not a read under way.
    if (this.#filling) this.#reading = read
    return read
  }

  return(): Promise<IteratorResult<Yielded, void>> {
    if (this.#reading !== null) return this.#reading.then(this.#close, this.#close)
    return Promise.resolve(this.#finish())
  }

  throw(error: unknown): Promise<IteratorResult<Yielded, void>> {
    const fail = () => {
      this.#finish()
      return Promise.reject(error)
    }
    if (this.#reading !== null) return this.#reading.then(fail, fail)
    return fail()
  }

  [Symbol.asyncIterator](): this {
    return this
  }

  // For calls that wait for a read (rare: `for await` never makes one); bound once per iterator.
  readonly #again = () => this.next()
  readonly #close = () => this.return()

  /** Ends the iteration for good: drops what is buffered and stops the body (cancels its reader). */
  #finish(): Result {
    this.#done = true
    this.#buffer = []
    this.#at = 0
    this.#chunks?.close()
    this.#chunks = null
    return { done: true, value: undefined }
  }

  /** The read is over (whichever way it settles): the next call may begin another. */
  #settled(): void {
    this.#filling = false
    this.#reading = null
  }

  /** Reads until the buffer holds an event or the stream ends; resolves with the first event or done. */
  async #fill(): Promise<Result> {
    // Emptied in place: the events handed out are the consumer's, the array is not.
    this.#buffer.length = 0
    this.#at = 0
    try {
      if (!this.#opened) {
        this.#opened = true
        const { signal, format } = this.#options
        // A body opens at once; only a whole `Response` that failed is awaited (its error body).
        const {
          body,
          format: bodyFormat,
          failure,
        } = openBody(this.#source, format) ?? (await openSource(this.#source, format))
        if (signal?.aborted) return this.#end()
        if (failure) this.#buffer.push(failure)
        if (body) {
          const includeDone = this.#options.includeDone ?? false
          const buffer = this.#buffer
          this.#chunks = new TextChunks(body, signal)
          this.#decoder = createRunEventDecoder(bodyFormat, (event) => {
            if (event.event !== 'done' || includeDone) buffer.push(event as Yielded)
          })
        } else {
          // Nothing to read: hand out the failure (if any), then end.
          this.#done = true
        }
      }
      const chunks = this.#chunks
      const decoder = this.#decoder
      while (this.#buffer.length === 0) {
        if (chunks === null || decoder === null || decoder.ended) return this.#end()
        // The reader's own promise awaited here, not through an `async` helper (see TextChunks).
        let text: string | null
        if (chunks.sliced) text = await chunks.nextSlice()
        else {
          const read = chunks.read()
          if (read === null) return this.#end()
          try {
            text = chunks.text(await read)
          } catch (error) {
            text = chunks.failed(error)
          }
        }
        if (text === null) return this.#end()
        decoder.feed(text)
        if (chunks.finished) decoder.end()
      }
      this.#settled()
      return { done: false, value: this.#buffer[this.#at++]! }
    } catch (error) {
      this.#end()
      throw error
    }
  }

  /** {@link #finish} at the end of a read. */
  #end(): Result {
    this.#settled()
    return this.#finish()
  }
}
