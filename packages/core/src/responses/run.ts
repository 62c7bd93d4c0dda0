// The turn of the Responses wire seen as a `Run`: what the wire-neutral parts (the callback adapter,
// the hooks' controller, resume) read where the Assistants wire has `state.run`. Derived from the
// responses the reducer folded, never stored: one store, one truth.
import { isRecord } from '../merge.js'
import type { Run, RunState } from '../types.js'
import { selectResponsesApprovals, selectResponsesToolCalls, selectResponsesUsage } from './select.js'
import type { ResponseState } from './types.js'

const viewByResponse = new WeakMap<object, Map<string, Run>>()

/** The run status a response's status stands for (a completed response that waits reads `requires_action`). */
function statusOf(state: RunState, rs: ResponseState): Run['status'] {
  const status = rs.response.status as string | undefined
  if (status === 'completed') {
    const waiting = selectResponsesToolCalls(state).length > 0 || selectResponsesApprovals(state).length > 0
    return waiting ? 'requires_action' : 'completed'
  }
  if (status === 'failed' || status === 'incomplete' || status === 'cancelled' || status === 'queued')
    return status
  return 'in_progress'
}

const conversationOf = (rs: ResponseState): string | null => {
  const conversation: unknown = (rs.response as { conversation?: unknown }).conversation
  return isRecord(conversation) && typeof conversation.id === 'string' ? conversation.id : null
}

/**
 * The Responses turn as a `Run`: `id` is the turn's latest response (the one to re-attach to or
 * cancel), `thread_id` its conversation (else the state's thread id), `status` the turn's
 * (`requires_action` while function calls or approval requests wait), `usage` summed over the turn,
 * `required_action` the waiting function calls in the Assistants form. Null without responses.
 * The same object while the turn is unchanged.
 */
export const selectResponsesRun = (state: RunState): Run | null => {
  const list = state.responses
  const rs = list && list.length > 0 ? list[list.length - 1]! : undefined
  if (!rs) return null
  const threadId = conversationOf(rs) ?? state.threadId ?? ''
  const status = statusOf(state, rs)
  const calls = selectResponsesToolCalls(state)
  const key = `${threadId}|${status}|${calls.length}|${list!.length}`
  let views = viewByResponse.get(rs)
  if (!views) {
    views = new Map()
    viewByResponse.set(rs, views)
  }
  const cached = views.get(key)
  if (cached) return cached
  const view = buildView(rs, threadId, status, calls, selectResponsesUsage(state))
  views.set(key, view)
  return view
}

/**
 * {@link selectResponsesRun} for a state a batch may still write in place (a store's pending state,
 * as callbacks get it): derived on a responses list of its own, so the selectors' per-list caches
 * never keep what they saw in a list that later events of the batch change.
 */
export function pendingResponsesRun(state: RunState): Run | null {
  const list = state.responses
  return list && list.length > 0 ? selectResponsesRun({ ...state, responses: [...list] }) : null
}

function buildView(
  rs: ResponseState,
  threadId: string,
  status: Run['status'],
  calls: ReturnType<typeof selectResponsesToolCalls>,
  usage: Run['usage'],
): Run {
  const response = rs.response as unknown as Record<string, unknown>
  const error = isRecord(response.error) ? response.error : null
  const incomplete = isRecord(response.incomplete_details) ? response.incomplete_details : null
  return {
    id: String(response.id ?? ''),
    object: 'thread.run',
    created_at: typeof response.created_at === 'number' ? response.created_at : 0,
    thread_id: threadId,
    assistant_id: typeof response.model === 'string' ? response.model : '',
    status,
    required_action:
      status === 'requires_action' && calls.length > 0
        ? { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: calls } }
        : null,
    last_error: error as Run['last_error'],
    incomplete_details: incomplete as Run['incomplete_details'],
    usage,
    model: typeof response.model === 'string' ? response.model : '',
    instructions: typeof response.instructions === 'string' ? response.instructions : '',
    tools: [],
    metadata: (response.metadata as Run['metadata']) ?? null,
  } as unknown as Run
}
