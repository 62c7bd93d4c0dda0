import type { Message, MessageCreateParams, MessageListParams } from 'openai/resources/beta/threads/messages'
import type {
  Run,
  RunCreateParamsBase,
  RunListParams,
  RunSubmitToolOutputsParamsBase,
} from 'openai/resources/beta/threads/runs/runs'
import type { RunStep, StepListParams } from 'openai/resources/beta/threads/runs/steps'
import type {
  Thread,
  ThreadCreateAndRunParamsBase,
  ThreadCreateParams,
} from 'openai/resources/beta/threads/threads'
import type { Metadata } from 'openai/resources/shared'
import type { ToolApproval } from '../foundry-types.js'
import { approvalsBody, createToolApprovalMethods, type ToolApprovalMethods } from './approvals.js'
import { loadClientPart, openStream } from './lazy.js'
import { type CursorPageResponse, type CursorQuery, PagePromise } from './pagination.js'
import type { PollOptions } from './poll.js'
import { type ConversationsResource, createResponsesResources, type ResponsesResource } from './responses.js'
import type { RunEventStream } from './stream.js'
import {
  createTransport,
  type RequestOptions,
  type RunlineClientOptions,
  type Transport,
} from './transport.js'
import { apiPath, type Query } from './url.js'

/** Options of calls that accept `include[]` query values (run creation, step retrieval). */
export interface IncludeOptions extends RequestOptions {
  /** Sent as repeated `include[]=` query params, e.g. `step_details.tool_calls[*].file_search.results[*].content`. */
  include?: readonly string[]
}

/** Body of run creation; `include` may sit here (as in openai-node) or in the options. `stream` is set by the method. */
export type RunCreateBody = Omit<RunCreateParamsBase, 'stream'>

/** Body of thread-and-run creation; `stream` is set by the method. */
export type ThreadCreateAndRunBody = Omit<ThreadCreateAndRunParamsBase, 'stream'>

/**
 * Body of tool-output submission; `stream` is set by the method. `tool_approvals` (Foundry) rides
 * along when the same request also answers calls awaiting approval.
 */
export type SubmitToolOutputsBody = Pick<RunSubmitToolOutputsParamsBase, 'tool_outputs'> & {
  tool_approvals?: readonly ToolApproval[]
}

/** Body of a run update. */
export interface RunUpdateBody {
  metadata?: Metadata | null
}

/** Query of `steps.list`. */
export type StepListQuery = Omit<StepListParams, 'thread_id'>

/** `client.threads`. */
export interface ThreadsResource {
  /** `POST /threads`. */
  create(body?: ThreadCreateParams, options?: RequestOptions): Promise<Thread>
  /** `GET /threads/{thread_id}`. */
  retrieve(threadId: string, options?: RequestOptions): Promise<Thread>
  /** `GET /threads` where the backend lists threads (Foundry; OpenAI's API never did): newest first. */
  list(query?: CursorQuery, options?: RequestOptions): PagePromise<Thread>
  /** `POST /threads/runs`: creates a thread and starts a run on it. */
  createAndRun(body: ThreadCreateAndRunBody, options?: RequestOptions): Promise<Run>
  /** `POST /threads/runs` with `stream: true`; the stream starts with `thread.created`. */
  createAndRunStream(body: ThreadCreateAndRunBody, options?: RequestOptions): Promise<RunEventStream>
  /** `createAndRun`, then `runs.poll` until the run stops. */
  createAndRunPoll(body: ThreadCreateAndRunBody, options?: PollOptions): Promise<Run>
}

/** `client.messages`. */
export interface MessagesResource {
  /** `POST /threads/{thread_id}/messages`. */
  create(threadId: string, body: MessageCreateParams, options?: RequestOptions): Promise<Message>
  /** `GET /threads/{thread_id}/messages`, as a cursor page (await) or every message (for await). */
  list(threadId: string, query?: MessageListParams, options?: RequestOptions): PagePromise<Message>
  /** `GET /threads/{thread_id}/messages/{message_id}`. */
  retrieve(threadId: string, messageId: string, options?: RequestOptions): Promise<Message>
}

