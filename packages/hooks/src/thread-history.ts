'use client'
// A thread's history as turns, and the seam a wire's history plugs into (`ThreadHistorySource`).
import {
  initialRunState,
  isRunlineError,
  type Message,
  type RunlineError,
  type RunState,
  reduceRun,
  selectMessageText,
} from '@runline/core'
import { useCallback, useMemo, useRef } from 'react'
import { useRun, useRunSteps, useThreadMessages } from './queries.js'

/** A user's message in a thread. */
export interface UserTurn {
  kind: 'user'
  /** Row key: the server's message id once there is one (an optimistic message keeps its local key until then). */
  key: string
  /** The server's message id; null while an optimistic message has not reached the server. */
  id: string | null
  /** What the user wrote (the message's text parts). */
  text: string
  /** `sent`: the server has it; `sending`: shown before the server answered; `failed`: it never got there. */
  state: 'sent' | 'sending' | 'failed'
  /** The server's message, when there is one. */
  message: Message | null
}

/** What the assistant wrote in one run (or in consecutive messages without a run), oldest first. */
export interface AssistantTurn {
  kind: 'assistant'
  /** Row key: the run id (or the first message's id when there is no run). */
  key: string
  /** The run that wrote it; its steps (tool calls, code, results) come from there. */
  runId: string | null
  /** The turn's messages, oldest first. */
  messages: readonly Message[]
}

/** One entry of a thread's transcript. */
export type ThreadTurn = UserTurn | AssistantTurn

/** Options of a history source's `useHistory`. */
export interface ThreadHistoryOptions {
  /** The live run: its messages are left out of the history (its own store shows them), so nothing shows twice. */
  liveRunId: string | null
  /** Messages per page ("Load earlier messages" fetches the next page). */
  pageSize?: number
}

/** A thread's history as a source gives it. */
export interface ThreadHistory {
  /** Oldest first. The same array (and the same turn objects) while nothing in them changed. */
  turns: readonly ThreadTurn[]
  /** `pending` until the first page arrived (`ready` at once without a thread). */
  status: 'pending' | 'ready' | 'error'
  /** Why the history could not be read. */
  error: RunlineError | null
  /** The server does not know the thread (404). */
  missing: boolean
  /** Earlier messages exist that are not loaded yet. */
  hasEarlier: boolean
  /** The earlier page is on its way. */
  loadingEarlier: boolean
  /** Fetches the earlier page (does nothing when there is none or it is on its way). */
  loadEarlier(): void
}

/**
 * Where a thread's history comes from: the seam between a wire and the thread view. Both members
 * are hooks; a source is a module-level constant, so they are called in the same order on every
 * render. `assistantsHistory` reads the Assistants wire (messages, runs and steps through React
 * Query); a Responses-wire source would read a conversation's items and fold each turn's output
 * items into a run state the same way.
 */
export interface ThreadHistorySource {
  /** The thread's turns, oldest first, with paging to earlier ones. */
  useHistory(threadId: string | null, options: ThreadHistoryOptions): ThreadHistory
  /** A past assistant turn as a run state (its run and steps where the wire has them) for the timeline. */
  useTurnRun(threadId: string, turn: AssistantTurn): RunState
}

const NO_TURNS: readonly ThreadTurn[] = Object.freeze([])

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

function sameMessages(a: readonly Message[], b: readonly Message[]): boolean {
  return a.length === b.length && a.every((message, i) => message === b[i])
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
  if (previous.length === 0) return turns.length === 0 ? NO_TURNS : turns
  const byKey = new Map(previous.map((turn) => [turn.key, turn]))
  let unchanged = turns.length === previous.length
  const kept = turns.map((turn, i) => {
    const old = byKey.get(turn.key)
    const same =
      old?.kind === turn.kind &&
      (turn.kind === 'user'
        ? (old as UserTurn).message === turn.message
        : sameMessages((old as AssistantTurn).messages, turn.messages))
    if (!same || previous[i] !== old) unchanged = false
    return same ? old : turn
  })
  return unchanged ? previous : kept
}

type MessagePages = { pages: ReadonlyArray<{ data: readonly Message[] }> } | undefined

/** The messages of a newest-first list query, oldest first. */
function oldestFirst(data: MessagePages): Message[] {
  if (!data) return []
  return data.pages.flatMap((page) => page.data).reverse()
}

function useAssistantsHistory(threadId: string | null, options: ThreadHistoryOptions): ThreadHistory {
  const { liveRunId, pageSize = 30 } = options
  const query = useThreadMessages(threadId, { limit: pageSize })
  const messages = useMemo(() => oldestFirst(query.data), [query.data])
  const previous = useRef<readonly ThreadTurn[]>(NO_TURNS)
  const turns = useMemo(() => {
    previous.current = groupThreadTurns(messages, liveRunId, previous.current)
    return previous.current
  }, [messages, liveRunId])
  const { fetchNextPage, hasNextPage, isFetchingNextPage, error, isPending } = query
  const loadEarlier = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage()
  }, [fetchNextPage, hasNextPage, isFetchingNextPage])
  const status = !threadId ? 'ready' : error ? 'error' : isPending ? 'pending' : 'ready'
  const missing = isRunlineError(error) && error.status === 404
  return useMemo(
    () => ({
      turns: threadId ? turns : NO_TURNS,
      status,
      error: error ?? null,
      missing,
      hasEarlier: Boolean(threadId && hasNextPage),
      loadingEarlier: isFetchingNextPage,
      loadEarlier,
    }),
    [threadId, turns, status, error, missing, hasNextPage, isFetchingNextPage, loadEarlier],
  )
}

function useAssistantsTurnRun(threadId: string, turn: AssistantTurn): RunState {
  const run = useRun(threadId, turn.runId).data
  const steps = useRunSteps(threadId, turn.runId).data
  return useMemo(
    () =>
      reduceRun(initialRunState, {
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
}
