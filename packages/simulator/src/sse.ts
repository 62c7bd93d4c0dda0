import { toWireJson } from './json.js'

/** The exact terminator of every real stream. */
export const SSE_DONE = 'event: done\ndata: [DONE]\n\n'

/** One SSE frame as the API writes it: an `event:` line, a single `data:` line, a blank line. */
export function formatSseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${toWireJson(data)}\n\n`
}

/** Headers of a streaming response. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
}