/** `client.runs`, with Foundry's tool approvals. */
export interface RunsResource extends ToolApprovalMethods {
  /** `POST /threads/{thread_id}/runs`. */
  create(threadId: string, body: RunCreateBody, options?: IncludeOptions): Promise<Run>
  /** `POST /threads/{thread_id}/runs` with `stream: true`. */
  stream(threadId: string, body: RunCreateBody, options?: IncludeOptions): Promise<RunEventStream>
  /** `create`, then `poll` until the run stops. */
  createAndPoll(threadId: string, body: RunCreateBody, options?: PollOptions & IncludeOptions): Promise<Run>
  /** `GET /threads/{thread_id}/runs/{run_id}`. */
  retrieve(threadId: string, runId: string, options?: RequestOptions): Promise<Run>
  /** `POST /threads/{thread_id}/runs/{run_id}` (metadata only). */
  update(threadId: string, runId: string, body: RunUpdateBody, options?: RequestOptions): Promise<Run>
  /** `GET /threads/{thread_id}/runs`, as a cursor page (await) or every run (for await). */
  list(threadId: string, query?: RunListParams, options?: RequestOptions): PagePromise<Run>
  /** `POST /threads/{thread_id}/runs/{run_id}/cancel`. */
  cancel(threadId: string, runId: string, options?: RequestOptions): Promise<Run>
  /**
   * Retrieves the run until it is `requires_action`, `incomplete`, `cancelled`, `completed`, `failed` or
   * `expired`, waiting `openai-poll-after-ms` (when sent) else `pollIntervalMs` (default 1000) between
   * retrieves. Aborting rejects promptly with a `RunlineError` of kind `'abort'`.
   */
  poll(threadId: string, runId: string, options?: PollOptions): Promise<Run>
  /** `POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs`. */
  submitToolOutputs(
    threadId: string,
    runId: string,
    body: SubmitToolOutputsBody,
    options?: RequestOptions,
  ): Promise<Run>
  /** `submit_tool_outputs` with `stream: true`: the continuation stream of the run. */
  submitToolOutputsStream(
    threadId: string,
    runId: string,
    body: SubmitToolOutputsBody,
    options?: RequestOptions,
  ): Promise<RunEventStream>
  /** `submitToolOutputs`, then `poll` until the run stops again. */
  submitToolOutputsAndPoll(
    threadId: string,
    runId: string,
    body: SubmitToolOutputsBody,
    options?: PollOptions,
  ): Promise<Run>
}

/** `client.steps`. */
export interface StepsResource {
  /** `GET /threads/{thread_id}/runs/{run_id}/steps`, as a cursor page (await) or every step (for await). */
  list(threadId: string, runId: string, query?: StepListQuery, options?: RequestOptions): PagePromise<RunStep>
  /** `GET /threads/{thread_id}/runs/{run_id}/steps/{step_id}`. */
  retrieve(threadId: string, runId: string, stepId: string, options?: IncludeOptions): Promise<RunStep>
}

/** `client.files`. */
export interface FilesResource {
  /** The URL of `/files/{file_id}/content` under `baseUrl` (relative when `baseUrl` is), e.g. for `<img src>`. */
  contentUrl(fileId: string): string
  /** `GET /files/{file_id}/content`: the raw 2xx response, body unread. */
  content(fileId: string, options?: RequestOptions): Promise<Response>
}

/**
 * The browser client for the Runline proxy. Request failures reject with `RunlineError` (kinds `api`,
 * `network`, `abort`, `parse`); only an error thrown by your own `headers` function propagates as it is.
 */
export interface RunlineClient {
  readonly baseUrl: string
  readonly threads: ThreadsResource
  readonly messages: MessagesResource
  readonly runs: RunsResource
  readonly steps: StepsResource
  readonly files: FilesResource
  /** The Responses wire: `/responses` (± stream, ± background, re-attach, cancel, input items). */
  readonly responses: ResponsesResource
  /** The Responses wire: `/conversations` and their items. */
  readonly conversations: ConversationsResource
}

/** Merges `include` from the body (openai-node style) and the options into one query, body without it. */
function splitInclude<B extends { include?: readonly string[] | null }>(
  body: B,
  options: IncludeOptions | undefined,
): { body: Omit<B, 'include'>; query: Query | undefined } {
  const { include: bodyInclude, ...rest } = body
  const include = [...new Set([...(bodyInclude ?? []), ...(options?.include ?? [])])]
  return { body: rest, query: include.length > 0 ? { include } : undefined }
}

/** The wire body: the caller's fields with `stream` forced, whatever an untyped caller passed. */
function withStream(body: object, stream: boolean): Record<string, unknown> {
  const { stream: _ignored, ...rest } = body as Record<string, unknown>
  return stream ? { ...rest, stream: true } : rest
}

function requestOptions(options: RequestOptions | undefined): RequestOptions {
  return { signal: options?.signal, headers: options?.headers }
}

/** The wire body of a submit: outputs, and approvals only when there are some. */
function submitBody(body: SubmitToolOutputsBody, stream: boolean): Record<string, unknown> {
  const approvals = body.tool_approvals?.length ? { tool_approvals: approvalsBody(body.tool_approvals) } : {}
  return withStream({ tool_outputs: body.tool_outputs, ...approvals }, stream)
}

/**
 * Creates the client for a Runline proxy (or any Assistants-v2-compatible server).
 *
 * ```ts
 * const client = createRunlineClient({ baseUrl: '/api/v1', headers: () => ({ 'X-CSRF-Token': token() }) })
 * const stream = await client.runs.stream(threadId, { assistant_id: 'asst_runline_demo' })
 * for await (const event of stream) store.dispatch(event)
 * ```
 */
