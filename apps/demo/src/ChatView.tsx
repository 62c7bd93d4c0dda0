import { RunThread, renderThreadRow, type ThreadRow, useRunThreadContext } from '@runline/components'
import type { ToolHandlers } from '@runline/hooks'
import { useCallback, useLayoutEffect } from 'react'
import type { Backend, BackendWire } from './backend.js'
import { Composer } from './Composer.js'
import { ASSISTANT_ID, SUGGESTIONS } from './config.js'
import type { EventLog } from './event-log.js'
import { forecastFor } from './weather.js'

/** The client-side tool the "Answer get_weather automatically" switch turns on. */
const WEATHER_TOOLS: ToolHandlers = { get_weather: (args) => forecastFor(args) }

/** How a chat speaks to `backend`: its wire, and what names the agent (Responses: a model, else an assistant). */
export function chatWire(backend: Backend): { wire: BackendWire; model?: string; assistantId?: string } {
  if (backend.wire === 'responses') return { wire: 'responses', model: backend.model }
  return { wire: backend.wire, assistantId: ASSISTANT_ID }
}

/** Props of {@link ChatView}. */
export interface ChatViewProps {
  /** The backend the chat runs on (its wire, and where images load from). */
  backend: Backend
  /** The thread (Responses: the conversation). */
  threadId: string
  eventLog: EventLog
  autoWeather: boolean
  onAutoWeatherChange(value: boolean): void
  /** A message went out (the sidebar names and re-orders threads with it). */
  onMessageSent(threadId: string, text: string): void
  /** The thread is gone on the server (the simulator forgets everything when it restarts). */
  onThreadMissing(threadId: string): void
}

/** The user's messages carry the demo's `bubble` class (the end-to-end tests find them by it). */
const renderRow = (row: ThreadRow) =>
  row.kind === 'user' ? <RunThread.UserMessage turn={row} className="bubble" /> : renderThreadRow(row)

/**
 * One thread, drawn by `<RunThread>`: history, the message on its way, the live run (re-attached
 * after a reload) and the composer. Mounted once per backend and thread (keyed by both).
 */
export function ChatView({
  backend,
  threadId,
  eventLog,
  autoWeather,
  onAutoWeatherChange,
  onMessageSent,
  onThreadMissing,
}: ChatViewProps) {
  // A new thread view starts a new inspector log, before the run's mount effect re-attaches and logs.
  useLayoutEffect(() => eventLog.begin(), [eventLog])
  const onSend = useCallback(
    (text: string, id: string) => {
      eventLog.begin()
      onMessageSent(id, text)
    },
    [eventLog, onMessageSent],
  )
  const { apiBase, id: backendId } = backend
  // Images and generated files load through this backend's proxy mount.
  const fileUrl = useCallback(
    (fileId: string) => `${apiBase}/files/${encodeURIComponent(fileId)}/content`,
    [apiBase],
  )
  const chat = chatWire(backend)
  return (
    <RunThread
      className="chat"
      // On the Responses wire the thread is a conversation and the model (an agent profile) names the agent.
      wire={chat.wire === 'responses' ? 'responses' : 'assistants'}
      model={chat.model}
      assistantId={chat.assistantId}
      threadId={threadId}
      runOptions={{
        // One saved run per backend: a reload re-attaches to this backend's run, not another's.
        resume: { key: `runline-demo:run:${backendId}` },
        tools: autoWeather ? WEATHER_TOOLS : undefined,
        onEvent: (event) => eventLog.record(event),
      }}
      onSend={onSend}
      renderRow={renderRow}
      fileUrl={fileUrl}
      empty={<Welcome wire={chat.wire} />}
      composer={<Composer autoWeather={autoWeather} onAutoWeatherChange={onAutoWeatherChange} />}
    >
      <MissingThread simulator={backendId.startsWith('sim-')} onRemove={() => onThreadMissing(threadId)} />
    </RunThread>
  )
}

/** The empty thread's heading and lead, by wire. */
const WELCOME: Record<BackendWire, { title: string; stream: string; parts: string }> = {
  assistants: {
    title: 'Stream an assistant run',
    stream: 'a live Assistants-API v2 stream',
    parts: 'text, tool calls, code and files',
  },
  foundry: {
    title: 'Stream a Foundry agent run',
    stream: 'a live Foundry classic-agents stream',
    parts: 'text, tool calls, MCP approvals and citations',
  },
  responses: {
    title: 'Stream a Responses turn',
    stream: 'a live Responses API stream',
    parts: 'text, tool calls, MCP approvals and web search',
  },
}

/** The empty thread: what the demo can do on this wire, one click away. */
function Welcome({ wire }: { wire: BackendWire }) {
  const { thread } = useRunThreadContext()
  const words = WELCOME[wire]
  return (
    <div className="welcome">
      <h1 className="welcome__title">{words.title}</h1>
      <p className="welcome__lead">
        Every answer below is {words.stream} — {words.parts} — rendered by <code>&lt;RunThread&gt;</code> as
        it arrives. Pick a prompt or write your own.
      </p>
      <ul className="welcome__grid">
        {SUGGESTIONS[wire].map((suggestion) => (
          <li key={suggestion.label}>
            <button
              type="button"
              className="suggestion"
              disabled={thread.active}
              onClick={() => void thread.send(suggestion.text)}
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

/** Under the kit's "no longer exists" alert: why, and a way out of the sidebar. */
function MissingThread({ simulator, onRemove }: { simulator: boolean; onRemove(): void }) {
  if (!useRunThreadContext().thread.history.missing) return null
  return (
    <div className="notice">
      <p>
        {simulator
          ? 'The simulator keeps threads in memory, so a restart forgets them.'
          : 'The server no longer has this thread.'}
      </p>
      <button type="button" className="demo-button" onClick={onRemove}>
        Remove it from the list
      </button>
    </div>
  )
}
