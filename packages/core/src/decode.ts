import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { isRecord } from './merge.js'
import { isFragmentDelta, readFragmentDelta } from './responses/fragment-delta.js'
import { endsResponse } from './responses/parse.js'
import { readResponsesTextDelta } from './responses/text-delta.js'
import { createTextDeltaMemo, readTextDelta, type TextDeltaMemo } from './text-delta.js'
import type { RunStreamEvent, StreamErrorEvent } from './types.js'

// Text to events: the incremental SSE / NDJSON decoder under both stream readers (parse.ts).

/** Wire formats `parseRunStream` understands. */
export type StreamFormat = 'sse' | 'ndjson'

/** Builds the `error` event that stands in for input the parser could not read. */
export function malformedEvent(message: string): StreamErrorEvent {
  return {
    event: 'error',
    data: { code: 'malformed_event', message, param: null, type: 'runline_parse_error' },
  }
}

/**
 * Turns one SSE message into a run event. `null` means "end of stream" (`[DONE]` / `event: done`).
 * Exported for tests and for adapters that already have SSE messages in hand.
 */
export function eventFromSse(message: EventSourceMessage): RunStreamEvent | null {
  return decodeSse(message, undefined)
}

/** {@link eventFromSse} with the text-delta memo of the stream the message belongs to. */
function decodeSse(message: EventSourceMessage, memo: TextDeltaMemo | undefined): RunStreamEvent | null {
  let name = message.event === undefined ? 'message' : knownName(message.event)
  if (name === 'done' || message.data === '[DONE]') return null
  // A Responses text delta may come without its `event:` line (the name is then its `type`): its
  // template names itself, so it takes the fast read too. The other fragment deltas are read fast
  // when their `event:` line names them (their `type` must say the same).
  let data: unknown =
    name === 'thread.message.delta'
      ? readTextDelta(message.data, memo)
      : name === 'response.output_text.delta' || name === 'message'
        ? readResponsesTextDelta(message.data, memo)
        : isFragmentDelta(name)
          ? readFragmentDelta(message.data, name, memo)
          : undefined
  if (data === undefined) {
    try {
      data = JSON.parse(message.data)
    } catch {
      return malformedEvent(`Malformed JSON in "${name}" event: ${preview(message.data)}`)
    }
  }
  // A Responses event may come without its `event:` line: its name is its `type`.
  if (name === 'message') name = typeName(data) ?? name
  return toEvent(name, data)
}

/**
 * The string constant for a delta event's name. The SSE parser hands a name over as a slice of the
 * network chunk, and the first `===` between such a slice and a constant compares characters through a
 * slow path (some 50-90 ns on Node 20: as much as folding a text delta in place); the reducer's switch,
 * the store and the callbacks each compared again. The constant compares by identity wherever the event
 * goes next, and a kept delta no longer keeps its chunk alive through its name. Deltas (the Responses
 * text delta too) are nearly all of a stream; any other name stays as it came (a map of them all
 * measured no faster).
 */
function knownName(name: string): string {
  if (name === 'thread.message.delta') return 'thread.message.delta'
  if (name === 'response.output_text.delta') return 'response.output_text.delta'
  return name === 'thread.run.step.delta' ? 'thread.run.step.delta' : name
}

/** A Responses event's name: its `type`, when it is a string. */
function typeName(data: unknown): string | undefined {
  return isRecord(data) && typeof data.type === 'string' ? knownName(data.type) : undefined
}

/**
 * Real streams wrap error data as `{"error":{...}}`; the API's type says bare. Accept both. A
 * Responses error event's `sequence_number` stays on the unwrapped error.
 */
function toEvent(name: string, data: unknown): RunStreamEvent {
  if (name === 'error' && isRecord(data) && isRecord(data.error)) {
    const seq = data.sequence_number
    data = typeof seq === 'number' ? { ...data.error, sequence_number: seq } : data.error
  }
  return { event: name, data } as RunStreamEvent
}

function eventFromNdjsonLine(line: string): RunStreamEvent | null | undefined {
  if (line.trim() === '') return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(line)
  } catch {
    return malformedEvent(`Malformed JSON line: ${preview(line)}`)
  }
  // A Responses event (what its SSE `data:` carries) is named by its `type`.
  if (isRecord(parsed) && parsed.event === undefined) {
    const name = typeName(parsed)
    if (name !== undefined) return toEvent(name, parsed)
  }
  if (!isRecord(parsed) || typeof parsed.event !== 'string') {
    return malformedEvent(`NDJSON line is not an {event, data} object: ${preview(line)}`)
  }
  const name = knownName(parsed.event)
  if (name === 'done') return null
  return toEvent(name, parsed.data)
}

/** Receives each decoded event; `done` comes once, last. */
export type RunEventSink = (event: RunStreamEvent) => void

/** What {@link createRunEventDecoder} returns. */
export interface RunEventDecoder {
  /** Decodes `text`, the stream's next characters: each event they complete reaches the sink at once. */
  feed(text: string): void
  /** The stream ended: decodes what is left (an SSE event without its blank line, an NDJSON line without its break). */
  end(): void
  /** True once the stream said it is done (`[DONE]`, `event: done`, a Responses terminal event at the end). */
  readonly ended: boolean
}

/**
 * An incremental decoder: feed it text as it arrives, then call `end()`. Events reach `sink`
 * synchronously, so a consumer pays no promise per event.
 */
export function createRunEventDecoder(format: StreamFormat, sink: RunEventSink): RunEventDecoder {
  // The object returned below; `ended` is a data property it sets, not a getter: V8 keeps an object
  // literal that defines a getter as a dictionary ("slow") object, which cost every stream a
  // microsecond or two to make and every chunk's `feed` / `ended` a hash lookup.
  let decoder: { feed(text: string): void; end(): void; ended: boolean }
  // The last event's name: a Responses stream ends after its response's terminal event, with no `[DONE]`.
  let last = ''
  const push = (event: RunStreamEvent | null | undefined) => {
    if (event === undefined || decoder.ended) return
    if (event === null) {
      decoder.ended = true
      sink({ event: 'done', data: '[DONE]' })
      return
    }
    last = event.event
    sink(event)
  }
  const finish = () => {
    if (endsResponse(last)) push(null)
  }
  if (format === 'ndjson') {
    let partial = ''
    decoder = {
      feed(text) {
        // Most chunks end on a line break; only the unfinished tail is carried over.
        const lines = (partial + text).split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) push(eventFromNdjsonLine(line))
      },
      end() {
        push(eventFromNdjsonLine(partial))
        partial = ''
        finish()
      },
      ended: false,
    }
    return decoder
  }
  // This stream's own memo: consecutive deltas of one stream share ids, two streams share nothing.
  const memo = createTextDeltaMemo()
  const parser = createParser({ onEvent: (message) => push(decodeSse(message, memo)) })
  decoder = {
    feed: (text) => parser.feed(text),
    // Two blank lines dispatch an event the server left without its terminating blank line.
    end: () => {
      parser.feed('\n\n')
      finish()
    },
    ended: false,
  }
  return decoder
}

function preview(text: string): string {
  return text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}…` : JSON.stringify(text)
}
