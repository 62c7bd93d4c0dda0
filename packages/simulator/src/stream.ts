import type { RunDriver } from './engine/driver.js'
import type { StreamSink } from './engine/records.js'
import { SSE_HEADERS } from './sse.js'

/**
 * Bytes a stream may hold that its reader has not taken yet. Beyond it the run waits for the reader
 * (at its next tick), so an unread `long` stream holds a few KiB, not the whole run (~1.2 MiB).
 */
export const STREAM_HIGH_WATER_BYTES = 16 * 1024

/**
 * An SSE response fed by a run driver, at the reader's pace. `attach` runs synchronously while the
 * stream is built (so it can still throw an ApiError before any byte is sent); a client that goes
 * away only detaches. `onEnd` is called once when the stream ends or its reader leaves.
 */
export function streamResponse(
  driver: Pick<RunDriver, 'attach' | 'detach'>,
  attach: (sink: StreamSink) => void = (sink) => driver.attach(sink),
  onEnd: () => void = () => {},
): Response {
  const encoder = new TextEncoder()
  let open = true
  let sink: StreamSink | null = null
  let failure: unknown = null
  // The driver's wait for room, resolved by the next pull (the reader took something) or the end.
  let room: Promise<void> | null = null
  let releaseRoom: (() => void) | null = null
  const release = () => {
    releaseRoom?.()
    room = releaseRoom = null
  }
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        sink = {
          send(chunk) {
            if (open) controller.enqueue(encoder.encode(chunk))
          },
          end() {
            if (!open) return
            open = false
            controller.close()
            release()
            onEnd()
          },
          ready() {
            if (!open || (controller.desiredSize ?? 1) > 0) return null
            room ??= new Promise<void>((resolve) => (releaseRoom = resolve))
            return room
          },
        }
        try {
          attach(sink)
        } catch (error) {
          failure = error
        }
      },
      pull() {
        release()
      },
      cancel() {
        if (open) onEnd()
        open = false
        release()
        if (sink) driver.detach(sink)
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: STREAM_HIGH_WATER_BYTES }),
  )
  if (failure !== null) throw failure
  return new Response(body, { status: 200, headers: SSE_HEADERS })
}
