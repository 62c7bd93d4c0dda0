// Small event builders shared by the reducer's and the batch's tests.
import type { RunStreamEvent } from '../types.js'

/** An event of any name and data, typed as the reducer takes it (the reducer must cope with junk too). */
export const ev = (event: string, data?: unknown) => ({ event, data }) as unknown as RunStreamEvent

/** An assistant message as `thread.message.created` carries it, empty, in the API's key order. */
export const assistantMessage = (id: string) => ({
  id,
  object: 'thread.message',
  created_at: 1,
  thread_id: 'thread_1',
  run_id: 'run_1',
  role: 'assistant',
  status: 'in_progress',
  content: [],
  attachments: [],
  metadata: {},
})
