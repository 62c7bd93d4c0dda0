import type { RunOverrideField } from './policy.js'
import type { ProxyOperation, RouteIds } from './routes.js'

/** Where requests go and how they are authenticated there. */
export interface UpstreamOptions {
  /** API root without a trailing slash, e.g. `https://api.openai.com/v1` or `https://res.openai.azure.com/openai`. */
  url: string
  /** Injected server-side; never read from or sent to the browser. */
  apiKey?: string
  /** `openai`: `Authorization: Bearer`; `azure`: `api-key` header + `api-version` query. Default `openai`. */
  flavor?: 'openai' | 'azure'
  /** Required for `azure` (e.g. `2024-05-01-preview`). */
  azureApiVersion?: string
  /** The fetch used to reach the upstream (e.g. an in-process simulator's). Default: global `fetch`. */
  fetch?: typeof fetch
  /**
   * Longest silence (ms) while reading an upstream body, error bodies and streams alike. Default 60 s.
   * Over it the upstream request is aborted: a body not yet sent becomes a 504, a stream ends with an
   * `event: error` (code `upstream_idle_timeout`).
   */
  idleTimeoutMs?: number
}

/** Context handed to {@link RunlineProxyOptions.authorize}. */
export interface AuthorizeContext extends RouteIds {
  operation: ProxyOperation
}

/** Passed to `onRequest` once a request is routed to an allowed operation (before authorize and body checks). */
export interface ProxyRequestInfo extends RouteIds {
  operation: ProxyOperation
  method: string
  /** Path below `basePath`, e.g. `/threads/thread_1/runs`. */
  path: string
}

/** Passed to `onResponse` when the response head is ready (streams may still be flowing). */
export interface ProxyResponseInfo {
  /** `null` when the request was refused before being matched to an operation. */
  operation: ProxyOperation | null
  method: string
  path: string
  status: number
  durationMs: number
  /** Whether the upstream was contacted at all. */
  forwarded: boolean
  /** The `code` of the proxy's own refusal or failure, when it produced the response. */
  errorCode: string | null
}

/** Options of {@link createRunlineProxy}. */
export interface RunlineProxyOptions {
  upstream: UpstreamOptions
  /** The part of the incoming path to strip before routing. Default `/api/v1`. */
  basePath?: string
  /** Assistants runs may be created for; `'*'` allows any. */
  assistantIds: readonly string[] | '*'
  /** Run-creation fields the browser may set (all refused with 400 by default). */
  allowRunOverrides?: readonly RunOverrideField[]
  /** Origins that get CORS headers. None: same-origin only; other origins are refused with 403. */
  allowedOrigins?: readonly string[]
  /** Request body limit in bytes, enforced while reading. Default 1 MiB; over it: 413. */
  maxBodyBytes?: number
  /** How long to wait for the upstream's response head. Default 60 s; over it: 504. */
  timeoutMs?: number
  /** Decide per request: `false` → 403; a `Response` is sent as is. Runs after routing, before the body is read. */
  authorize?: (request: Request, ctx: AuthorizeContext) => boolean | Response | Promise<boolean | Response>
  /** Called once a request is routed to an allowed operation. */
  onRequest?: (info: ProxyRequestInfo) => void
  /** Called when the response head is ready (for streams, before the body has flowed). */
  onResponse?: (info: ProxyResponseInfo) => void
}

/** A web-standard request handler: works as a Next.js route handler, a Workers/Bun/Deno `fetch`, or via adapters. */
export type RunlineProxyHandler = (request: Request) => Promise<Response>
