// Exact wire behaviour of the client against a real node:http server on 127.0.0.1.
import { readRecordingText } from '@runline/fixtures'
import { afterEach, describe, expect, it } from 'vitest'
import { createRunlineClient, isRunlineError, type RunlineError } from '../index.js'
import { closeServers, sendJson, startServer } from '../test-utils/loopback.js'

afterEach(closeServers)

const run = (status: string, id = 'run_1') => ({ id, object: 'thread.run', thread_id: 'thread_1', status })

async function rejection(promise: Promise<unknown>): Promise<RunlineError> {
  try {
    await promise
  } catch (error) {
    if (isRunlineError(error)) return error
    throw error
  }
  throw new Error('expected a rejection')
}

const FILE_SEARCH_INCLUDE = 'step_details.tool_calls[*].file_search.results[*].content'

describe('requests on the wire', () => {
  it('sends the beta header, JSON content-type on bodies, and client + per-request headers', async () => {
    const server = await startServer((_req, res) => sendJson(res, 200, { id: 'thread_1', object: 'thread' }))
    let tokenCalls = 0
    const client = createRunlineClient({
      baseUrl: `${server.baseUrl}/`,
      headers: () => ({ 'X-CSRF-Token': `token-${++tokenCalls}` }),
    })
    await client.threads.create({ metadata: { a: '1' } })
    await client.threads.retrieve('thread_1', { headers: { 'X-Trace': 'yes' } })

    const [post, get] = server.requests
    expect(post?.method).toBe('POST')
    expect(post?.url).toBe('/api/v1/threads')
    expect(post?.headers['openai-beta']).toBe('assistants=v2')
    expect(post?.headers['content-type']).toBe('application/json')
    expect(post?.headers['x-csrf-token']).toBe('token-1')
    expect(JSON.parse(post?.body ?? '')).toEqual({ metadata: { a: '1' } })

    expect(get?.method).toBe('GET')
    expect(get?.url).toBe('/api/v1/threads/thread_1')
    expect(get?.headers['openai-beta']).toBe('assistants=v2')
    expect(get?.headers['content-type']).toBeUndefined()
    expect(get?.headers['x-csrf-token']).toBe('token-2')
    expect(get?.headers['x-trace']).toBe('yes')
  })

  it('encodes include as repeated include[] params, out of the body, and sets stream only on streams', async () => {
    const server = await startServer((req, res) => {
      if (req.url.includes('/steps/')) return sendJson(res, 200, { id: 'step_1', object: 'thread.run.step' })
      sendJson(res, 200, run('queued'))
    })
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    await client.runs.create(
      'thread_1',
      { assistant_id: 'asst_1', include: [FILE_SEARCH_INCLUDE] },
      { include: [FILE_SEARCH_INCLUDE, 'extra.field'] },
    )
    await client.steps.retrieve('thread_1', 'run_1', 'step_1', { include: [FILE_SEARCH_INCLUDE] })

    const [create, step] = server.requests
    expect(create?.url).toBe(
      '/api/v1/threads/thread_1/runs' +
        '?include[]=step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content&include[]=extra.field',
    )
    expect(JSON.parse(create?.body ?? '')).toEqual({ assistant_id: 'asst_1' })
    expect(step?.url).toBe(
      '/api/v1/threads/thread_1/runs/run_1/steps/step_1' +
        '?include[]=step_details.tool_calls%5B%2A%5D.file_search.results%5B%2A%5D.content',
    )
    expect(new URL(step?.url ?? '', server.origin).searchParams.getAll('include[]')).toEqual([
      FILE_SEARCH_INCLUDE,
    ])
  })

  it('escapes ids in paths and serialises list queries', async () => {
    const server = await startServer((_req, res) =>
      sendJson(res, 200, { object: 'list', data: [], has_more: false }),
    )
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    await client.messages.list('thread/../x', { limit: 5, order: 'asc', run_id: 'run_1' })
    expect(server.requests[0]?.url).toBe(
      '/api/v1/threads/thread%2F..%2Fx/messages?limit=5&order=asc&run_id=run_1',
    )
  })

  it('builds file content URLs under a relative or absolute baseUrl', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end(Buffer.from([137, 80, 78, 71]))
    })
    expect(createRunlineClient({ baseUrl: '/api/v1/' }).files.contentUrl('file-abc')).toBe(
      '/api/v1/files/file-abc/content',
    )
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    expect(client.files.contentUrl('file-abc')).toBe(`${server.baseUrl}/files/file-abc/content`)
    const response = await client.files.content('file-abc')
    expect(response.headers.get('content-type')).toBe('image/png')
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([137, 80, 78, 71])
  })
})

