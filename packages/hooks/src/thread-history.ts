'use client'
// A thread's history as turns, the seam a wire plugs into (`ThreadHistorySource`), and what every
// wire's history shares: stable turns across refetches, paging over a newest-first list.
import {
  isRunlineError,
  type Message,
  type RunlineClient,
  type RunlineError,
  type RunState,
  type RunStore,
} from '@runline/core'
import type { InfiniteData, QueryClient, UseInfiniteQueryResult } from '@tanstack/react-query'
import type { ConversationItem } from 'openai/resources/conversations/items'
import { useCallback, useMemo, useRef } from 'react'
import type { StartParams } from './controller/options.js'

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
  /** The server's message, when there is one (Assistants wire). */
  message: Message | null
  /** Responses wire: the conversation's `message` item (role `user`), when the server has it. */
  item?: ConversationItem | null
}

/** What the assistant wrote in one run (or in consecutive messages without a run), oldest first. */
export interface AssistantTurn {
  kind: 'assistant'
  /** Row key: the run id (or the first message's id when there is no run). */
  key: string
  /** The run that wrote it; its steps (tool calls, code, results) come from there (null on the Responses wire). */
  runId: string | null
  /** The turn's messages, oldest first (empty on the Responses wire: see `items`). */
  messages: readonly Message[]
  /**
   * Responses wire: the turn's conversation items after the user's message, oldest first (reasoning,
   * calls, function outputs, approval decisions, messages). Absent on the Assistants wire.
   */
  items?: readonly ConversationItem[]
}

/** One entry of a thread's transcript. */
export type ThreadTurn = UserTurn | AssistantTurn

/** Options of a history source's `useHistory`. */
export interface ThreadHistoryOptions {
  /** The live run: its messages are left out of the history (its own store shows them), so nothing shows twice. */
  liveRunId: string | null
  /**
   * The live run's store, for a wire whose history tells the live turn by its items (Responses:
   * the items of the live turn's responses are left out while its store holds them).
   */
  liveStore?: RunStore | null
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

/** What a source's send parts work with. */
export interface ThreadSendContext {
  client: RunlineClient
  /** To mark what a send changed as stale. */
  queryClient: QueryClient
}

/** A user's turn handed to the wire: what the live run's `start` gets, and the message's id when known. */
export interface ThreadTurnStart {
  /**
   * The server's id of the user's message when the wire created it before the run (Assistants);
   * null when the run's start carries it (Responses: the response's input).
   */
  messageId: string | null
  /** Merged into the live run's `start` (with the thread). */
  params: StartParams
}

/**
 * A wire's conversation for the thread view: where its history comes from and how a user's turn
 * goes in. `useHistory` and `useTurnRun` are hooks; a source is a module-level constant, so they are
 * called in the same order on every render. `assistantsHistory` reads the Assistants wire
 * (messages, runs and steps); `responsesHistory` a conversation's items, each turn folded into a
 * run state. `threadHistories` names them by wire.
 */
export interface ThreadHistorySource {
  /** The thread's turns, oldest first, with paging to earlier ones. */
  useHistory(threadId: string | null, options: ThreadHistoryOptions): ThreadHistory
  /** A past assistant turn as a run state (its run and steps where the wire has them) for the timeline. */
  useTurnRun(threadId: string, turn: AssistantTurn): RunState
  /** Creates the conversation of a first send (a thread; Responses: a conversation); resolves with its id. */
  createThread(context: ThreadSendContext): Promise<string>
  /**
   * Hands the user's text to the wire before the run starts: creates the message (Assistants), or
   * puts it into the start (Responses, where the response's input carries it).
   */
  sendTurn(context: ThreadSendContext, threadId: string, text: string): Promise<ThreadTurnStart>
}

/** No turns (one object, so an empty history stays the same). */
export const NO_TURNS: readonly ThreadTurn[] = Object.freeze([])

function sameTurn(a: ThreadTurn, b: ThreadTurn): boolean {
  if (a.kind === 'user') return b.kind === 'user' && a.message === b.message && a.item === b.item
  return (
    b.kind === 'assistant' &&
    sameList(a.messages, b.messages) &&
    sameList(a.items ?? NO_TURNS, b.items ?? NO_TURNS)
  )
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry === b[i])
}

/**
 * `turns` with each turn that holds the same server objects as in `previous` (React Query keeps
 * unchanged objects across refetches) replaced by the previous turn object; `previous` itself when
 * nothing changed, so memoized rows stay put. Every wire's grouping ends here.
 */
export function keepTurns(
  turns: readonly ThreadTurn[],
  previous: readonly ThreadTurn[],
): readonly ThreadTurn[] {
  if (previous.length === 0) return turns.length === 0 ? NO_TURNS : turns
  const byKey = new Map(previous.map((turn) => [turn.key, turn]))
  let unchanged = turns.length === previous.length
  const kept = turns.map((turn, i) => {
    const old = byKey.get(turn.key)
    const same = old !== undefined && sameTurn(old, turn)
    if (!same || previous[i] !== old) unchanged = false
    return same ? old : turn
  })
  return unchanged ? previous : kept
}

/** A newest-first cursor list as React Query holds it (what the list hooks give). */
export type NewestFirstList<T> = Pick<
  UseInfiniteQueryResult<InfiniteData<{ data: readonly T[] }, unknown>, RunlineError>,
  'data' | 'fetchNextPage' | 'hasNextPage' | 'isFetchingNextPage' | 'error' | 'isPending'
>

/**
 * A history over a newest-first list query: its entries oldest first, grouped into turns by `group`
 * (given the previous turns, to keep them stable; keep it memoized), with the paging, the status and
 * a thread the server does not know (404).
 */
export function useListHistory<T>(
  threadId: string | null,
  query: NewestFirstList<T>,
  group: (entries: readonly T[], previous: readonly ThreadTurn[]) => readonly ThreadTurn[],
): ThreadHistory {
  const entries = useMemo(
    () => (query.data ? query.data.pages.flatMap((page) => page.data).reverse() : []),
    [query.data],
  )
  const previous = useRef<readonly ThreadTurn[]>(NO_TURNS)
  const turns = useMemo(() => {
    previous.current = group(entries, previous.current)
    return previous.current
  }, [entries, group])
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
