'use client'
import {
  type CursorPageResponse,
  type CursorQuery,
  isTerminalStatus,
  type Message,
  type Run,
  type RunlineError,
  type RunStep,
  type Thread,
} from '@runline/core'
import {
  type InfiniteData,
  type QueryKey,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryResult,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import type { ThreadCreateParams } from 'openai/resources/beta/threads/threads'
import type { ConversationItem } from 'openai/resources/conversations/items'
import type { Metadata } from 'openai/resources/shared'
import { invalidateRunQueries } from './invalidate.js'
import { listKeyPart, runlineKeys } from './keys.js'
import { useRunlineClient } from './provider.js'

/** A list page as React Query keeps it: the API's envelope, plain data only. */
export type ListPage<T> = Required<Pick<CursorPageResponse<T>, 'data' | 'has_more'>> & {
  first_id: string | null
  last_id: string | null
}

/** Options of {@link useRun}. */
export interface UseRunOptions {
  /** Refetch while the run is not terminal: `true` every second, or every N ms. */
  poll?: boolean | number
  /** Set false to hold the query. */
  enabled?: boolean
}

/** One run (`runs.retrieve`), refetched while it is not terminal when `poll` is set. */
export function useRun(
  threadId: string | null | undefined,
  runId: string | null | undefined,
  options: UseRunOptions = {},
): UseQueryResult<Run, RunlineError> {
  const client = useRunlineClient()
  const { poll = false, enabled = true } = options
  return useQuery<Run, RunlineError>({
    queryKey: runlineKeys.run(threadId ?? '', runId ?? ''),
    queryFn: ({ signal }) => client.runs.retrieve(threadId!, runId!, { signal }),
    enabled: Boolean(threadId && runId) && enabled,
    refetchInterval: (query) => {
      if (poll === false) return false
      const status = query.state.data?.status
      if (isTerminalStatus(status)) return false
      return poll === true ? 1000 : poll
    },
  })
}

/** Every step of a run, oldest first (all pages). */
export function useRunSteps(
  threadId: string | null | undefined,
  runId: string | null | undefined,
): UseQueryResult<RunStep[], RunlineError> {
  const client = useRunlineClient()
  return useQuery<RunStep[], RunlineError>({
    queryKey: runlineKeys.steps(threadId ?? '', runId ?? ''),
    queryFn: async ({ signal }) => {
      const steps: RunStep[] = []
      for await (const step of client.steps.list(threadId!, runId!, { order: 'asc', limit: 100 }, { signal }))
        steps.push(step)
      return steps
    },
    enabled: Boolean(threadId && runId),
  })
}

function toListPage<T>(page: CursorPageResponse<T>): ListPage<T> {
  return {
    data: page.data,
    first_id: page.first_id ?? null,
    last_id: page.last_id ?? null,
    has_more: page.has_more === true,
  }
}

/** Cursor query of the list hooks: page size and order (the API default is newest first). */
export type ListQuery = Pick<CursorQuery, 'limit' | 'order'>

type InfiniteList<T> = UseInfiniteQueryResult<InfiniteData<ListPage<T>, string | undefined>, RunlineError>

function useCursorList<T extends { id: string }>(
  queryKey: QueryKey,
  enabled: boolean,
  fetchPage: (
    query: CursorQuery,
    signal: AbortSignal,
  ) => PromiseLike<CursorPageResponse<T>> | Promise<CursorPageResponse<T>>,
  query: ListQuery | undefined,
): InfiniteList<T> {
  return useInfiniteQuery<
    ListPage<T>,
    RunlineError,
    InfiniteData<ListPage<T>, string | undefined>,
    QueryKey,
    string | undefined
  >({
    queryKey,
    queryFn: async ({ pageParam, signal }) =>
      toListPage(await fetchPage({ ...query, ...(pageParam ? { after: pageParam } : {}) }, signal)),
    initialPageParam: undefined,
    getNextPageParam: (last) => (last.has_more && last.last_id ? last.last_id : undefined),
    enabled,
  })
}

/** The thread's runs as cursor pages (`fetchNextPage` for more); newest first unless `order: 'asc'`. */
export function useRuns(threadId: string | null | undefined, query?: ListQuery): InfiniteList<Run> {
  const client = useRunlineClient()
  return useCursorList<Run>(
    [...runlineKeys.runs(threadId ?? ''), listKeyPart(query)],
    Boolean(threadId),
    (pageQuery, signal) => client.runs.list(threadId!, pageQuery, { signal }),
    query,
  )
}

/**
 * The threads the backend lists (`GET /threads`: Foundry does; OpenAI's Assistants API never did),
 * as cursor pages; newest first unless `order: 'asc'`.
 */
export function useThreads(query?: ListQuery, options: { enabled?: boolean } = {}): InfiniteList<Thread> {
  const client = useRunlineClient()
  return useCursorList<Thread>(
    [...runlineKeys.threads(), listKeyPart(query)],
    options.enabled ?? true,
    (pageQuery, signal) => client.threads.list(pageQuery, { signal }),
    query,
  )
}

/** The thread's messages as cursor pages; newest first unless `order: 'asc'`. */
export function useThreadMessages(
  threadId: string | null | undefined,
  query?: ListQuery,
): InfiniteList<Message> {
  const client = useRunlineClient()
  return useCursorList<Message>(
    [...runlineKeys.messages(threadId ?? ''), listKeyPart(query)],
    Boolean(threadId),
    (pageQuery, signal) => client.messages.list(threadId!, pageQuery, { signal }),
    query,
  )
}

/**
 * The Responses wire's history: a conversation's items (messages, function calls and outputs,
 * reasoning, tool calls…) as cursor pages, newest first unless `order: 'asc'`. Invalidated when a
 * turn in that conversation ends, like a thread's messages.
 */
export function useConversationItems(
  conversationId: string | null | undefined,
  query?: ListQuery,
): InfiniteList<ConversationItem & { id: string }> {
  const client = useRunlineClient()
  return useCursorList<ConversationItem & { id: string }>(
    [...runlineKeys.items(conversationId ?? ''), listKeyPart(query)],
    Boolean(conversationId),
    (pageQuery, signal) => client.conversations.items.list(conversationId!, pageQuery, { signal }),
    query,
  )
}

/** Creates a thread (`threads.create`). */
export function useCreateThread(): UseMutationResult<Thread, RunlineError, ThreadCreateParams | undefined> {
  const client = useRunlineClient()
  return useMutation<Thread, RunlineError, ThreadCreateParams | undefined>({
    mutationFn: (body) => client.threads.create(body),
  })
}

/** Identifies a run for the run mutations. */
export interface RunRef {
  threadId: string
  runId: string
}

/** Cancels a run (`runs.cancel`) and refreshes that run and the thread's run lists. */
export function useCancelRun(): UseMutationResult<Run, RunlineError, RunRef> {
  const client = useRunlineClient()
  const queryClient = useQueryClient()
  return useMutation<Run, RunlineError, RunRef>({
    mutationFn: ({ threadId, runId }) => client.runs.cancel(threadId, runId),
    onSuccess: (run) => queryClient.setQueryData(runlineKeys.run(run.thread_id, run.id), run),
    onSettled: (_run, _error, { threadId, runId }) =>
      invalidateRunQueries(queryClient, { thread_id: threadId, id: runId }),
  })
}

/** Variables of {@link useUpdateRun}. */
export interface UpdateRunVariables extends RunRef {
  metadata: Metadata | null
}

interface UpdateRunContext {
  previous: Array<[QueryKey, unknown]>
}

type RunsData = InfiniteData<ListPage<Run>, string | undefined>

/**
 * Updates a run's metadata (`runs.update`) optimistically: the run query and the thread's run lists
 * show the new metadata at once and roll back if the request fails; then both are refetched.
 */
export function useUpdateRun(): UseMutationResult<Run, RunlineError, UpdateRunVariables, UpdateRunContext> {
  const client = useRunlineClient()
  const queryClient = useQueryClient()
  return useMutation<Run, RunlineError, UpdateRunVariables, UpdateRunContext>({
    mutationFn: ({ threadId, runId, metadata }) => client.runs.update(threadId, runId, { metadata }),
    onMutate: async ({ threadId, runId, metadata }) => {
      const runKey = runlineKeys.run(threadId, runId)
      const listKey = runlineKeys.runs(threadId)
      // A refetch landing now would overwrite the optimistic value with the old one.
      await Promise.all([
        queryClient.cancelQueries({ queryKey: runKey, exact: true }),
        queryClient.cancelQueries({ queryKey: listKey }),
      ])
      const previous: Array<[QueryKey, unknown]> = [
        [runKey, queryClient.getQueryData(runKey)],
        ...queryClient.getQueriesData({ queryKey: listKey }),
      ]
      const patch = (run: Run): Run => (run.id === runId ? { ...run, metadata: metadata ?? {} } : run)
      queryClient.setQueryData<Run>(runKey, (run) => (run ? patch(run) : run))
      queryClient.setQueriesData<RunsData>({ queryKey: listKey }, (lists) =>
        lists
          ? { ...lists, pages: lists.pages.map((page) => ({ ...page, data: page.data.map(patch) })) }
          : lists,
      )
      return { previous }
    },
    onError: (_error, _variables, context) => {
      for (const [key, data] of context?.previous ?? []) queryClient.setQueryData(key, data)
    },
    onSettled: (_run, _error, { threadId, runId }) =>
      invalidateRunQueries(queryClient, { thread_id: threadId, id: runId }),
  })
}
