import type { Query, QueryValue } from './url.js'

/** The list envelope the Assistants API returns. */
export interface CursorPageResponse<T> {
  object?: string
  data: T[]
  first_id?: string | null
  last_id?: string | null
  has_more?: boolean
}

/** Cursor query parameters shared by every list endpoint (plus endpoint-specific ones). */
export interface CursorQuery {
  after?: string
  before?: string
  limit?: number
  order?: 'asc' | 'desc'
  [param: string]: QueryValue
}

/** One page of a list, able to fetch the page after it. */
export interface CursorPage<T> {
  data: T[]
  first_id: string | null
  last_id: string | null
  has_more: boolean
  /** True when the server says there is more and this page has a cursor to continue from. */
  hasNextPage(): boolean
  /**
   * The following page: `after: last_id`, or `before: first_id` when this list was requested with `before`
   * (paging backwards). Rejects when {@link CursorPage.hasNextPage} is false.
   */
  getNextPage(): Promise<CursorPage<T>>
}

/** Fetches one page for a query; the resource binds path and signal. */
export type PageFetcher<T> = (query: Query) => Promise<CursorPageResponse<T>>

/** Wraps a list envelope into a {@link CursorPage} that knows how to fetch its successor. */
export function toCursorPage<T extends { id: string }>(
  fetchPage: PageFetcher<T>,
  query: Query,
  body: CursorPageResponse<T>,
): CursorPage<T> {
  const data = Array.isArray(body.data) ? body.data : []
  const first_id = body.first_id ?? data[0]?.id ?? null
  const last_id = body.last_id ?? data[data.length - 1]?.id ?? null
  const has_more = body.has_more === true
  const backwards = query.before != null && query.after == null
  const cursor = backwards ? first_id : last_id
  // A server that ignores the cursor would hand back the same page forever: stop there.
  const hasNextPage = () =>
    has_more && data.length > 0 && cursor !== null && cursor !== (backwards ? query.before : query.after)
  return {
    data,
    first_id,
    last_id,
    has_more,
    hasNextPage,
    async getNextPage() {
      if (!hasNextPage() || cursor === null) {
        throw new Error('No next page: check hasNextPage() before calling getNextPage()')
      }
      const next: Query = backwards
        ? { ...query, before: cursor }
        : { ...query, after: cursor, before: undefined }
      return toCursorPage(fetchPage, next, await fetchPage(next))
    },
  }
}

/**
 * What `list()` returns: a promise of the first {@link CursorPage} (the request starts at once), which is
 * also async-iterable over every item of every page:
 * `for await (const run of client.runs.list(threadId)) …`.
 */
export class PagePromise<T extends { id: string }>
  extends Promise<CursorPage<T>>
  implements AsyncIterable<T>
{
  // `then`/`catch` return plain promises, not half-built PagePromises.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise
  }

  /** Starts fetching the first page for `query`. */
  static of<T extends { id: string }>(fetchPage: PageFetcher<T>, query: Query): PagePromise<T> {
    return new PagePromise<T>((resolve, reject) => {
      fetchPage(query)
        .then((body) => toCursorPage(fetchPage, query, body))
        .then(resolve, reject)
    })
  }

  /** Yields every item, fetching further pages only as iteration reaches them. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    let page: CursorPage<T> = await (this as Promise<CursorPage<T>>)
    for (;;) {
      yield* page.data
      if (!page.hasNextPage()) return
      page = await page.getNextPage()
    }
  }
}
