import { useCreateThread } from '@runline/hooks'
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { BackendPanel } from './BackendPanel.js'
import { ChatView } from './ChatView.js'
import type { EventLog } from './event-log.js'
import { Inspector } from './Inspector.js'
import { ActivityIcon, MenuIcon } from './icons.js'
import { Sidebar } from './Sidebar.js'
import { applyTheme, nextTheme, readTheme, type ThemePreference } from './theme.js'
import type { ThreadListStore } from './threads.js'

/** Props of {@link App}. */
export interface AppProps {
  threads: ThreadListStore
  eventLog: EventLog
}

const storage = (): Storage | null => {
  try {
    return typeof window === 'undefined' ? null : window.localStorage
  } catch {
    return null
  }
}

/** The demo: a sidebar of threads, the chat, and the event inspector. */
export function App({ threads: threadStore, eventLog }: AppProps) {
  const { threads, activeId } = useSyncExternalStore(threadStore.subscribe, threadStore.getSnapshot)
  const createThread = useCreateThread()
  const [inspectorOpen, setInspectorOpen] = useState(false)
  const [autoWeather, setAutoWeather] = useState(false)
  const [navOpen, setNavOpen] = useState(false)
  const [theme, setTheme] = useState<ThemePreference>(() => readTheme(storage()))
  const active = threads.find((thread) => thread.id === activeId) ?? null

  useEffect(() => applyTheme(theme, document.documentElement, storage()), [theme])

  const newChat = useCallback(async () => {
    const thread = await createThread.mutateAsync(undefined)
    threadStore.add(thread.id)
    setNavOpen(false)
  }, [createThread.mutateAsync, threadStore])

  // A first visit gets a thread right away (once, even under StrictMode's double effects).
  const autoCreated = useRef(false)
  useEffect(() => {
    if (threads.length > 0 || autoCreated.current) return
    autoCreated.current = true
    newChat().catch(() => {})
  }, [threads.length, newChat])

  const select = useCallback(
    (id: string) => {
      threadStore.setActive(id)
      setNavOpen(false)
    },
    [threadStore],
  )
  const onMessageSent = useCallback(
    (id: string, text: string) => threadStore.noteMessage(id, text),
    [threadStore],
  )
  const onThreadMissing = useCallback((id: string) => threadStore.remove(id), [threadStore])
  const openServerThread = useCallback(
    (id: string) => {
      if (threadStore.getSnapshot().threads.some((thread) => thread.id === id)) threadStore.setActive(id)
      else threadStore.add(id)
      setNavOpen(false)
    },
    [threadStore],
  )

  return (
    <div
      className="app"
      data-nav-open={navOpen || undefined}
      data-inspector-open={inspectorOpen || undefined}
    >
      <div className="app__sidebar" id="chat-list">
        <Sidebar
          threads={threads}
          activeId={activeId}
          onSelect={select}
          onNewChat={() => void newChat().catch(() => {})}
          creating={createThread.isPending}
          theme={theme}
          onThemeChange={() => setTheme(nextTheme)}
        >
          <BackendPanel activeId={activeId} onOpenThread={openServerThread} version={threads.length} />
        </Sidebar>
      </div>
      {navOpen ? (
        <button
          type="button"
          className="app__scrim"
          aria-label="Close chat list"
          onClick={() => setNavOpen(false)}
        />
      ) : null}
      <main className="app__main">
        <header className="topbar">
          <button
            type="button"
            className="demo-icon-button topbar__menu"
            aria-label="Chats"
            aria-expanded={navOpen}
            aria-controls="chat-list"
            onClick={() => setNavOpen((open) => !open)}
          >
            <MenuIcon />
          </button>
          <div className="topbar__title">
            <h1>{active?.title ?? 'Runline'}</h1>
            <p>Streaming Assistants-API runs · simulator</p>
          </div>
          <button
            type="button"
            className="demo-button demo-button--ghost topbar__inspect"
            aria-pressed={inspectorOpen}
            aria-controls="inspector"
            onClick={() => setInspectorOpen((open) => !open)}
          >
            <ActivityIcon />
            <span>Event inspector</span>
          </button>
        </header>
        {createThread.isError && !active ? (
          <div className="notice notice--page" role="alert">
            <p>Could not create a chat: {createThread.error.message}. Is apps/server running?</p>
            <button type="button" className="demo-button" onClick={() => void newChat().catch(() => {})}>
              Try again
            </button>
          </div>
        ) : null}
        {active ? (
          <ChatView
            key={active.id}
            threadId={active.id}
            eventLog={eventLog}
            autoWeather={autoWeather}
            onAutoWeatherChange={setAutoWeather}
            onMessageSent={onMessageSent}
            onThreadMissing={onThreadMissing}
          />
        ) : null}
      </main>
      {inspectorOpen ? (
        <div className="app__inspector" id="inspector">
          <Inspector log={eventLog} onClose={() => setInspectorOpen(false)} />
        </div>
      ) : null}
    </div>
  )
}
