// A fake Foundry classic-agents server as a `fetch` function: spec-shaped SSE bodies built from core's
// Foundry event builders. Only the server is fake; parse, reduce and the controller are the real ones.
// (The simulator's Foundry face will replace it.) Pure: the stories run it in the page too.
import {
  createRunlineClient,
  type FetchLike,
  type RequiredMcpToolCall,
  type RunlineClient,
  type ToolApproval,
} from '@runline/core'
import {
  APPROVAL_CALLS,
  approvalContinuationEvents,
  approvalRequestEvents,
  FOUNDRY_IDS,
  type FoundryRunIds,
  toSse,
} from '../../../core/src/test-utils/foundry.js'

export const FOUNDRY_BASE_URL = 'http://foundry.test/api/projects/runline'

/** One request the client sent. */
export interface FakeRequest {
  method: string
  path: string
  body: Record<string, unknown> | undefined
}

/** Options of {@link createFoundryFake}. */
export interface FoundryFakeOptions {
  /** The MCP calls the run asks to approve. */
  calls?: readonly RequiredMcpToolCall[]
  /** Runs before a submit is answered (e.g. to hold it while a second click happens). */
  beforeSubmit?: () => Promise<void> | void
  /** Threads `GET /threads` lists, newest first. */
  threads?: readonly string[]
  /** Ids and clock of the run (e.g. an `expiresAt` ahead of the real clock). */
  ids?: FoundryRunIds
}

const sse = (text: string) =>
  new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } })
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** The fake server, a client on it, and the log of every request. */
export function createFoundryFake(options: FoundryFakeOptions = {}): {
  client: RunlineClient
  requests: FakeRequest[]
  submits: () => FakeRequest[]
} {
  const calls = options.calls ?? APPROVAL_CALLS
  const ids = options.ids ?? FOUNDRY_IDS
  const requests: FakeRequest[] = []
  let submitted = false

  const fetch: FetchLike = async (input, init) => {
    const method = init?.method ?? 'GET'
    const url = new URL(input)
    const path = url.pathname.slice(new URL(FOUNDRY_BASE_URL).pathname.length)
    const body =
      typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined
    requests.push({ method, path, body })
    if (method === 'POST' && (path === '/threads/runs' || path === `/threads/${ids.threadId}/runs`))
      return sse(toSse(approvalRequestEvents(calls, ids)))
    if (method === 'POST' && path.endsWith('/submit_tool_outputs')) {
      await options.beforeSubmit?.()
      const approvals = (body?.tool_approvals ?? []) as ToolApproval[]
      const answered = new Set(approvals.map((a) => a.tool_call_id))
      if (submitted || !calls.every((call) => answered.has(call.id)))
        return json(400, { error: { message: 'Run is not waiting for these approvals', code: null } })
      submitted = true
      return sse(toSse(approvalContinuationEvents(approvals, calls, ids)))
    }
    if (method === 'GET' && path === '/threads') {
      const ids = options.threads ?? []
      const after = url.searchParams.get('after')
      const limit = Number(url.searchParams.get('limit') ?? 20)
      const start = after ? ids.indexOf(after) + 1 : 0
      const page = ids.slice(start, start + limit)
      return json(200, {
        object: 'list',
        data: page.map((id) => ({ id, object: 'thread', created_at: 1, metadata: {}, tool_resources: {} })),
        first_id: page[0] ?? null,
        last_id: page.at(-1) ?? null,
        has_more: start + limit < ids.length,
      })
    }
    return json(404, { error: { message: `No fake route for ${method} ${path}`, code: 'not_found' } })
  }

  return {
    client: createRunlineClient({ baseUrl: FOUNDRY_BASE_URL, fetch }),
    requests,
    submits: () => requests.filter((r) => r.path.endsWith('/submit_tool_outputs')),
  }
}
