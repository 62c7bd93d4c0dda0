// Test helpers for the Responses wire: the recordings re-framed as SSE, and openai-node's
// `accumulateResponse` as the oracle (not part of the published API).
import { listResponsesRecordings, readResponsesRecording } from '@runline/fixtures'
import { accumulateResponse } from 'openai/lib/responses/ResponseAccumulator'
import type { Response, ResponseStreamEvent } from 'openai/resources/responses/responses'
import { utf8 } from './recordings.js'

export interface ResponsesRecording {
  name: string
  /** The events, one parsed JSON object each, in order. */
  events: Record<string, any>[]
  /** The recording framed as SSE the way the server sent it (see SOURCES.md). */
  bytes: Uint8Array
}

/** Frames JSON event objects as SSE: `event: <type>` (or none) then `data: <json>`. */
export function frameSse(lines: readonly string[], eventLines = true): string {
  let out = ''
  for (const line of lines) {
    const type = (JSON.parse(line) as { type?: unknown }).type
    out += eventLines && typeof type === 'string' ? `event: ${type}\ndata: ${line}\n\n` : `data: ${line}\n\n`
  }
  return out
}

/** Every Responses recording, sorted by name. */
export function loadResponsesRecordings(): ResponsesRecording[] {
  return listResponsesRecordings().map((name) => {
    const lines = readResponsesRecording(name)
      .split('\n')
      .filter((line) => line.trim() !== '')
    return { name, events: lines.map((line) => JSON.parse(line)), bytes: utf8(frameSse(lines)) }
  })
}

export interface AccumulatorResult {
  /** One snapshot per response (a `response.created` begins the next), as `accumulateResponse` left it. */
  responses: Response[]
  /** What `accumulateResponse` threw, if it did (it stops there). */
  error: unknown
}

/**
 * openai-node's `accumulateResponse` over `events` (split into responses at each `response.created`;
 * events before the first are skipped). Fed clones, so the events stay untouched.
 */
export function accumulate(
  events: readonly unknown[],
  /** Called after each event the accumulator took, with its responses so far (live: compare at once). */
  onStep?: (index: number, responses: readonly Response[]) => void,
): AccumulatorResult {
  const responses: Response[] = []
  let snapshot: Response | undefined
  try {
    events.forEach((raw, index) => {
      const event = structuredClone(raw) as ResponseStreamEvent
      if (event.type === 'response.created') {
        snapshot = accumulateResponse(event)
        responses.push(snapshot)
      } else if (snapshot) {
        snapshot = accumulateResponse(event, snapshot)
        responses[responses.length - 1] = snapshot
      }
      onStep?.(index, responses)
    })
  } catch (error) {
    return { responses, error }
  }
  return { responses, error: null }
}
