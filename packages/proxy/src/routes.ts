import { ID_SUFFIX, INCLUDE_QUERY, LIST_QUERY, type MethodTable, notFound, table } from './route-table.js'
import { matchResponsesRoute } from './routes-responses.js'

/** Every upstream operation the proxy forwards. Anything else is refused before the upstream is contacted. */
export type ProxyOperation =
  | 'threads.create'
  | 'threads.list'
  | 'threads.retrieve'
  | 'threads.createAndRun'
  | 'messages.create'
  | 'messages.list'
  | 'messages.retrieve'
  | 'runs.create'
  | 'runs.retrieve'
  | 'runs.list'
  | 'runs.update'
  | 'runs.cancel'
  | 'runs.submitToolOutputs'
  | 'runs.steps.list'
  | 'runs.steps.retrieve'
  | 'files.content'
  | 'responses.create'
  | 'responses.retrieve'
  | 'responses.cancel'
  | 'responses.inputItems.list'
  | 'conversations.create'
  | 'conversations.retrieve'
  | 'conversations.items.list'
  | 'conversations.items.create'
  | 'conversations.items.retrieve'

/** The ids a matched path names; each one already passed its strict pattern. */
export interface RouteIds {
  threadId?: string
  runId?: string
  messageId?: string
  stepId?: string
  fileId?: string
  /** `resp_…` (Responses wire). */
  responseId?: string
  /** `conv_…` (Responses wire). */
  conversationId?: string
  /** A conversation item id (`msg_…`, `fc_…`, …). */
  itemId?: string
}

/** A path + method the proxy forwards. `path` is rebuilt from the validated ids, never copied from the request. */
export interface MatchedRoute extends RouteIds {
  kind: 'match'
  operation: ProxyOperation
  path: string
  /** Query parameters this operation may carry upstream; all others are dropped. */
  query: readonly string[]
}

/** Why a request is refused without contacting the upstream. */
export interface RefusedRoute {
  kind: 'refused'
  status: 400 | 404 | 405
  message: string
  code: string
  /** For 405: the methods the path does accept. */
  allow?: string[]
}

// Ids are opaque to us but always short ASCII words: OpenAI `thread_abc123`, Azure `assistant-abc`, files `file-abc`.
const THREAD_ID = new RegExp(`^thread_${ID_SUFFIX}$`)
const RUN_ID = new RegExp(`^run_${ID_SUFFIX}$`)
const MESSAGE_ID = new RegExp(`^msg_${ID_SUFFIX}$`)
const STEP_ID = new RegExp(`^step_${ID_SUFFIX}$`)
const FILE_ID = new RegExp(`^(?:file|assistant)[-_]${ID_SUFFIX}$`)
/** The only characters a forwarded path can contain; `%`, `.`, `\` and friends never appear in a real one. */
const SAFE_PATH = /^(?:\/[A-Za-z0-9_-]+)+$/

/**
 * Reports why a raw request target (path + query, before any URL normalisation) looks like a path trick:
 * dot segments, encoded dots/slashes/backslashes, backslashes, double slashes, control characters.
 * Returns `null` when the target is clean. Runtimes normalise `..` and `%2e%2e` inside `new URL()`, so
 * servers that see the raw target (Node's `incoming.url`) should call this before building a `Request`.
 */
export function findPathTrick(rawTarget: string): string | null {
  const queryStart = rawTarget.indexOf('?')
  const path = queryStart === -1 ? rawTarget : rawTarget.slice(0, queryStart)
  if (path.includes('\\')) return 'backslash in path'
  if (/%(?:2e|2f|5c|00)/i.test(path)) return 'encoded dot, slash, backslash or NUL in path'
  if (/(?:^|\/)\.{1,2}(?:\/|$)/.test(path)) return 'dot segment in path'
  if (path.includes('//')) return 'empty path segment'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what we refuse
  if (/[\u0000-\u001f\u007f]/.test(rawTarget)) return 'control character in request target'
  return null
}

