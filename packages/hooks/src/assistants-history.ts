'use client'
// The Assistants wire's history: a thread's messages grouped into turns, one per run. Each past run is
// folded by the reducer without the Responses fold (`reduceAssistantsRun`): an Assistants thread app ships none.
import {
  initialRunState,
  type Message,
  type RunState,
  reduceAssistantsRun,
  selectMessageText,
} from '@runline/core'
import { useCallback, useMemo } from 'react'
import { runlineKeys } from './keys.js'
import { useRun, useRunSteps, useThreadMessages } from './queries.js'
import {
  type AssistantTurn,
  keepTurns,
  NO_TURNS,
  type ThreadHistory,
  type ThreadHistoryOptions,
  type ThreadHistorySource,
  type ThreadTurn,
  type UserTurn,
  useListHistory,
} from './thread-history.js'

/** A user turn for a message the server has. */
function userTurn(message: Message): UserTurn {
  return {
    kind: 'user',
    key: message.id,
    id: message.id,
    text: selectMessageText(message),
    state: 'sent',
    message,
  }
}

/**
 * Groups a thread's messages (oldest first) into user turns and assistant turns (one per run).
 * Messages of `liveRunId` are left out: the live run's own store renders them. Turns whose messages
 * are the same objects as in `previous` (React Query keeps unchanged objects across refetches) are
 * the previous turn objects, and an unchanged result is `previous` itself, so memoized rows stay put.
 */
export function groupThreadTurns(
  messages: readonly Message[],
  liveRunId: string | null,
  previous: readonly ThreadTurn[] = NO_TURNS,
): readonly ThreadTurn[] {
  const turns: ThreadTurn[] = []
  for (const message of messages) {
    if (message.role === 'user') {
      turns.push(userTurn(message))
      continue
    }
    if (liveRunId !== null && message.run_id === liveRunId) continue
    const last = turns[turns.length - 1]
    if (last?.kind === 'assistant' && last.runId === message.run_id) {
      ;(last.messages as Message[]).push(message)
    } else {
      const runId = message.run_id ?? null
      turns.push({ kind: 'assistant', key: runId ?? message.id, runId, messages: [message] })
    }
  }
  return keepTurns(turns, previous)
}

function useAssistantsHistory(threadId: string | null, options: ThreadHistoryOptions): ThreadHistory {
  const { liveRunId, pageSize = 30 } = options
  const query = useThreadMessages(threadId, { limit: pageSize })
  const group = useCallback(
    (messages: readonly Message[], previous: readonly ThreadTurn[]) =>
      groupThreadTurns(messages, liveRunId, previous),
    [liveRunId],
  )
  return useListHistory(threadId, query, group)
}

function useAssistantsTurnRun(threadId: string, turn: AssistantTurn): RunState {
  const run = useRun(threadId, turn.runId).data
  const steps = useRunSteps(threadId, turn.runId).data
  return useMemo(
    () =>
      reduceAssistantsRun(initialRunState, {
        event: 'runline.snapshot',
        data: {
          threadId,
          messages: [...turn.messages],
          ...(run ? { run } : {}),
          ...(steps ? { steps } : {}),
        },
      }),
    [threadId, turn.messages, run, steps],
  )
}

/**
 * The Assistants wire's history (OpenAI-compatible servers, Foundry classic agents): the thread's
 * messages through `useThreadMessages` (newest page first, earlier pages on demand), grouped into
 * turns; each past run's steps through `useRun` and `useRunSteps`, fetched when its turn renders.
 */
export const assistantsHistory: ThreadHistorySource = {
  useHistory: useAssistantsHistory,
  useTurnRun: useAssistantsTurnRun,
  createThread: async ({ client }) => (await client.threads.create()).id,
  async sendTurn({ client, queryClient }, threadId, text) {
    // Created before the run (not as `additional_messages`), so the server's copy replaces the shown one at once.
    const message = await client.messages.create(threadId, { role: 'user', content: text })
    void queryClient.invalidateQueries({ queryKey: runlineKeys.messages(threadId) })
    return { messageId: message.id, params: {} }
  },
}
