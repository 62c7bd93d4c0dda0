// A fake Responses + Conversations server as a `fetch` function, replaying the real recordings
// (packages/fixtures/real/responses) re-framed as SSE (`event: <type>\ndata: <line>\n\n`). Only the
// server is fake; the client, parser, fold and controller are the real ones. It honours `background`
// (re-attach with `starting_after`, cancel) and `conversation`. (The simulator's Responses face
// will replace it.) Node only: it reads the recordings from disk.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createRunlineClient, type FetchLike, type RunlineClient } from '@runline/core'

export const RESPONSES_BASE_URL = 'http://responses.test/v1'

type Json = Record<string, any>

/** One request the client sent. */
export interface FakeRequest {
  method: string
  path: string
  query: Record<string, string>
  body: Json | undefined
}

/** One `POST /responses` the fake answers: a recorded response, and how its stream behaves. */
export interface FakeTurn {
  /** The recording's file name (without the folder) and which response in it (default 0). */
  file: string
  response?: number
  /** The stream breaks (a network error) after this many events; the response goes on server-side. */
  dropAfter?: number
  /** The stream sends this many events and then stays open until the client aborts. */
  holdAfter?: number
}

const FOLDER = fileURLToPath(new URL('../../../fixtures/real/responses/', import.meta.url))

/** The events of each response in a recording (a file may hold several back to back). */
export function recordedResponses(file: string): Json[][] {
  const lines = readFileSync(`${FOLDER}${file}`, 'utf8').split('\n').filter(Boolean)
  const responses: Json[][] = []
  for (const line of lines) {
    const event = JSON.parse(line) as Json
    if (event.type === 'response.created' || responses.length === 0) responses.push([])
    responses[responses.length - 1]!.push(event)
  }
  return responses
}

const frame = (events: readonly Json[]) =>
  events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join('')
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** An SSE body: `events`, then the end, a network error (`drop`) or nothing until `signal` aborts (`hold`). */
function sse(events: readonly Json[], end: 'end' | 'drop' | 'hold', signal?: AbortSignal | null) {
  const bytes = new TextEncoder().encode(frame(events))
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes)
      if (end === 'end') controller.close()
      if (end === 'drop') setTimeout(() => controller.error(new TypeError('network error')), 0)
      if (end === 'hold')
        signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')))
    },
  })
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } })
}

/** The fake server, a client on it, and the log of every request. */
export function createResponsesFake(turns: readonly FakeTurn[]): {
  client: RunlineClient
  requests: FakeRequest[]
  /** The `POST /responses` requests, in order. */
  creates: () => FakeRequest[]
} {
  const requests: FakeRequest[] = []
  const stored = new Map<string, { events: Json[]; final: Json; background: boolean }>()
  let next = 0
  let conversations = 0

  const fetch: FetchLike = async (input, init) => {
    const method = init?.method ?? 'GET'
    const url = new URL(input)
    const path = url.pathname.slice(new URL(RESPONSES_BASE_URL).pathname.length)
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Json) : undefined
    const query = Object.fromEntries(url.searchParams)
    requests.push({ method, path, query, body })

    if (method === 'POST' && path === '/conversations') {
      conversations++
      return json(200, { id: `conv_${conversations}`, object: 'conversation', created_at: 0, metadata: {} })
    }
    if (method === 'POST' && path === '/responses') {
      const turn = turns[next++]
      if (!turn) return json(500, { error: { message: 'no more scripted responses' } })
      const background = body?.background === true
      const conversation = typeof body?.conversation === 'string' ? { id: body.conversation } : null
      // The recording as this request would have made it: its own flags, its conversation.
      const events = recordedResponses(turn.file)[turn.response ?? 0]!.map((event) =>
        event.response ? { ...event, response: { ...event.response, background, conversation } } : event,
      )
      const final = [...events].reverse().find((event) => event.response)!.response as Json
      stored.set(final.id, { events, final, background })
      if (turn.holdAfter !== undefined) return sse(events.slice(0, turn.holdAfter), 'hold', init?.signal)
      if (turn.dropAfter !== undefined) return sse(events.slice(0, turn.dropAfter), 'drop')
      return sse(events, 'end')
    }
    const match = /^\/responses\/([^/]+)(\/cancel)?$/.exec(path)
    const response = match ? stored.get(decodeURIComponent(match[1]!)) : undefined
    if (!match || !response) return json(404, { error: { message: `not found: ${path}` } })
    if (match[2]) {
      if (!response.background)
        return json(400, { error: { message: 'Only background responses can be cancelled.' } })
      response.final = { ...response.final, status: 'cancelled' }
      return json(200, response.final)
    }
    if (query.stream === 'true') {
      if (!response.background)
        return json(400, { error: { message: 'Only background responses can be streamed.' } })
      const after = query.starting_after === undefined ? -1 : Number(query.starting_after)
      return sse(
        response.events.filter((event) => event.sequence_number > after),
        'end',
      )
    }
    return json(200, response.final)
  }

  return {
    client: createRunlineClient({ baseUrl: RESPONSES_BASE_URL, fetch }),
    requests,
    creates: () => requests.filter((r) => r.method === 'POST' && r.path === '/responses'),
  }
}
