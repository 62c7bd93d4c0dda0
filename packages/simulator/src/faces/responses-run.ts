/**
 * One response while (and after) it runs: its wire object, the log of every event it streamed (so a
 * background response can be re-attached with `starting_after`), the streams attached to it, and the
 * pace at which its script goes (delay per tick, and the readers' room).
 */
import type { StreamSink } from '../engine/records.js'
import type { Random } from '../prng.js'

/** A Responses item as it goes on the wire (`id`, `type` and the type's own fields). */
export type WireItem = { id: string; type: string } & Record<string, unknown>

/** A Responses `Response` object as it goes on the wire (fields in the API's order). */
export type WireResponse = { id: string; status: string; output: WireItem[] } & Record<string, unknown>

/** The statuses after which a response never changes. */
const TERMINAL = new Set(['completed', 'failed', 'incomplete', 'cancelled'])

/** Whether a response status is final. */
export function isTerminalResponse(status: string): boolean {
  return TERMINAL.has(status)
}

/** Thrown at a tick once the response was cancelled (or evicted): the script stops there. */
export class Stopped extends Error {}

/** What a run needs from its face. */
export interface RunHost {
  delayMs: number
  random: Random
}

/** A response, its events and its live streams. */
export class ResponseRun {
  /** Every SSE frame sent so far, in order: frame N carries `sequence_number` N. */
  readonly frames: string[] = []
  /** Tokens of output so far (one per delta), for `usage` and `max_output_tokens`. */
  outputTokens = 0
  /** Reasoning tokens so far (one per summary delta). */
  reasoningTokens = 0
  /** Ticks per tick: the slow scenario goes at 5× pace. */
  pace = 1
  /** Live streams, each with the sequence number it wants events after. */
  private readonly sinks = new Map<StreamSink, number>()
  private stopRequested = false
  private quickTicks = 0
  /** Resolves when the response is terminal (a non-streaming create waits for it). */
  readonly settled: Promise<void>
  private settle: () => void = () => {}

  constructor(
    readonly response: WireResponse,
    readonly host: RunHost,
    /** The last user text of the turn (this response's input, or inherited): it picks the scenario. */
    readonly userText: string,
    /** The input items of this response, with ids (`GET /responses/{id}/input_items`). */
    readonly inputItems: WireItem[],
  ) {
    this.settled = new Promise((resolve) => (this.settle = resolve))
  }

  /** Whether the response reached a final status. */
  get terminal(): boolean {
    return isTerminalResponse(this.response.status)
  }

  /** Whether a client is streaming from it (eviction spares those while it can). */
  get streaming(): boolean {
    return this.sinks.size > 0
  }

  /** Sends one event (`type` and `sequence_number` first, as the API writes them) and logs it. */
  emit(type: string, fields: Record<string, unknown>): void {
    const sequence = this.frames.length
    const data = JSON.stringify({ type, sequence_number: sequence, ...fields })
    const frame = `event: ${type}\ndata: ${data}\n\n`
    this.frames.push(frame)
    for (const [sink, after] of this.sinks) if (sequence > after) sink.send(frame)
  }

  /**
   * Attaches a stream: the logged events after `startingAfter` at once, then the live ones. A stream
   * on a terminal response ends after the replay.
   */
  attach(sink: StreamSink, startingAfter = -1): void {
    for (let index = Math.max(0, startingAfter + 1); index < this.frames.length; index++)
      sink.send(this.frames[index] as string)
    if (this.terminal) sink.end()
    else this.sinks.set(sink, startingAfter)
  }

  /** Detaches a stream whose reader left; the response goes on. */
  detach(sink: StreamSink): void {
    this.sinks.delete(sink)
  }

  /** Marks the response final: ends its streams and wakes a waiting create. */
  finish(): void {
    for (const sink of this.sinks.keys()) sink.end()
    this.sinks.clear()
    this.settle()
  }

  /** Asks the script to stop at its next tick (cancel, eviction). */
  stop(): void {
    this.stopRequested = true
  }

  /** Pauses `count` ticks at the face's pace and until every reader has room; throws {@link Stopped}. */
  async tick(count = 1): Promise<void> {
    const ms = this.host.delayMs * count * this.pace
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms))
    else if (++this.quickTicks % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 0))
    for (const sink of this.sinks.keys()) {
      const ready = sink.ready?.()
      if (ready) await ready
    }
    if (this.stopRequested) throw new Stopped()
  }
}