export function createRunlineClient(options: RunlineClientOptions): RunlineClient {
  const transport: Transport = createTransport(options)

  const getJson = async <T>(path: string, query: Query | undefined, opts: RequestOptions | undefined) =>
    (await transport.json<T>({ method: 'GET', path, query, ...requestOptions(opts) })).data
  const postJson = async <T>(
    path: string,
    body: unknown,
    query: Query | undefined,
    opts: RequestOptions | undefined,
  ) => (await transport.json<T>({ method: 'POST', path, body, query, ...requestOptions(opts) })).data

  const list = <T extends { id: string }>(path: string, query: object | undefined, opts?: RequestOptions) =>
    PagePromise.of<T>(
      async (pageQuery) =>
        (
          await transport.json<CursorPageResponse<T>>({
            method: 'GET',
            path,
            query: pageQuery,
            ...requestOptions(opts),
          })
        ).data,
      { ...(query as Query | undefined) },
    )

  const runPath = (threadId: string, runId: string) => apiPath`/threads/${threadId}/runs/${runId}`
  const submitPath = (threadId: string, runId: string) => `${runPath(threadId, runId)}/submit_tool_outputs`

  const runs: RunsResource = {
    create(threadId, body, opts) {
      const split = splitInclude(body, opts)
      return postJson<Run>(
        apiPath`/threads/${threadId}/runs`,
        withStream(split.body, false),
        split.query,
        opts,
      )
    },
    stream(threadId, body, opts) {
      const split = splitInclude(body, opts)
      return openStream(transport, {
        method: 'POST',
        path: apiPath`/threads/${threadId}/runs`,
        body: withStream(split.body, true),
        query: split.query,
        ...requestOptions(opts),
      })
    },
    async createAndPoll(threadId, body, opts) {
      const run = await runs.create(threadId, body, opts)
      return runs.poll(threadId, run.id, opts)
    },
    retrieve: (threadId, runId, opts) => getJson<Run>(runPath(threadId, runId), undefined, opts),
    update: (threadId, runId, body, opts) =>
      postJson<Run>(runPath(threadId, runId), { metadata: body.metadata }, undefined, opts),
    list: (threadId, query, opts) => list<Run>(apiPath`/threads/${threadId}/runs`, query, opts),
    cancel: (threadId, runId, opts) =>
      postJson<Run>(`${runPath(threadId, runId)}/cancel`, undefined, undefined, opts),
    // The poll loop is loaded on first use: a page that streams its runs never needs it at start.
    poll: async (threadId, runId, opts) =>
      (await loadClientPart(() => import('./poll.js'), `Polling run ${runId}`)).pollRun(
        (signal) =>
          transport.json<Run>({
            method: 'GET',
            path: runPath(threadId, runId),
            signal,
            headers: opts?.headers,
          }),
        opts,
      ),
    submitToolOutputs: (threadId, runId, body, opts) =>
      postJson<Run>(submitPath(threadId, runId), submitBody(body, false), undefined, opts),
    submitToolOutputsStream: (threadId, runId, body, opts) =>
      openStream(transport, {
        method: 'POST',
        path: submitPath(threadId, runId),
        body: submitBody(body, true),
        ...requestOptions(opts),
      }),
    async submitToolOutputsAndPoll(threadId, runId, body, opts) {
      const run = await runs.submitToolOutputs(threadId, runId, body, opts)
      return runs.poll(threadId, run.id, opts)
    },
    ...createToolApprovalMethods(transport, submitPath),
  }

  const threads: ThreadsResource = {
    create: (body, opts) => postJson<Thread>('/threads', body ?? {}, undefined, opts),
    retrieve: (threadId, opts) => getJson<Thread>(apiPath`/threads/${threadId}`, undefined, opts),
    list: (query, opts) => list<Thread>('/threads', query, opts),
    createAndRun: (body, opts) => postJson<Run>('/threads/runs', withStream(body, false), undefined, opts),
    createAndRunStream: (body, opts) =>
      openStream(transport, {
        method: 'POST',
        path: '/threads/runs',
        body: withStream(body, true),
        ...requestOptions(opts),
      }),
    async createAndRunPoll(body, opts) {
      const run = await threads.createAndRun(body, opts)
      return runs.poll(run.thread_id, run.id, opts)
    },
  }

  const messages: MessagesResource = {
    create: (threadId, body, opts) =>
      postJson<Message>(apiPath`/threads/${threadId}/messages`, body, undefined, opts),
    list: (threadId, query, opts) => list<Message>(apiPath`/threads/${threadId}/messages`, query, opts),
    retrieve: (threadId, messageId, opts) =>
      getJson<Message>(apiPath`/threads/${threadId}/messages/${messageId}`, undefined, opts),
  }

  const steps: StepsResource = {
    list: (threadId, runId, query, opts) => list<RunStep>(`${runPath(threadId, runId)}/steps`, query, opts),
    retrieve(threadId, runId, stepId, opts) {
      const { query } = splitInclude({}, opts)
      return getJson<RunStep>(`${runPath(threadId, runId)}${apiPath`/steps/${stepId}`}`, query, opts)
    },
  }

  const files: FilesResource = {
    contentUrl: (fileId) => transport.url(apiPath`/files/${fileId}/content`),
    content: (fileId, opts) =>
      transport.send({
        method: 'GET',
        path: apiPath`/files/${fileId}/content`,
        accept: '*/*',
        ...requestOptions(opts),
      }),
  }

  return {
    baseUrl: options.baseUrl,
    threads,
    messages,
    runs,
    steps,
    files,
    ...createResponsesResources(transport),
  }
}
