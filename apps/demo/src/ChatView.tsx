import { RunTimeline } from '@runline/components'
import {
  initialRunState,
  isActiveStatus,
  isRunlineError,
  type Message,
  type RunUiStatus,
  reduceRun,
} from '@runline/core'
import {
  runlineKeys,
  type ToolHandlers,
  useRun,
  useRunlineClient,
  useRunSteps,
  useRunStream,
  useThreadMessages,
} from '@runline/hooks'
import { useQueryClient } from '@tanstack/react-query'
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { Composer } from './Composer.js'
import { ASSISTANT_ID, SUGGESTIONS } from './config.js'
import type { EventLog } from './event-log.js'
import { groupHistory, userText } from './history.js'
import { forecastFor } from './weather.js'

/** The client-side tool the "Answer get_weather automatically" switch turns on. */
const WEATHER_TOOLS: ToolHandlers = { get_weather: (args) => forecastFor(args) }

// The chat view itself never reads the streaming state: its children subscribe to their own slices.
const selectNothing = () => 0

/** Props of {@link ChatView}. */
export interface ChatViewProps {
  threadId: string
  eventLog: EventLog
  autoWeather: boolean
  onAutoWeatherChange(value: boolean): void
  /** A message went out (the sidebar names and re-orders threads with it). */
  onMessageSent(threadId: string, text: string): void
  /** The thread is gone on the server (the simulator forgets everything when it restarts). */
  onThreadMissing(threadId: string): void
}

/**
 * One thread: its history (React Query), the live run (the run store), and the composer.
 * Mounted once per thread (keyed by id), so a thread switch starts from a clean live run.
 */
export function ChatView({
  threadId,
  eventLog,
  autoWeather,
  onAutoWeatherChange,
  onMessageSent,
  onThreadMissing,
}: ChatViewProps) {
  const client = useRunlineClient()
  const queryClient = useQueryClient()
  // A new thread view starts a new inspector log (declared before useRunStream: its resume effect runs after).
  useEffect(() => eventLog.begin(), [eventLog])
  const run = useRunStream(
    {
      threadId,
      assistantId: ASSISTANT_ID,
      resume: true,
      tools: autoWeather ? WEATHER_TOOLS : undefined,
      onEvent: (event) => eventLog.record(event),
    },
    selectNothing,
  )
  const messagesQuery = useThreadMessages(threadId)
  const [pending, setPending] = useState<Message | null>(null)
  const [sending, setSending] = useState(false)
  const [sendError, setSendError] = useState<string | null>(null)

  const history = useMemo(() => oldestFirst(messagesQuery.data), [messagesQuery.data])
  const items = useMemo(() => groupHistory(history, run.runId), [history, run.runId])
  const pendingShown = pending !== null && !history.some((message) => message.id === pending.id)
  const active = sending || isActiveStatus(run.status)
  const showLive = sending || run.status !== 'idle'
  const missing = isRunlineError(messagesQuery.error) && messagesQuery.error.status === 404

  const scroller = useStickToBottom()
  const send = useCallback(
    async (text: string) => {
      scroller.pin()
      setSendError(null)
      setSending(true)
      eventLog.begin()
      onMessageSent(threadId, text)
      try {
        // Created first (not as additional_messages) so the bubble shows the server's own message at once.
        const message = await client.messages.create(threadId, { role: 'user', content: text })
        setPending(message)
        void queryClient.invalidateQueries({ queryKey: runlineKeys.messages(threadId) })
        await run.start()
      } catch (error) {
        setSendError(error instanceof Error ? error.message : String(error))
      } finally {
        setSending(false)
      }
    },
    [client, queryClient, run.start, threadId, eventLog, onMessageSent, scroller.pin],
  )

  const empty = !messagesQuery.isPending && items.length === 0 && !showLive && !pendingShown

  return (
    <div className="chat">
      <div className="chat__scroll" ref={scroller.ref} onScroll={scroller.onScroll}>
        <div className="chat__column" ref={scroller.contentRef}>
          {messagesQuery.hasNextPage ? (
            <button
              type="button"
              className="demo-button demo-button--ghost chat__older"
              onClick={() => void messagesQuery.fetchNextPage()}
              disabled={messagesQuery.isFetchingNextPage}
            >
              {messagesQuery.isFetchingNextPage ? 'Loading…' : 'Load earlier messages'}
            </button>
          ) : null}
          {missing ? (
            <div className="notice" role="alert">
              <p>
                This chat no longer exists on the server — the simulator keeps threads in memory, so a restart
                forgets them.
              </p>
              <button type="button" className="demo-button" onClick={() => onThreadMissing(threadId)}>
                Remove it from the list
              </button>
            </div>
          ) : null}
          {empty && !missing ? <Welcome onPick={send} disabled={active} /> : null}
          {messagesQuery.isPending ? <p className="chat__loading">Loading the conversation…</p> : null}
          {items.map((item) =>
            item.kind === 'user' ? (
              <UserBubble key={item.key} message={item.message} />
            ) : (
              <HistoryTurn key={item.key} threadId={threadId} runId={item.runId} messages={item.messages} />
            ),
          )}
          {pendingShown ? <UserBubble message={pending} /> : null}
          {showLive ? (
            <section className="turn turn--assistant turn--live" aria-label="Current run">
              {/* The timeline brings the tool-output form ("Submit tool outputs") when the run requires action. */}
              <RunTimeline run={run} />
            </section>
          ) : null}
          {sendError ? (
            <div className="notice" role="alert">
              <p>Could not send: {sendError}</p>
            </div>
          ) : null}
        </div>
      </div>
      <div className="chat__composer">
        <Composer
          disabled={active}
          onSend={send}
          autoWeather={autoWeather}
          onAutoWeatherChange={onAutoWeatherChange}
          hint={active ? composerHint(run.status) : undefined}
        />
      </div>
    </div>
  )
}

