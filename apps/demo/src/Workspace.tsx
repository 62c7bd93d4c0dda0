import { useRunlineClient } from '@runline/hooks'
import { useMutation } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { BackendPanel } from './BackendPanel.js'
import { BackendSwitch } from './BackendSwitch.js'
import type { Backend, BackendWire } from './backend.js'
import { ChatView } from './ChatView.js'
import { ASSISTANT_ID } from './config.js'
import type { EventLog } from './event-log.js'
import { Inspector } from './Inspector.js'
import { ActivityIcon, MenuIcon } from './icons.js'
import { Sidebar } from './Sidebar.js'
import type { ThemePreference } from './theme.js'
import type { ThreadListStore } from './threads.js'

/** What outlives a backend switch (held by the App): the theme, the inspector, the weather handler. */
export interface WorkspacePrefs {
  theme: ThemePreference
  onThemeChange(): void
  inspectorOpen: boolean
  onInspectorOpenChange(open: boolean): void
  autoWeather: boolean
  onAutoWeatherChange(value: boolean): void
}

/** Props of {@link Workspace}. */
export interface WorkspaceProps {
  /** The backend in use; the RunlineProvider above talks to it. */
  backend: Backend
  /** Everything the switch offers. */
  backends: readonly Backend[]
  onBackendChange(id: string): void
  /** This backend's chat list. */
  threads: ThreadListStore
  eventLog: EventLog
  prefs: WorkspacePrefs
}

/** The topbar's subtitle: which backend, on which wire. */
const WIRE_RUNS: Record<BackendWire, string> = {
  assistants: 'Assistants-API runs',
  foundry: 'Foundry agent runs',
  responses: 'Responses API turns',
}

/**
 * The demo on one backend: the sidebar (switch, chats, the server's list), the chat and the
 * inspector. Mounted once per backend (the App keys it), under that backend's RunlineProvider.
 */
export function Workspace({
  backend,
  backends,
  onBackendChange,
  threads: threadStore,
  eventLog,
  prefs,
}: WorkspaceProps) {
  const { threads, activeId } = useSyncExternalStore(threadStore.subscribe, threadStore.getSnapshot)
  const client = useRunlineClient()
  const [navOpen, setNavOpen] = useState(false)
  const active = threads.find((thread) => thread.id === activeId) ?? null

  // A new chat is a thread, or on the Responses wire a conversation.
  const create = useMutation({
    mutationFn: async () =>
      backend.wire === 'responses'
        ? (await client.conversations.create()).id
        : (await client.threads.create()).id,
  })
  const newChat = useCallback(async () => {
    const id = await create.mutateAsync()
    threadStore.add(id)
    setNavOpen(false)
  }, [create.mutateAsync, threadStore])

  // A first visit to a backend gets a chat right away (once, even under StrictMode's double effects).
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
  // The server's list has ids only: the chats known here go by their titles there too.
  const titles = useMemo(() => new Map(threads.map((t) => [t.id, t.title])), [threads])

  return (
    <div
      className="app"
      data-nav-open={navOpen || undefined}
      data-inspector-open={prefs.inspectorOpen || undefined}
    >
      <div className="app__sidebar" id="chat-list">
        <Sidebar
          threads={threads}
          activeId={activeId}
          onSelect={select}
          onNewChat={() => void newChat().catch(() => {})}
          creating={create.isPending}
          theme={prefs.theme}
          onThemeChange={prefs.onThemeChange}
          header={<BackendSwitch backends={backends} value={backend.id} onChange={onBackendChange} />}
          meta={
            <>
              {backend.wire === 'responses' ? 'Agent ' : 'Assistant '}
              <code>{backend.wire === 'responses' ? (backend.model ?? '—') : ASSISTANT_ID}</code> via{' '}
              <code>{backend.apiBase}</code>
            </>
          }
        >
          <BackendPanel
            backend={backend}
            activeId={activeId}
            titles={titles}
            onOpenThread={openServerThread}
            version={threads.length}
          />
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
            <p>
              {backend.label} · {WIRE_RUNS[backend.wire]}
            </p>
          </div>
          <button
            type="button"
            className="demo-button demo-button--ghost topbar__inspect"
            aria-pressed={prefs.inspectorOpen}
            aria-controls="inspector"
            onClick={() => prefs.onInspectorOpenChange(!prefs.inspectorOpen)}
          >
            <ActivityIcon />
            <span>Event inspector</span>
          </button>
        </header>
        {create.isError && !active ? (
          <div className="notice notice--page" role="alert">
            <p>Could not create a chat: {create.error.message}. Is apps/server running?</p>
            <button type="button" className="demo-button" onClick={() => void newChat().catch(() => {})}>
              Try again
            </button>
          </div>
        ) : null}
        {active ? (
          <ChatView
            key={`${backend.id}:${active.id}`}
            backend={backend}
            threadId={active.id}
            eventLog={eventLog}
            autoWeather={prefs.autoWeather}
            onAutoWeatherChange={prefs.onAutoWeatherChange}
            onMessageSent={onMessageSent}
            onThreadMissing={onThreadMissing}
          />
        ) : null}
      </main>
      {prefs.inspectorOpen ? (
        <div className="app__inspector" id="inspector">
          <Inspector log={eventLog} onClose={() => prefs.onInspectorOpenChange(false)} />
        </div>
      ) : null}
    </div>
  )
}
