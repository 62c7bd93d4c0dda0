/** Helpers of the Responses face's tests: requests, SSE events, the real Responses recordings. */
import { listResponsesRecordings, readResponsesRecording } from '@runline/fixtures'
import type { Simulator } from '../simulator.js'
import { call, parseSse } from './sse.js'

/** A Responses stream event as JSON. */
export type Event = { type: string; sequence_number: number } & Record<string, any>

/** The events of an SSE body (each frame's `event:` is its `type`). */
export function responseEvents(text: string): Event[] {
  return parseSse(text).map((frame) => {
    const event = JSON.parse(frame.data) as Event
    if (frame.event !== event.type) throw new Error(`event: ${frame.event} carries type ${event.type}`)
    return event
  })
}

/** `POST /responses` with `stream: true`; the events. */
export async function streamResponse(sim: Simulator, body: Record<string, unknown>): Promise<Event[]> {
  const response = await call(sim, 'POST', '/responses', { model: 'runline-sim', stream: true, ...body })
  if (response.status !== 200) throw new Error(`stream failed: ${response.status} ${await response.text()}`)
  return responseEvents(await response.text())
}

/** The final response of a stream (its last event's `response`). */
export function finalOf(events: Event[]): any {
  return (events.at(-1) as Event).response
}

/** Every real Responses recording, file name → events (the GitHub Copilot one included). */
export function readResponseRecordings(): Map<string, Event[]> {
  const out = new Map<string, Event[]>()
  for (const name of listResponsesRecordings())
    out.set(
      name,
      readResponsesRecording(name)
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Event),
    )
  return out
}

/** A `ParsedResponse` without what only the SDK's parsing adds (`output_parsed`, each text part's `parsed`). */
export function unparsed<T extends { output: unknown[] }>(response: T): T {
  const { output_parsed: _parsed, ...rest } = response as T & { output_parsed?: unknown }
  const output = response.output.map((item: any) =>
    item.type === 'message'
      ? { ...item, content: item.content.map(({ parsed: _p, ...part }: any) => part) }
      : item,
  )
  return { ...rest, output } as T
}
