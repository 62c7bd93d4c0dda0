import type { Run } from '@runline/core'
import type { QueryClient } from '@tanstack/react-query'
import { runlineKeys } from './keys.js'

/**
 * Marks what a finished run changed as stale: the thread's messages and runs lists, and the run
 * itself (with its steps). React Query refetches what is on screen; nothing is copied by hand.
 */
export function invalidateRunQueries(queryClient: QueryClient, run: Pick<Run, 'id' | 'thread_id'>): void {
  void queryClient.invalidateQueries({ queryKey: runlineKeys.messages(run.thread_id) })
  void queryClient.invalidateQueries({ queryKey: runlineKeys.runs(run.thread_id) })
  // The Responses wire: the turn's items in its conversation.
  void queryClient.invalidateQueries({ queryKey: runlineKeys.items(run.thread_id) })
  void queryClient.invalidateQueries({ queryKey: runlineKeys.run(run.thread_id, run.id) })
}
