// A fake Responses + Conversations upstream: just enough of OpenAI's shapes (JSON and SSE, each event
// with its sequence_number) for the official SDK to parse, stream and accumulate through the proxy.
import type { ServerResponse } from 'node:http'
import type { FakeUpstreamHandler, RecordedRequest } from './fakeUpstream.js'

export const RESPONSE_ID = 'resp_fake1'
export const CONVERSATION_ID = 'conv_fake1'
const TEXT = ['Sunny', ' in Paris.']

/** A `response` object as the API returns it. */
export function responseObject(status: string, model: string, withOutput: boolean) {
  return {
    id: RESPONSE_ID,
    object: 'response',
    created_at: 1_766_434_871,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model,
    output: withOutput ? [message('completed', TEXT.join(''))] : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    store: true,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: null,
    metadata: {},
  }
}

const message = (status: string, text: string | null) => ({
  id: 'msg_fake1',
  type: 'message',
  role: 'assistant',
  status,
  content: text === null ? [] : [{ type: 'output_text', text, annotations: [] }],
})

/** The events of one short text response, numbered from 0. */
export function responseEvents(model: string): Array<Record<string, unknown>> {
  const at = { item_id: 'msg_fake1', output_index: 0, content_index: 0 }
  const events: Array<Record<string, unknown>> = [
    { type: 'response.created', response: responseObject('in_progress', model, false) },
    { type: 'response.in_progress', response: responseObject('in_progress', model, false) },
    { type: 'response.output_item.added', output_index: 0, item: message('in_progress', null) },
    { type: 'response.content_part.added', ...at, part: { type: 'output_text', text: '', annotations: [] } },
    ...TEXT.map((delta) => ({ type: 'response.output_text.delta', ...at, delta, logprobs: [] })),
    { type: 'response.output_text.done', ...at, text: TEXT.join(''), logprobs: [] },
    { type: 'response.content_part.done', ...at, part: message('completed', TEXT.join('')).content[0] },
    { type: 'response.output_item.done', output_index: 0, item: message('completed', TEXT.join('')) },
    { type: 'response.completed', response: responseObject('completed', model, true) },
  ]
  return events.map((event, sequence_number) => ({ ...event, sequence_number }))
}

function sse(res: ServerResponse, events: Array<Record<string, unknown>>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'x-request-id': 'req_sse' })
  for (const event of events) res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
  res.end()
}

function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_json' })
  res.end(JSON.stringify(body))
}

const conversation = { id: CONVERSATION_ID, object: 'conversation', created_at: 1_766_434_871, metadata: {} }
const userItem = {
  id: 'msg_user1',
  type: 'message',
  role: 'user',
  status: 'completed',
  content: [{ type: 'input_text', text: 'Weather in Paris?' }],
}
const list = (data: unknown[]) => ({
  object: 'list',
  data,
  first_id: 'msg_user1',
  last_id: 'msg_user1',
  has_more: false,
})

/** Answers the Responses wire's paths below `/v1` (the fake upstream's root); anything else is a 404. */
export const responsesUpstream: FakeUpstreamHandler = (recorded: RecordedRequest, res) => {
  const url = new URL(recorded.url, 'http://upstream.test')
  const path = url.pathname.replace(/^\/v1/, '')
  const body = recorded.body ? (JSON.parse(recorded.body) as Record<string, unknown>) : {}
  const model = typeof body.model === 'string' ? body.model : 'runline-sim'
  if (recorded.method === 'POST' && path === '/responses') {
    return body.stream ? sse(res, responseEvents(model)) : json(res, responseObject('completed', model, true))
  }
  if (recorded.method === 'GET' && path === `/responses/${RESPONSE_ID}`) {
    if (url.searchParams.get('stream') !== 'true') return json(res, responseObject('completed', model, true))
    const after = Number(url.searchParams.get('starting_after') ?? -1)
    return sse(
      res,
      responseEvents(model).filter((event) => (event.sequence_number as number) > after),
    )
  }
  if (recorded.method === 'POST' && path === `/responses/${RESPONSE_ID}/cancel`) {
    return json(res, { ...responseObject('cancelled', model, false), background: true })
  }
  if (recorded.method === 'GET' && path === `/responses/${RESPONSE_ID}/input_items`)
    return json(res, list([userItem]))
  if (recorded.method === 'POST' && path === '/conversations') return json(res, conversation)
  if (recorded.method === 'GET' && path === `/conversations/${CONVERSATION_ID}`)
    return json(res, conversation)
  if (path === `/conversations/${CONVERSATION_ID}/items`) return json(res, list([userItem]))
  if (recorded.method === 'GET' && path === `/conversations/${CONVERSATION_ID}/items/msg_user1`) {
    return json(res, userItem)
  }
  json(
    res,
    {
      error: {
        message: `No route ${recorded.method} ${path}`,
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    },
    404,
  )
}
