import { RunThread, renderThreadRow, type ThreadRow, useRunThreadContext } from '@runline/components'
import type { ToolHandlers } from '@runline/hooks'
import { useCallback, useLayoutEffect } from 'react'
import { Composer } from './Composer.js'
import { ASSISTANT_ID, SUGGESTIONS } from './config.js'
import type { EventLog } from './event-log.js'
import { forecastFor } from './weather.js'

/** The client-side tool the "Answer get_weather automatically" switch turns on. */
const WEATHER_TOOLS: ToolHandlers = { get_weather: (args) => forecastFor(args) }

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

/** The user's messages carry the demo's `bubble` class (the end-to-end tests find them by it). */
const renderRow = (row: ThreadRow) =>
  row.kind === 'user' ? <RunThread.UserMessage turn={row} className="bubble" /> : renderThreadRow(row)

/**
 * One thread, drawn by `<RunThread>`: history, the message on its way, the live run (re-attached
 * after a reload) and the composer. Mounted once per thread (keyed by id).
 */
export function ChatView({
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
  return (
    <RunThread
      className="chat"
      assistantId={ASSISTANT_ID}
      threadId={threadId}
      runOptions={{
        resume: true,
        tools: autoWeather ? WEATHER_TOOLS : undefined,
        onEvent: (event) => eventLog.record(event),
      }}
      onSend={onSend}
      renderRow={renderRow}
      empty={<Welcome />}
      composer={<Composer autoWeather={autoWeather} onAutoWeatherChange={onAutoWeatherChange} />}
    >
      <MissingThread onRemove={() => onThreadMissing(threadId)} />
    </RunThread>
  )
}

/** The empty thread: what the demo can do, one click away. */
function Welcome() {
  const { thread } = useRunThreadContext()
  return (
    <div className="welcome">
      <h1 className="welcome__title">Stream an assistant run</h1>
      <p className="welcome__lead">
        Every answer below is a live Assistants-API v2 stream — text, tool calls, code and files — rendered by{' '}
        <code>&lt;RunThread&gt;</code> as it arrives. Pick a prompt or write your own.
      </p>
      <ul className="welcome__grid">
        {SUGGESTIONS.map((suggestion) => (
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
function MissingThread({ onRemove }: { onRemove(): void }) {
  if (!useRunThreadContext().thread.history.missing) return null
  return (
    <div className="notice">
      <p>The simulator keeps threads in memory, so a restart forgets them.</p>
      <button type="button" className="demo-button" onClick={onRemove}>
        Remove it from the list
      </button>
    </div>
  )
}
