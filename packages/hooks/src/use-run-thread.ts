'use client'
// A whole conversation: the thread's history (React Query, through a history source), the live run
// (a `useRunStream` handle) and the user's message from Send until the server's copy is in the history.
import { asRunlineError, isActiveStatus, type RunlineError, type RunUiStatus } from '@runline/core'
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { runOf } from './controller/run-of.js'
import { useRunlineClient } from './provider.js'
import { type ThreadWire, threadHistories } from './thread-histories.js'
import type { ThreadHistory, ThreadHistorySource, ThreadTurn, UserTurn } from './thread-history.js'
import type { RunHandle } from './use-run-stream.js'

/**
 * What the thread needs of the live run: `useRunStream()`'s handle (its selector form too). Its
 * `store` lets a Responses history leave out the live turn's items (without it they may show twice).
 */
export type RunThreadRun = Pick<RunHandle, 'start' | 'status' | 'runId' | 'threadId'> &
  Partial<Pick<RunHandle, 'store'>>

/** Options of {@link useRunThread}. */
export interface UseRunThreadOptions {
  /** The live run. Its runs go to this thread (each `start` names it). */
  run: RunThreadRun
  /**
   * The thread (Responses wire: the conversation); without one, the first `send` creates it (and
   * calls `onThreadCreated`).
   */
  threadId?: string | null
  /**
   * The wire the live run speaks (`useRunStream`'s `wire`; default `'assistants'`): picks the
   * default `history`, which also says how a user's turn goes in.
   */
  wire?: ThreadWire
  /** Where the history comes from and how a turn is sent (default: `threadHistories[wire]`). Keep it constant. */
  history?: ThreadHistorySource
  /** Messages per history page (default 30). */
  pageSize?: number
  /** The first `send` created a thread. */
  onThreadCreated?: (threadId: string) => void
  /** A message is on its way (e.g. to name the conversation after it). */
  onSend?: (text: string, threadId: string) => void
}

/** What {@link useRunThread} returns. */
export interface RunThreadState {
  /** The thread (the given one, else the one the first send created, else the run's). */
  threadId: string | null
  /** The history's turns, then the user's message from the moment it is sent until the history has it. */
  turns: readonly ThreadTurn[]
  /** The history as its source gives it (paging, status, a missing thread). */
  history: ThreadHistory
  /** Show the live run: a send is under way or the run store holds a run. */
  live: boolean
  /** A send or a run is under way: the composer waits. */
  active: boolean
  /** The live run's status (core's one vocabulary). */
  status: RunUiStatus
  /** Nothing to show yet: no history, no message on its way, no live run. */
  empty: boolean
  /** Why the last send failed before its run started (the run's own errors are in the run state). */
  sendError: RunlineError | null
  /**
   * Sends a user message: shown at once, created on the server (after the thread, when there is
   * none yet), then the run starts (Responses: the run's start carries it). Resolves false when it
   * could not be sent (nothing to send, a send already under way, or a failure, which is in
   * `sendError`); true once the run ended or waits for tool outputs.
   */
  send(text: string): Promise<boolean>
}

/** The message from Send until the server's copy is in the history. */
interface Pending {
  localKey: string
  id: string | null
  text: string
  state: UserTurn['state']
  /** The user messages the history held at Send: a new one with this text is this message's server copy. */
  known: ReadonlySet<string>
  /** It goes with the run's start: the server has it once the live run has a new id (not `runBefore`). */
  withRun: boolean
  runBefore: string | null
}

/** The history's copy of the pending message: by id, or (a refetch can land before the id is back) by text. */
function inHistory(turns: readonly ThreadTurn[], pending: Pending): boolean {
  return turns.some(
    (turn) =>
      turn.kind === 'user' &&
      (pending.id !== null
        ? turn.id === pending.id
        : turn.id !== null && !pending.known.has(turn.id) && turn.text === pending.text),
  )
}

function userIds(turns: readonly ThreadTurn[]): ReadonlySet<string> {
  return new Set(turns.flatMap((turn) => (turn.kind === 'user' && turn.id !== null ? [turn.id] : [])))
}

