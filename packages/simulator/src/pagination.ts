import { ApiError } from './http.js'

/** Cursor pagination parameters of every list endpoint. */
export interface PageQuery {
  after: string | null
  before: string | null
  limit: number
  order: 'asc' | 'desc'
}

/** The list envelope of every list endpoint. */
export interface ListPage<T> {
  object: 'list'
  data: T[]
  first_id: string | null
  last_id: string | null
  has_more: boolean
}

/** Parses `after`, `before`, `limit` (1..100, default 20) and `order` (default desc). */
export function parsePageQuery(params: URLSearchParams): PageQuery {
  const rawLimit = params.get('limit')
  let limit = 20
  if (rawLimit !== null) {
    limit = Number(rawLimit)
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new ApiError(
        400,
        `Invalid 'limit': integer must be between 1 and 100, got ${JSON.stringify(rawLimit)}.`,
        'limit',
        'integer_out_of_range',
      )
    }
  }
  const order = params.get('order') ?? 'desc'
  if (order !== 'asc' && order !== 'desc') {
    throw new ApiError(
      400,
      `Invalid value for 'order': expected one of 'asc' or 'desc', got '${order}'.`,
      'order',
      'invalid_value',
    )
  }
  return { after: params.get('after'), before: params.get('before'), limit, order }
}

/**
 * One page of `items` (given in creation order). `after` returns the items that follow the cursor
 * in the requested order, `before` the ones that precede it (the closest `limit` of them).
 * An unknown cursor yields an empty page. `has_more` says whether more items lie beyond the page
 * in the direction of travel.
 */
export function paginate<T extends { id: string }, R>(
  items: readonly T[],
  query: PageQuery,
  view: (item: T) => R,
): ListPage<R> {
  const ordered = query.order === 'asc' ? [...items] : [...items].reverse()
  let from = 0
  let to = ordered.length
  if (query.after !== null) {
    const at = ordered.findIndex((item) => item.id === query.after)
    from = at === -1 ? ordered.length : at + 1
  }
  if (query.before !== null) {
    const at = ordered.findIndex((item) => item.id === query.before)
    to = at === -1 ? from : at
  }
  let page: T[]
  let hasMore: boolean
  if (query.before !== null && query.after === null) {
    const start = Math.max(from, to - query.limit)
    page = ordered.slice(start, to)
    hasMore = start > from
  } else {
    page = ordered.slice(from, Math.min(to, from + query.limit))
    hasMore = from + query.limit < to
  }
  return {
    object: 'list',
    data: page.map(view),
    first_id: page[0]?.id ?? null,
    last_id: page[page.length - 1]?.id ?? null,
    has_more: hasMore,
  }
}
