import type { CursorQuery } from '@runline/core'

/**
 * React Query keys for everything Runline fetches, as a hierarchy so one prefix invalidates a
 * whole family: `thread(id)` covers its messages and runs, `run(t, r)` covers that run's steps.
 *
 * ```ts
 * queryClient.invalidateQueries({ queryKey: runlineKeys.messages(threadId) })
 * ```
 */
export const runlineKeys = {
  /** Every Runline query. */
  all: ['runline'] as const,
  /** The thread lists (`GET /threads`, any page size or order). */
  threads: () => [...runlineKeys.all, 'threads'] as const,
  /** Everything about one thread. */
  thread: (threadId: string) => [...runlineKeys.all, 'thread', threadId] as const,
  /** The thread's message lists (any page size or order). */
  messages: (threadId: string) => [...runlineKeys.thread(threadId), 'messages'] as const,
  /** The Responses wire: a conversation's item lists (the conversation plays the thread's role). */
  items: (conversationId: string) => [...runlineKeys.thread(conversationId), 'items'] as const,
  /** The thread's run lists (any page size or order). */
  runs: (threadId: string) => [...runlineKeys.thread(threadId), 'runs'] as const,
  /** One run as `retrieve` returns it (and, below it, its steps). */
  run: (threadId: string, runId: string) => [...runlineKeys.thread(threadId), 'run', runId] as const,
  /** One run's steps. */
  steps: (threadId: string, runId: string) => [...runlineKeys.run(threadId, runId), 'steps'] as const,
}

/** The list query part of a key: only the fields that change the answer, in a fixed shape. */
export function listKeyPart(query: CursorQuery | undefined): Readonly<Record<string, unknown>> {
  return { limit: query?.limit ?? null, order: query?.order ?? null }
}