/** Routes that exist only when the proxy is configured for them. */
export interface RouteOptions {
  /** `GET /threads` (`threads.list`): Foundry's list of the project's threads. Default `false`. */
  threadList?: boolean
  /** `/responses` and `/conversations` (the Responses wire): only when agent profiles are configured. */
  responses?: boolean
}

/**
 * Maps a method and a path relative to the API root (e.g. `/threads/thread_1/runs`) to the operation it
 * performs, or to the refusal to send. Pure; every id is checked against its strict pattern.
 */
export function matchRoute(
  method: string,
  path: string,
  options: RouteOptions = {},
): MatchedRoute | RefusedRoute {
  if (path === '' || path === '/') return notFound('/')
  const trick = findPathTrick(path)
  if (trick || !SAFE_PATH.test(path)) {
    return {
      kind: 'refused',
      status: 400,
      message: `Invalid request path (${trick ?? 'unexpected characters'}).`,
      code: 'invalid_path',
    }
  }
  const s = path.slice(1).split('/')
  const [a, b, c, d, e, f] = s
  if (a === 'files') {
    if (s.length === 3 && b && FILE_ID.test(b) && c === 'content') {
      return table(path, { fileId: b }, { GET: { operation: 'files.content' } }, method)
    }
    return notFound(path)
  }
  if (a === 'responses' || a === 'conversations') {
    return options.responses ? matchResponsesRoute(s, path, method) : notFound(path)
  }
  if (a !== 'threads') return notFound(path)
  if (s.length === 1) {
    const list: MethodTable = options.threadList
      ? { GET: { operation: 'threads.list', query: LIST_QUERY } }
      : {}
    return table(path, {}, { ...list, POST: { operation: 'threads.create' } }, method)
  }
  if (s.length === 2 && b === 'runs')
    return table(path, {}, { POST: { operation: 'threads.createAndRun' } }, method)
  if (!b || !THREAD_ID.test(b)) return notFound(path)
  const threadId = b
  if (s.length === 2) return table(path, { threadId }, { GET: { operation: 'threads.retrieve' } }, method)
  if (c === 'messages') {
    if (s.length === 3) {
      return table(
        path,
        { threadId },
        {
          GET: { operation: 'messages.list', query: [...LIST_QUERY, 'run_id'] },
          POST: { operation: 'messages.create' },
        },
        method,
      )
    }
    if (s.length === 4 && d && MESSAGE_ID.test(d)) {
      return table(path, { threadId, messageId: d }, { GET: { operation: 'messages.retrieve' } }, method)
    }
    return notFound(path)
  }
  if (c !== 'runs') return notFound(path)
  if (s.length === 3) {
    return table(
      path,
      { threadId },
      {
        GET: { operation: 'runs.list', query: LIST_QUERY },
        POST: { operation: 'runs.create', query: INCLUDE_QUERY },
      },
      method,
    )
  }
  if (!d || !RUN_ID.test(d)) return notFound(path)
  const ids = { threadId, runId: d }
  if (s.length === 4) {
    return table(
      path,
      ids,
      { GET: { operation: 'runs.retrieve' }, POST: { operation: 'runs.update' } },
      method,
    )
  }
  if (s.length === 5 && e === 'cancel')
    return table(path, ids, { POST: { operation: 'runs.cancel' } }, method)
  if (s.length === 5 && e === 'submit_tool_outputs') {
    return table(path, ids, { POST: { operation: 'runs.submitToolOutputs' } }, method)
  }
  if (e !== 'steps') return notFound(path)
  if (s.length === 5) {
    return table(
      path,
      ids,
      { GET: { operation: 'runs.steps.list', query: [...LIST_QUERY, ...INCLUDE_QUERY] } },
      method,
    )
  }
  if (s.length === 6 && f && STEP_ID.test(f)) {
    return table(
      path,
      { ...ids, stepId: f },
      { GET: { operation: 'runs.steps.retrieve', query: INCLUDE_QUERY } },
      method,
    )
  }
  return notFound(path)
}