function composerHint(status: RunUiStatus): string {
  if (status === 'requires_action') return 'The run is waiting for tool outputs — answer them above.'
  return 'The assistant is answering… use “Cancel run” to stop it.'
}

/** The messages of an infinite list query, oldest first (pages are fetched newest first). */
function oldestFirst(data: { pages: ReadonlyArray<{ data: readonly Message[] }> } | undefined): Message[] {
  if (!data) return []
  const all = data.pages.flatMap((page) => page.data)
  return all.reverse()
}

/** A user's message. */
const UserBubble = memo(function UserBubble({ message }: { message: Message }) {
  return (
    <div className="turn turn--user">
      <p className="bubble">{userText(message)}</p>
    </div>
  )
})

/**
 * A finished assistant turn: its messages plus the run and steps (tool calls, code, results)
 * folded into a run state, rendered by the same timeline as the live run.
 */
const HistoryTurn = memo(function HistoryTurn({
  threadId,
  runId,
  messages,
}: {
  threadId: string
  runId: string | null
  messages: Message[]
}) {
  const runQuery = useRun(threadId, runId ?? undefined)
  const stepsQuery = useRunSteps(threadId, runId ?? undefined)
  const run = runQuery.data
  const steps = stepsQuery.data
  const state = useMemo(
    () =>
      reduceRun(initialRunState, {
        event: 'runline.snapshot',
        data: { threadId, messages, ...(run ? { run } : {}), ...(steps ? { steps } : {}) },
      }),
    [threadId, messages, run, steps],
  )
  return (
    <section className="turn turn--assistant" aria-label="Earlier run">
      <RunTimeline run={state} requiredAction={false} />
    </section>
  )
})

/** The empty thread: what the demo can do, one click away. */
function Welcome({ onPick, disabled }: { onPick(text: string): void; disabled: boolean }) {
  return (
    <div className="welcome">
      <h1 className="welcome__title">Stream an assistant run</h1>
      <p className="welcome__lead">
        Every answer below is a live Assistants-API v2 stream — text, tool calls, code and files — rendered by{' '}
        <code>&lt;RunTimeline&gt;</code> as it arrives. Pick a prompt or write your own.
      </p>
      <ul className="welcome__grid">
        {SUGGESTIONS.map((suggestion) => (
          <li key={suggestion.label}>
            <button
              type="button"
              className="suggestion"
              disabled={disabled}
              onClick={() => onPick(suggestion.text)}
            >
              <span className="suggestion__label">{suggestion.label}</span>
              <span className="suggestion__text">{suggestion.text}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * Keeps a scroll container pinned to the bottom while its content grows, until the reader scrolls
 * up (wheel, touch, keys, scrollbar); scrolling back near the bottom pins it again. A ResizeObserver
 * reacts at most once per frame, whatever the delta rate. `pin()` re-pins (e.g. on send).
 */
function useStickToBottom() {
  const ref = useRef<HTMLDivElement>(null)
  const contentRef = useRef<HTMLDivElement>(null)
  const stuck = useRef(true)
  const userScrolling = useRef(false)
  const onScroll = useCallback(() => {
    const el = ref.current
    if (!el) return
    const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 96
    // Layout changes scroll too; only the reader's own scrolling may unpin.
    if (nearBottom) stuck.current = true
    else if (userScrolling.current) stuck.current = false
  }, [])
  useLayoutEffect(() => {
    const el = ref.current
    const content = contentRef.current
    if (!el || !content) return
    let idle: ReturnType<typeof setTimeout> | undefined
    const markUser = () => {
      userScrolling.current = true
      clearTimeout(idle)
      idle = setTimeout(() => (userScrolling.current = false), 250)
    }
    const inputs = ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const
    for (const name of inputs) el.addEventListener(name, markUser, { passive: true })
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            if (stuck.current) el.scrollTop = el.scrollHeight
          })
    observer?.observe(content)
    el.scrollTop = el.scrollHeight
    return () => {
      observer?.disconnect()
      clearTimeout(idle)
      for (const name of inputs) el.removeEventListener(name, markUser)
    }
  }, [])
  const pin = useCallback(() => {
    stuck.current = true
    const el = ref.current
    if (el) el.scrollTop = el.scrollHeight
  }, [])
  return { ref, contentRef, onScroll, pin }
}