describe('errors', () => {
  it('parses OpenAI-shaped error bodies with the request id', async () => {
    const server = await startServer((_req, res) =>
      sendJson(
        res,
        400,
        {
          error: {
            message: 'Run creation requires a Thread with a user message.',
            type: 'invalid_request_error',
            param: 'thread_id',
            code: 'invalid_thread',
          },
        },
        { 'x-request-id': 'req_123' },
      ),
    )
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    const error = await rejection(client.runs.create('thread_1', { assistant_id: 'asst_1' }))
    expect(error).toBeInstanceOf(Error)
    expect(error.kind).toBe('api')
    expect(error.status).toBe(400)
    expect(error.message).toBe('Run creation requires a Thread with a user message.')
    expect(error.type).toBe('invalid_request_error')
    expect(error.param).toBe('thread_id')
    expect(error.code).toBe('invalid_thread')
    expect(error.requestId).toBe('req_123')
  })

  it('explains a non-JSON 502 page', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html' })
      res.end('<html><head><title>502</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>')
    })
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    const error = await rejection(client.runs.retrieve('thread_1', 'run_1'))
    expect(error.kind).toBe('api')
    expect(error.status).toBe(502)
    expect(error.code).toBeNull()
    expect(error.requestId).toBeNull()
    expect(error.message).toContain('GET /threads/thread_1/runs/run_1 failed with 502 Bad Gateway')
    expect(error.message).toContain('text/html')
    expect(error.message).toContain('502 Bad Gateway nginx')
    expect(error.message).not.toContain('<h1>')
  })

  it('reports a 2xx body that is not JSON as a parse error', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!doctype html><title>dev server fallback</title>')
    })
    const error = await rejection(
      createRunlineClient({ baseUrl: server.baseUrl }).threads.retrieve('thread_1'),
    )
    expect(error.kind).toBe('parse')
    expect(error.status).toBe(200)
  })

  it('reports a 2xx JSON body that is not an object as a parse error, for lists and polls too', async () => {
    for (const body of ['null', '5', '"ok"', '[]']) {
      const server = await startServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(body)
      })
      const client = createRunlineClient({ baseUrl: server.baseUrl })
      // Each rejection is caught as soon as it is made (awaiting them one by one would leave the later
      // ones unhandled for a while).
      const errors = await Promise.all(
        [
          client.runs.retrieve('thread_1', 'run_1'),
          client.runs.poll('thread_1', 'run_1', { pollIntervalMs: 1 }),
          // A list used to wait forever here: its first page never settled.
          client.runs.list('thread_1'),
        ].map(rejection),
      )
      for (const error of errors) {
        expect(error.kind, body).toBe('parse')
        expect(error.message).toMatch(/returned 200 with a body that is not a JSON object/)
      }
    }
  })

  it('reports a network error, distinct from API errors, when nothing listens', async () => {
    const server = await startServer(() => {})
    const { baseUrl } = server
    await server.close()
    const error = await rejection(createRunlineClient({ baseUrl }).threads.retrieve('thread_1'))
    expect(error.kind).toBe('network')
    expect(error.status).toBeNull()
    expect(error.message).toMatch(/network error/)
    expect(error.cause).toBeDefined()
  })

  it('rejects an aborted request with kind abort', async () => {
    const server = await startServer(() => {
      // Never answers.
    })
    const controller = new AbortController()
    const pending = createRunlineClient({ baseUrl: server.baseUrl }).threads.retrieve('thread_1', {
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(new Error('user left')), 20)
    const error = await rejection(pending)
    expect(error.kind).toBe('abort')
    expect((error.cause as Error).message).toBe('user left')
  })
})

