import { formatSseEvent, SSE_DONE } from '../sse.js'
import type { StreamEventName, StreamSink, WireShapes } from './records.js'
import { shapeEvent } from './shape-event.js'

/** The API's error payload, as an `event: error` frame carries it. */
export interface StreamError {
  message: string
  type: string
  param: string | null
  code: string | null
}

/**
 * A run's live streams: each event goes to every attached sink as SSE text in the face's shapes.
 * Streams come and go; the run does not wait for them (only for their readers' room).
 */
export class Broadcast {
  private readonly sinks = new Set<StreamSink>()

  constructor(private readonly shapes: WireShapes) {}

  attach(sink: StreamSink): void {
    this.sinks.add(sink)
  }

  detach(sink: StreamSink): void {
    this.sinks.delete(sink)
  }

  /** How many streams are attached. */
  get size(): number {
    return this.sinks.size
  }

  /** Waits until every attached stream's reader has room: runs go at the pace of their readers. */
  async drained(): Promise<void> {
    for (const sink of this.sinks) {
      const ready = sink.ready?.()
      if (ready) await ready
    }
  }

  /** Sends one event. The data is serialised now, so later changes to the records don't leak. */
  emit(event: StreamEventName, data: unknown): void {
    if (this.sinks.size === 0) return
    const chunk = formatSseEvent(event, shapeEvent(this.shapes, event, data))
    for (const sink of this.sinks) sink.send(chunk)
  }

  /** Ends every stream with `done` (requires_action or terminal). */
  end(): void {
    for (const sink of this.sinks) {
      sink.send(SSE_DONE)
      sink.end()
    }
    this.sinks.clear()
  }

  /** Ends every stream with the API's `event: error` frame; no `done` follows it. */
  fail(error: StreamError): void {
    this.emit('error', { error })
    for (const sink of this.sinks) sink.end()
    this.sinks.clear()
  }
}
