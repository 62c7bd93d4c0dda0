import { createRunEventDecoder, type RunStreamEvent } from '@runline/core'

/**
 * Decodes a whole SSE text (a recording) into run events with the core parser, synchronously.
 * A recording whose last event lacks its blank line still yields it (the decoder flushes at the end).
 */
export function eventsFromSse(text: string): RunStreamEvent[] {
  const events: RunStreamEvent[] = []
  const decoder = createRunEventDecoder('sse', (event) => events.push(event))
  decoder.feed(text)
  decoder.end()
  return events
}