describe('polling', () => {
  it('waits for openai-poll-after-ms between retrieves and stops at a stop status', async () => {
    const statuses = ['queued', 'in_progress', 'in_progress', 'requires_action']
    const server = await startServer((req, res) =>
      sendJson(res, 200, run(statuses[server.requests.indexOf(req)] ?? 'failed'), {
        'openai-poll-after-ms': '40',
      }),
    )
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    // A 10 s fallback would time the test out if the header were ignored.
    const result = await client.runs.poll('thread_1', 'run_1', { pollIntervalMs: 10_000 })
    expect(result.status).toBe('requires_action')
    expect(server.requests).toHaveLength(4)
    const gaps = server.requests.slice(1).map((req, i) => req.at - server.requests[i]!.at)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(35)
    expect(server.requests.every((req) => req.url === '/api/v1/threads/thread_1/runs/run_1')).toBe(true)
  })

  it('calls onPending with each run still going, before waiting', async () => {
    const statuses = ['queued', 'in_progress', 'completed']
    const server = await startServer((req, res) =>
      sendJson(res, 200, run(statuses[server.requests.indexOf(req)] ?? 'failed')),
    )
    const seen: string[] = []
    const result = await createRunlineClient({ baseUrl: server.baseUrl }).runs.poll('thread_1', 'run_1', {
      pollIntervalMs: 5,
      onPending: async (pending) => {
        seen.push(pending.status)
      },
    })
    expect(result.status).toBe('completed')
    expect(seen).toEqual(['queued', 'in_progress'])
  })

  it('rejects with a parse error instead of polling forever a run that has no status', async () => {
    const server = await startServer((_req, res) => sendJson(res, 200, { id: 'run_1' }))
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    const error = await rejection(client.runs.poll('thread_1', 'run_1', { pollIntervalMs: 1 }))
    expect(error.kind).toBe('parse')
    expect(error.message).toMatch(/without a status/)
    expect(server.requests).toHaveLength(1)
  })

  it('falls back to pollIntervalMs without the header', async () => {
    const statuses = ['in_progress', 'cancelling', 'cancelled']
    const server = await startServer((req, res) =>
      sendJson(res, 200, run(statuses[server.requests.indexOf(req)] ?? 'failed')),
    )
    const started = performance.now()
    const result = await createRunlineClient({ baseUrl: server.baseUrl }).runs.poll('thread_1', 'run_1', {
      pollIntervalMs: 30,
    })
    expect(result.status).toBe('cancelled')
    expect(performance.now() - started).toBeGreaterThanOrEqual(55)
    expect(server.requests).toHaveLength(3)
  })

  it('createAndPoll creates, then polls the created run', async () => {
    const server = await startServer((req, res) =>
      sendJson(res, 200, run(req.method === 'POST' ? 'queued' : 'completed', 'run_9'), {
        'openai-poll-after-ms': '1',
      }),
    )
    const result = await createRunlineClient({ baseUrl: server.baseUrl }).runs.createAndPoll('thread_1', {
      assistant_id: 'asst_1',
    })
    expect(result).toMatchObject({ id: 'run_9', status: 'completed' })
    expect(server.requests.map((req) => `${req.method} ${req.url}`)).toEqual([
      'POST /api/v1/threads/thread_1/runs',
      'GET /api/v1/threads/thread_1/runs/run_9',
    ])
  })

  it('rejects promptly with kind abort when aborted during a wait', async () => {
    const server = await startServer((_req, res) =>
      sendJson(res, 200, run('in_progress'), { 'openai-poll-after-ms': '60000' }),
    )
    const controller = new AbortController()
    const polling = createRunlineClient({ baseUrl: server.baseUrl }).runs.poll('thread_1', 'run_1', {
      signal: controller.signal,
    })
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    const abortedAt = performance.now()
    controller.abort()
    const error = await rejection(polling)
    expect(error.kind).toBe('abort')
    // The wait was cut short: far less than the 60 s the server asked for. (A bound of 200 ms measured
    // the machine's speed as much as the client's: a busy machine can take longer to run the callbacks.)
    expect(performance.now() - abortedAt).toBeLessThan(5_000)
    expect(server.requests).toHaveLength(1)
  })
})

function eventNames(sse: string): string[] {
  return [...sse.matchAll(/^event: (.+)$/gm)].map((match) => match[1]!)
}

