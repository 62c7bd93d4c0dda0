// Foundry additions of the client on the wire (a real node:http server on 127.0.0.1): tool approvals
// on `submit_tool_outputs`, and `GET /threads`.
import { afterEach, describe, expect, it } from 'vitest'
import { createRunlineClient, isRunlineError, type RunStreamEvent } from '../index.js'
import { approvalContinuationEvents, FOUNDRY_IDS, foundryRun, toSse } from '../test-utils/foundry.js'
import { closeServers, sendJson, startServer } from '../test-utils/loopback.js'

afterEach(closeServers)

const { threadId, runId } = FOUNDRY_IDS
const submitUrl = `/api/v1/threads/${threadId}/runs/${runId}/submit_tool_outputs`

describe('tool approvals', () => {
  it('submitToolApprovals posts tool_approvals (and nothing else the caller passed) to submit_tool_outputs', async () => {
    const server = await startServer((_req, res) => sendJson(res, 200, foundryRun('queued')))
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    const run = await client.runs.submitToolApprovals(threadId, runId, {
      tool_approvals: [
        { tool_call_id: 'call_a', approve: true, headers: { 'x-mcp-token': 'secret' } },
        { tool_call_id: 'call_b', approve: false, note: 'not on the wire' } as never,
      ],
    })
    expect(run.status).toBe('queued')
    const [request] = server.requests
    expect(request?.method).toBe('POST')
    expect(request?.url).toBe(submitUrl)
    expect(request?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(request?.body ?? '')).toEqual({
      tool_approvals: [
        { tool_call_id: 'call_a', approve: true, headers: { 'x-mcp-token': 'secret' } },
        { tool_call_id: 'call_b', approve: false },
      ],
    })
  })

  it('submitToolApprovalsStream streams the continuation with stream: true', async () => {
    const events = approvalContinuationEvents([{ tool_call_id: 'call_mcp_search', approve: true }])
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      const sse = toSse(events)
      // In small pieces, as a real server flushes.
      for (let i = 0; i < sse.length; i += 97) res.write(sse.slice(i, i + 97))
      res.end()
    })
    const stream = await createRunlineClient({ baseUrl: server.baseUrl }).runs.submitToolApprovalsStream(
      threadId,
      runId,
      { tool_approvals: [{ tool_call_id: 'call_mcp_search', approve: true }] },
    )
    const seen: RunStreamEvent[] = []
    for await (const event of stream) seen.push(event)
    expect(seen.map((e) => e.event)).toEqual([...events.map((e) => e.event), 'done'])
    expect(server.requests[0]?.headers.accept).toBe('text/event-stream')
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      tool_approvals: [{ tool_call_id: 'call_mcp_search', approve: true }],
      stream: true,
    })
  })

  it('one submit can answer outputs and approvals; without approvals the body is unchanged', async () => {
    const server = await startServer((_req, res) => sendJson(res, 200, foundryRun('queued')))
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    await client.runs.submitToolOutputs(threadId, runId, {
      tool_outputs: [{ tool_call_id: 'call_f', output: '42' }],
      tool_approvals: [{ tool_call_id: 'call_m', approve: true }],
    })
    await client.runs.submitToolOutputs(threadId, runId, {
      tool_outputs: [{ tool_call_id: 'call_f', output: '42' }],
      tool_approvals: [],
    })
    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([
      {
        tool_outputs: [{ tool_call_id: 'call_f', output: '42' }],
        tool_approvals: [{ tool_call_id: 'call_m', approve: true }],
      },
      { tool_outputs: [{ tool_call_id: 'call_f', output: '42' }] },
    ])
  })

  it('an expired or answered run rejects with the API error', async () => {
    const server = await startServer((_req, res) =>
      sendJson(res, 400, {
        error: {
          message: 'Run is not waiting for approvals',
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      }),
    )
    const error = await createRunlineClient({ baseUrl: server.baseUrl })
      .runs.submitToolApprovals(threadId, runId, { tool_approvals: [{ tool_call_id: 'x', approve: true }] })
      .catch((e: unknown) => e)
    expect(isRunlineError(error) && error.kind === 'api' && error.status === 400).toBe(true)
  })
})

describe('threads.list', () => {
  it('GET /threads pages with after: last_id', async () => {
    const thread = (id: string) => ({ id, object: 'thread', created_at: 1, metadata: {}, tool_resources: {} })
    const server = await startServer((req, res) => {
      const after = new URL(req.url, 'http://x').searchParams.get('after')
      sendJson(
        res,
        200,
        after
          ? {
              object: 'list',
              data: [thread('thread_c')],
              first_id: 'thread_c',
              last_id: 'thread_c',
              has_more: false,
            }
          : {
              object: 'list',
              data: [thread('thread_a'), thread('thread_b')],
              first_id: 'thread_a',
              last_id: 'thread_b',
              has_more: true,
            },
      )
    })
    const client = createRunlineClient({ baseUrl: server.baseUrl })
    const ids: string[] = []
    for await (const item of client.threads.list({ limit: 2, order: 'desc' })) ids.push(item.id)
    expect(ids).toEqual(['thread_a', 'thread_b', 'thread_c'])
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v1/threads?limit=2&order=desc',
      '/api/v1/threads?limit=2&order=desc&after=thread_b',
    ])
  })
})
