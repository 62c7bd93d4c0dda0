import type { RunOverrideField } from './policy.js'
import type { InputImagePolicy } from './responses-input.js'
import type { ResponseAgentProfile, ResponseOverrideField, ResponsesBodyIds } from './responses-policy.js'
import type { ProxyOperation, RouteIds } from './routes.js'
import type { TokenCredentialLike } from './token.js'

/** How the upstream is addressed and authenticated; see {@link UpstreamOptions.flavor}. */
export type UpstreamFlavor = 'openai' | 'azure' | 'foundry'

/** Where requests go and how they are authenticated there. */
export interface UpstreamOptions {
  /**
   * API root without a trailing slash: `https://api.openai.com/v1` (or a self-hosted server's) for
   * `openai`; the project endpoint `https://<resource>.services.ai.azure.com/api/projects/<project>`
   * for `foundry`; `https://<resource>.openai.azure.com/openai` for `azure`.
   */
  url: string
  /** `openai` and `azure` only: injected server-side; never read from or sent to the browser. */
  apiKey?: string
  /**
   * - `openai` (default): `Authorization: Bearer <apiKey>`, `OpenAI-Beta: assistants=v2`.
   * - `foundry`: Azure AI Foundry Agent Service, classic agents (announced retirement 2027-03-31):
   *   a Microsoft Entra bearer token from `credential`, `?api-version=` ({@link foundryApiVersion})
   *   on every request, no API key.
   * - `azure`: Azure OpenAI's Assistants API (`api-key` header + `?api-version=`). **That service was
   *   shut down on 2026-08-26**; kept for compatible deployments only. Foundry agents use `foundry`.
   */
  flavor?: UpstreamFlavor
  /** Required for `azure` (e.g. `2024-05-01-preview`). */
  azureApiVersion?: string
  /** `foundry`: the `api-version` query parameter sent on every request. Default `v1`. */
  foundryApiVersion?: string
  /**
   * `foundry` (required): where bearer tokens come from — any `@azure/identity` `TokenCredential`, or
   * your own `{ getToken(scopes) → { token, expiresOnTimestamp } }`. Tokens are cached, refreshed
   * before they expire (one `getToken` at a time, shared by concurrent requests) and never reach the
   * browser. A failing `getToken` answers `502 upstream_credential_failed`.
   */
  credential?: TokenCredentialLike
  /** `foundry`: the token scope. Default `https://ai.azure.com/.default`. */
  tokenScope?: string
  /** `foundry`: told why `getToken` failed (for your logs; the browser only gets a generic 502). */
  onCredentialError?: (error: unknown) => void
  /** The fetch used to reach the upstream (e.g. an in-process simulator's). Default: global `fetch`. */
  fetch?: typeof fetch
  /**
   * Longest silence (ms) while reading an upstream body, error bodies and streams alike. Default 60 s.
   * Over it the upstream request is aborted: a body not yet sent becomes a 504, a stream ends with an
   * `event: error` (code `upstream_idle_timeout`).
   */
  idleTimeoutMs?: number
  /**
   * Root of the Responses wire (`/responses`, `/conversations`). Default: `url`, except for `foundry`,
   * whose new agents speak it at `<project endpoint>/openai/v1`. Responses requests carry no `api-version`.
   */
  responsesUrl?: string
}

/**
 * Context handed to {@link RunlineProxyOptions.authorize}: the operation, the ids in its path and, for
 * `responses.create` and conversation item creation, the ids its body names.
 */
export interface AuthorizeContext extends RouteIds, ResponsesBodyIds {
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
  /**
   * Forward `GET /threads` (`threads.list`, Foundry's list of the project's threads). Default `false`:
   * it enumerates **every** thread of the upstream project, whoever made it — enable it only where
   * every caller may see all of them, or refuse it per caller in `authorize`.
   */
  allowThreadList?: boolean
  /** Run-creation fields the browser may set (all refused with 400 by default). */
  allowRunOverrides?: readonly RunOverrideField[]
  /**
   * The Responses wire's agent profiles, by the name the browser sends as `model`. The proxy replaces
   * `model` with the profile's and fills in what it pins (instructions, tools, ...). Without profiles
   * (and without `'model'` in `allowResponseOverrides`), `/responses` and `/conversations` are 404.
   */
  agents?: Readonly<Record<string, ResponseAgentProfile>>
  /** Response-creation fields the browser may set (all refused with 400 by default); `'model'`: any model. */
  allowResponseOverrides?: readonly ResponseOverrideField[]
  /** `input_image` sources the browser may use. Default `{ url: true, fileId: false }`. */
  responseInputImages?: Partial<InputImagePolicy>
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
