// The Responses wire's resources: `client.responses` and `client.conversations` (OpenAI's paths, which
// the proxy forwards for Foundry's new agents too). Streams are `RunEventStream`s of Responses events.
import type {
  Conversation,
  ConversationCreateParams,
  ConversationUpdateParams,
} from 'openai/resources/conversations/conversations'
import type { ConversationItem, ItemCreateParams, ItemListParams } from 'openai/resources/conversations/items'
import type { InputItemListParams } from 'openai/resources/responses/input-items'
import type { ResponseCreateParamsBase, ResponseItem } from 'openai/resources/responses/responses'
import type { Response as ApiResponse } from '../responses/types.js'
import { openStream } from './lazy.js'
import { type CursorPageResponse, PagePromise } from './pagination.js'
import type { RunEventStream } from './stream.js'
import type { RequestOptions, Transport } from './transport.js'
import { apiPath, type Query } from './url.js'

/** Body of `responses.create` / `responses.stream`; `stream` is set by the method (`background` passes through). */
export type ResponseCreateBody = Omit<ResponseCreateParamsBase, 'stream'>

/** Options of `responses.retrieve`. */
export interface ResponseRetrieveOptions extends RequestOptions {
  /** Sent as repeated `include[]=` query params. */
  include?: readonly string[]
}

/** Options of `responses.retrieveStream` (re-attaching to a background response's stream). */
export interface ResponseStreamOptions extends ResponseRetrieveOptions {
  /** Only the events after this `sequence_number` (what the store already folded). */
  starting_after?: number
}

/** `client.responses`. */
export interface ResponsesResource {
  /** `POST /responses` (no stream; with `background: true` it returns at once, `queued`). */
  create(body: ResponseCreateBody, options?: RequestOptions): Promise<ApiResponse>
  /** `POST /responses` with `stream: true`: the response's events (`response.created` first). */
  stream(body: ResponseCreateBody, options?: RequestOptions): Promise<RunEventStream>
  /** `GET /responses/{response_id}`. */
  retrieve(responseId: string, options?: ResponseRetrieveOptions): Promise<ApiResponse>
  /** `GET /responses/{response_id}?stream=true[&starting_after=N]`: re-attaches to a background response's stream. */
  retrieveStream(responseId: string, options?: ResponseStreamOptions): Promise<RunEventStream>
  /** `POST /responses/{response_id}/cancel` (background responses). */
  cancel(responseId: string, options?: RequestOptions): Promise<ApiResponse>
  readonly inputItems: {
    /** `GET /responses/{response_id}/input_items`, as a cursor page (await) or every item (for await). */
    list(responseId: string, query?: InputItemListParams, options?: RequestOptions): PagePromise<ResponseItem>
  }
}

/** `client.conversations`. */
export interface ConversationsResource {
  /** `POST /conversations`. */
  create(body?: ConversationCreateParams, options?: RequestOptions): Promise<Conversation>
  /** `GET /conversations/{conversation_id}`. */
  retrieve(conversationId: string, options?: RequestOptions): Promise<Conversation>
  /** `POST /conversations/{conversation_id}` (metadata). */
  update(
    conversationId: string,
    body: ConversationUpdateParams,
    options?: RequestOptions,
  ): Promise<Conversation>
  readonly items: {
    /** `GET /conversations/{conversation_id}/items`, as a cursor page (await) or every item (for await). */
    list(
      conversationId: string,
      query?: ItemListParams,
      options?: RequestOptions,
    ): PagePromise<ConversationItem & { id: string }>
    /** `POST /conversations/{conversation_id}/items` (up to 20 items); the created items as a list page. */
    create(
      conversationId: string,
      body: ItemCreateParams,
      options?: RequestOptions,
    ): Promise<CursorPageResponse<ConversationItem & { id: string }>>
  }
}

function includeQuery(options: ResponseRetrieveOptions | undefined, extra?: Query): Query | undefined {
  const include = options?.include?.length ? { include: [...options.include] } : {}
  const query = { ...extra, ...include }
  return Object.keys(query).length > 0 ? query : undefined
}

/** The Responses wire's resources over `transport`. */
export function createResponsesResources(transport: Transport): {
  responses: ResponsesResource
  conversations: ConversationsResource
} {
  // Every request of these APIs says so: no Assistants beta header on them.
  const api = 'responses' as const
  const call = async <T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    query: Query | undefined,
    opts: RequestOptions | undefined,
  ) =>
    (
      await transport.json<T>({
        method,
        path,
        body,
        query,
        signal: opts?.signal,
        headers: opts?.headers,
        api,
      })
    ).data
  const list = <T>(path: string, query: object | undefined, opts: RequestOptions | undefined) =>
    PagePromise.of<T & { id: string }>(
      async (pageQuery) =>
        (
          await transport.json<CursorPageResponse<T & { id: string }>>({
            method: 'GET',
            path,
            query: pageQuery,
            signal: opts?.signal,
            headers: opts?.headers,
            api,
          })
        ).data,
      { ...(query as Query | undefined) },
    ) as unknown as PagePromise<T & { id: string }>
  const withoutStream = (body: object) => {
    const { stream: _ignored, ...rest } = body as Record<string, unknown>
    return rest
  }
  const responsePath = (id: string) => apiPath`/responses/${id}`

  const responses: ResponsesResource = {
    create: (body, opts) => call<ApiResponse>('POST', '/responses', withoutStream(body), undefined, opts),
    stream: (body, opts) =>
      openStream(transport, {
        method: 'POST',
        path: '/responses',
        body: { ...withoutStream(body), stream: true },
        signal: opts?.signal,
        headers: opts?.headers,
        api,
      }),
    retrieve: (id, opts) => call<ApiResponse>('GET', responsePath(id), undefined, includeQuery(opts), opts),
    retrieveStream: (id, opts) =>
      openStream(transport, {
        method: 'GET',
        path: responsePath(id),
        query: includeQuery(opts, {
          stream: 'true',
          ...(opts?.starting_after !== undefined ? { starting_after: opts.starting_after } : {}),
        }),
        signal: opts?.signal,
        headers: opts?.headers,
        api,
      }),
    cancel: (id, opts) => call<ApiResponse>('POST', `${responsePath(id)}/cancel`, undefined, undefined, opts),
    inputItems: {
      list: (id, query, opts) => list<ResponseItem>(`${responsePath(id)}/input_items`, query, opts),
    },
  }

  const conversationPath = (id: string) => apiPath`/conversations/${id}`
  const conversations: ConversationsResource = {
    create: (body, opts) => call<Conversation>('POST', '/conversations', body ?? {}, undefined, opts),
    retrieve: (id, opts) => call<Conversation>('GET', conversationPath(id), undefined, undefined, opts),
    update: (id, body, opts) => call<Conversation>('POST', conversationPath(id), body, undefined, opts),
    items: {
      list: (id, query, opts) => list<ConversationItem>(`${conversationPath(id)}/items`, query, opts),
      create: (id, body, opts) => {
        const { include, ...rest } = body
        const query = include?.length ? { include: [...include] } : undefined
        return call<CursorPageResponse<ConversationItem & { id: string }>>(
          'POST',
          `${conversationPath(id)}/items`,
          rest,
          query,
          opts,
        )
      },
    },
  }
  return { responses, conversations }
}