describe('streams', () => {
  it('yields every event of a real recording served in small chunks', async () => {
    const sse = readRecordingText('openai-dotnet__text-only__gpt-4o__2025-10.sse')
    const server = await startServer(async (_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'x-request-id': 'req_stream',
      })
      const bytes = Buffer.from(sse)
      for (let i = 0; i < bytes.length; i += 97) {
        res.write(bytes.subarray(i, i + 97))
        await new Promise((resolve) => setImmediate(resolve))
      }
      res.end()
    })
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    const stream = await client.runs.stream('thread_1', { assistant_id: 'asst_1' })
    expect(stream.requestId).toBe('req_stream')
    expect(stream.response.status).toBe(200)
    const seen: string[] = []
    for await (const event of stream) seen.push(event.event)
    expect(seen).toEqual(eventNames(sse))
    expect(seen.at(-1)).toBe('done')
    const request = server.requests[0]
    expect(request?.headers.accept).toBe('text/event-stream')
    expect(JSON.parse(request?.body ?? '')).toEqual({ assistant_id: 'asst_1', stream: true })
  })

  it('reads NDJSON when the content-type says so', async () => {
    const lines = [
      { event: 'thread.run.created', data: run('queued') },
      { event: 'thread.run.completed', data: run('completed') },
      { event: 'done', data: '[DONE]' },
    ]
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' })
      res.end(lines.map((line) => `${JSON.stringify(line)}\n`).join(''))
    })
    const stream = await createRunlineClient({ baseUrl: server.baseUrl }).runs.submitToolOutputsStream(
      'thread_1',
      'run_1',
      { tool_outputs: [{ tool_call_id: 'call_1', output: 'sunny' }] },
    )
    const seen: string[] = []
    for await (const event of stream) seen.push(event.event)
    expect(seen).toEqual(['thread.run.created', 'thread.run.completed', 'done'])
    expect(server.requests[0]?.url).toBe('/api/v1/threads/thread_1/runs/run_1/submit_tool_outputs')
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      tool_outputs: [{ tool_call_id: 'call_1', output: 'sunny' }],
      stream: true,
    })
  })

  it('rejects a non-2xx stream request with the parsed error, before any iteration', async () => {
    const server = await startServer((_req, res) =>
      sendJson(res, 429, {
        error: { message: 'Slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' },
      }),
    )
    const error = await rejection(
      createRunlineClient({ baseUrl: server.baseUrl }).threads.createAndRunStream({ assistant_id: 'asst_1' }),
    )
    expect(error).toMatchObject({
      kind: 'api',
      status: 429,
      code: 'rate_limit_exceeded',
      message: 'Slow down',
    })
  })

  /** A server that sends two events and then keeps the connection open. */
  it('abort() ends the iteration without an error and closes the connection', async () => {
    const server = await hangingStreamServer()
    const stream = await createRunlineClient({ baseUrl: server.baseUrl }).runs.stream('thread_1', {
      assistant_id: 'asst_1',
    })
    const seen: string[] = []
    for await (const event of stream) {
      seen.push(event.event)
      if (seen.length === 2) setTimeout(() => stream.abort(), 10)
    }
    expect(seen).toEqual(['thread.run.created', 'thread.run.in_progress'])
    await server.requests[0]?.aborted
  })

  it("the request's signal ends the iteration without an error too", async () => {
    const server = await hangingStreamServer()
    const controller = new AbortController()
    const stream = await createRunlineClient({ baseUrl: server.baseUrl }).runs.stream(
      'thread_1',
      { assistant_id: 'asst_1' },
      { signal: controller.signal },
    )
    const seen: string[] = []
    for await (const event of stream) {
      seen.push(event.event)
      if (seen.length === 1) controller.abort()
    }
    expect(seen).toEqual(['thread.run.created'])
    await server.requests[0]?.aborted
  })

  it('breaking out of the loop releases the connection', async () => {
    const server = await hangingStreamServer()
    const stream = await createRunlineClient({ baseUrl: server.baseUrl }).runs.stream('thread_1', {
      assistant_id: 'asst_1',
    })
    for await (const _event of stream) break
    await server.requests[0]?.aborted
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/only once/)
  })

  it('surfaces a connection dropped mid-stream as a network error', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(`event: thread.run.created\ndata: ${JSON.stringify(run('queued'))}\n\n`)
      setTimeout(() => res.destroy(), 20)
    })
    const stream = await createRunlineClient({ baseUrl: server.baseUrl }).runs.stream('thread_1', {
      assistant_id: 'asst_1',
    })
    const seen: string[] = []
    const error = await rejection(
      (async () => {
        for await (const event of stream) seen.push(event.event)
      })(),
    )
    expect(seen).toEqual(['thread.run.created'])
    expect(error.kind).toBe('network')
  })
})

/** A stream that sends two events, then hangs until the client goes away. */
async function hangingStreamServer() {
  return startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.write(`event: thread.run.created\ndata: ${JSON.stringify(run('queued'))}\n\n`)
    res.write(`event: thread.run.in_progress\ndata: ${JSON.stringify(run('in_progress'))}\n\n`)
  })
}

