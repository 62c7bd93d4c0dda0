import type { MatchedRoute, ProxyOperation, RefusedRoute, RouteIds } from './routes.js'

/** The part of an id after its prefix: short ASCII words (`thread_abc123`, `file-abc`, `resp_abc`). */
export const ID_SUFFIX = '[A-Za-z0-9][A-Za-z0-9_-]{0,99}'

/** Query parameters of cursor-paginated lists. */
export const LIST_QUERY = ['limit', 'order', 'after', 'before'] as const
/** `include` as the SDK sends it (`include[]=…`) and as a plain repeated parameter. */
export const INCLUDE_QUERY = ['include[]', 'include'] as const

/** The methods one path accepts, each with its operation and the query parameters it may carry. */
export type MethodTable = Partial<
  Record<'GET' | 'POST', { operation: ProxyOperation; query?: readonly string[] }>
>

/** The match for `method` in `methods`, or a 405 naming the methods the path does accept. */
export function table(
  path: string,
  ids: RouteIds,
  methods: MethodTable,
  method: string,
): MatchedRoute | RefusedRoute {
  const entry = method === 'GET' || method === 'POST' ? methods[method] : undefined
  if (!entry) {
    return {
      kind: 'refused',
      status: 405,
      message: `Method ${method} is not allowed on this path through the proxy.`,
      code: 'method_not_allowed',
      allow: Object.keys(methods),
    }
  }
  return { kind: 'match', operation: entry.operation, path, query: entry.query ?? [], ...ids }
}

/** The 404 for a path that is not in the route table. */
export const notFound = (path: string): RefusedRoute => ({
  kind: 'refused',
  status: 404,
  message: `Unknown request URL: ${path}. The proxy forwards only the operations its allowlist names.`,
  code: 'unknown_url',
})