/**
 * A conversation's state for a chat view: history turns, the message on its way and the live run,
 * without duplicates. History stays in React Query: nothing is copied into the run store, and the
 * run store's messages (Responses: its items) are left out of the history while that run is live.
 * On the Responses wire (`wire: 'responses'`) the thread is a conversation and the run's start
 * carries the user's text.
 *
 * ```tsx
 * const run = useRunStream({ assistantId }, selectNothing)
 * const thread = useRunThread({ run, threadId })
 * // The Responses wire: useRunStream({ wire: 'responses', model }), useRunThread({ run, wire: 'responses', threadId: conversationId })
 * thread.turns.map(...); thread.live && <RunTimeline run={run} />
 * <button onClick={() => thread.send(text)} disabled={thread.active}>Send</button>
 * ```
 */
export function useRunThread(options: UseRunThreadOptions): RunThreadState {
  const { run, pageSize } = options
  const source = options.history ?? threadHistories[options.wire ?? 'assistants']
  const client = useRunlineClient()
  const queryClient = useQueryClient()
  const [created, setCreated] = useState<string | null>(null)
  const threadId = options.threadId ?? created ?? run.threadId ?? null
  const history = source.useHistory(threadId, { liveRunId: run.runId, liveStore: run.store, pageSize })
  const [pending, setPending] = useState<Pending | null>(null)
  const [sending, setSending] = useState(false)
  const [sendError, setSendError] = useState<RunlineError | null>(null)

  // Read by `send`, which must not change identity on every render.
  const latest = useRef({ threadId, options, history, source, runId: run.runId })
  latest.current = { threadId, options, history, source, runId: run.runId }
  const busy = useRef(false)
  const alive = useRef(true)
  const sequence = useRef(0)
  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])

  const { start } = run
  const send = useCallback(
    async (input: string): Promise<boolean> => {
      const text = input.trim()
      if (text === '' || busy.current) return false
      busy.current = true
      const localKey = `pending-${++sequence.current}`
      const update = (patch: Partial<Pending>) =>
        setPending((current) => (current?.localKey === localKey ? { ...current, ...patch } : current))
      const { history, source, runId } = latest.current
      setPending({
        localKey,
        id: null,
        text,
        state: 'sending',
        known: userIds(history.turns),
        withRun: false,
        runBefore: runId,
      })
      setSendError(null)
      setSending(true)
      const context = { client, queryClient }
      try {
        let id = latest.current.threadId
        if (!id) {
          id = await source.createThread(context)
          if (!alive.current) return false
          setCreated(id)
          latest.current.options.onThreadCreated?.(id)
        }
        latest.current.options.onSend?.(text, id)
        const turn = await source.sendTurn(context, id, text)
        if (!alive.current) return false
        update(turn.messageId !== null ? { id: turn.messageId, state: 'sent' } : { withRun: true })
        const state = await start({ ...turn.params, threadId: id })
        if (turn.messageId !== null || !alive.current) return true
        // The run's start carried the message: no run, no message on the server.
        if (runOf(state) === null) {
          update({ state: 'failed' })
          if (state.error) setSendError(asRunlineError(state.error))
          return false
        }
        update({ state: 'sent' })
        return true
      } catch (error) {
        update({ state: 'failed' })
        if (alive.current) setSendError(asRunlineError(error))
        return false
      } finally {
        busy.current = false
        if (alive.current) setSending(false)
      }
    },
    [client, queryClient, start],
  )

  const { turns: historyTurns } = history
  const liveRunId = run.runId
  const turns = useMemo(() => {
    if (!pending) return historyTurns
    if (inHistory(historyTurns, pending)) return historyTurns
    // Sent with the run's start: the server has it once that run exists.
    const started =
      pending.state === 'sending' && pending.withRun && liveRunId !== null && liveRunId !== pending.runBefore
    const turn: UserTurn = {
      kind: 'user',
      key: pending.id ?? pending.localKey,
      id: pending.id,
      text: pending.text,
      state: started ? 'sent' : pending.state,
      message: null,
    }
    return [...historyTurns, turn]
  }, [historyTurns, pending, liveRunId])

  const status = run.status
  const live = sending || status !== 'idle'
  const active = sending || isActiveStatus(status)
  const empty = history.status !== 'pending' && turns.length === 0 && !live
  return useMemo(
    () => ({ threadId, turns, history, live, active, status, empty, sendError, send }),
    [threadId, turns, history, live, active, status, empty, sendError, send],
  )
}