describe('RunEventStream.forEach (the fast path)', () => {
  it('hands every event over, ending with done', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(`event: thread.run.created\ndata: ${JSON.stringify(run('queued'))}\n\n`)
      res.end(
        `event: thread.run.completed\ndata: ${JSON.stringify(run('completed'))}\n\nevent: done\ndata: [DONE]\n\n`,
      )
    })
    const stream = await createRunlineClient({ baseUrl: server.baseUrl }).runs.stream('thread_1', {
      assistant_id: 'asst_1',
    })
    const seen: string[] = []
    await stream.forEach((event) => {
      seen.push(event.event)
    })
    expect(seen).toEqual(['thread.run.created', 'thread.run.completed', 'done'])
    await expect(stream.forEach(() => {})).rejects.toThrow(/only once/)
  })

  it('abort ends it quietly; a dropped connection rejects as a network error', async () => {
    const hanging = await hangingStreamServer()
    const stream = await createRunlineClient({ baseUrl: hanging.baseUrl }).runs.stream('thread_1', {
      assistant_id: 'asst_1',
    })
    const seen: string[] = []
    await stream.forEach((event) => {
      seen.push(event.event)
      stream.abort()
    })
    expect(seen).toEqual(['thread.run.created'])
    await hanging.requests[0]?.aborted

    const dropping = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(`event: thread.run.created\ndata: ${JSON.stringify(run('queued'))}\n\n`)
      setTimeout(() => res.destroy(), 20)
    })
    const dropped = await createRunlineClient({ baseUrl: dropping.baseUrl }).runs.stream('thread_1', {
      assistant_id: 'asst_1',
    })
    const error = await rejection(dropped.forEach(() => {}))
    expect(error.kind).toBe('network')
  })
})

describe('cursor pages', () => {
  const ids = Array.from({ length: 7 }, (_, i) => `run_${i + 1}`)

  /** Serves `ids` in pages honouring after/before/limit, like the Assistants API. */
  async function listServer() {
    return startServer((req, res) => {
      const params = new URL(req.url, 'http://x').searchParams
      const limit = Number(params.get('limit') ?? '20')
      const after = params.get('after')
      const before = params.get('before')
      let window: string[]
      let hasMore: boolean
      if (before) {
        const end = ids.indexOf(before)
        window = ids.slice(Math.max(0, end - limit), end)
        hasMore = end - limit > 0
      } else {
        const start = after ? ids.indexOf(after) + 1 : 0
        window = ids.slice(start, start + limit)
        hasMore = start + limit < ids.length
      }
      sendJson(res, 200, {
        object: 'list',
        data: window.map((id) => run('completed', id)),
        first_id: window[0] ?? null,
        last_id: window.at(-1) ?? null,
        has_more: hasMore,
      })
    })
  }

  it('awaits to the first page and pages forward with after: last_id', async () => {
    const server = await listServer()
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    const first = await client.runs.list('thread_1', { limit: 3 })
    expect(first.data.map((r) => r.id)).toEqual(['run_1', 'run_2', 'run_3'])
    expect(first).toMatchObject({ first_id: 'run_1', last_id: 'run_3', has_more: true })
    expect(first.hasNextPage()).toBe(true)
    const second = await first.getNextPage()
    expect(second.data.map((r) => r.id)).toEqual(['run_4', 'run_5', 'run_6'])
    expect(server.requests[1]?.url).toBe('/api/v1/threads/thread_1/runs?limit=3&after=run_3')
    const third = await second.getNextPage()
    expect(third.data.map((r) => r.id)).toEqual(['run_7'])
    expect(third.hasNextPage()).toBe(false)
    await expect(third.getNextPage()).rejects.toThrow(/No next page/)
  })

  it('iterates every item of every page with for await', async () => {
    const server = await listServer()
    const seen: string[] = []
    for await (const item of createRunlineClient({ baseUrl: server.baseUrl }).runs.list('thread_1', {
      limit: 2,
    })) {
      seen.push(item.id)
    }
    expect(seen).toEqual(ids)
    expect(server.requests).toHaveLength(4)
  })

  it('stops paging when the server hands back the page its cursor asked to skip', async () => {
    // A server that ignores `after` and always says there is more.
    const server = await startServer((_req, res) =>
      sendJson(res, 200, { object: 'list', data: [run('completed', 'run_1')], has_more: true }),
    )
    const seen: string[] = []
    for await (const item of createRunlineClient({ baseUrl: server.baseUrl }).runs.list('thread_1')) {
      seen.push(item.id)
      if (seen.length > 10) break
    }
    expect(seen).toEqual(['run_1', 'run_1'])
    expect(server.requests).toHaveLength(2)
  })

  it('pages backwards with before: first_id when the list started with before', async () => {
    const server = await listServer()
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    const seen: string[][] = []
    let page = await client.steps.list('thread_1', 'run_1', { before: 'run_7', limit: 2 })
    seen.push(page.data.map((r) => r.id))
    while (page.hasNextPage()) {
      page = await page.getNextPage()
      seen.push(page.data.map((r) => r.id))
    }
    expect(seen).toEqual([
      ['run_5', 'run_6'],
      ['run_3', 'run_4'],
      ['run_1', 'run_2'],
    ])
    expect(server.requests[1]?.url).toBe('/api/v1/threads/thread_1/runs/run_1/steps?before=run_5&limit=2')
  })
})
