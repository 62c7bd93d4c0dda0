import { RunlineProvider } from '@runline/hooks'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useBackendChoice } from './backend.js'
import type { EventLog } from './event-log.js'
import type { BackendSessions } from './sessions.js'
import { applyTheme, nextTheme, readTheme, type ThemePreference } from './theme.js'
import { Workspace, type WorkspacePrefs } from './Workspace.js'

/** Props of {@link App}. */
export interface AppProps {
  /** Each backend's client, cache and chat list. */
  sessions: BackendSessions
  eventLog: EventLog
}

const storage = (): Storage | null => {
  try {
    return typeof window === 'undefined' ? null : window.localStorage
  } catch {
    return null
  }
}

/**
 * The demo: asks the server which backends it offers, opens the one picked last (or the server's
 * default), and draws the workspace under that backend's own RunlineProvider. Switching remounts the
 * workspace on the other backend's session; the theme, the inspector and the weather switch stay.
 */
export function App({ sessions, eventLog }: AppProps) {
  const choice = useBackendChoice()
  const [selected, setSelected] = useState(() => sessions.readSelected())
  const [inspectorOpen, setInspectorOpen] = useState(false)
  const [autoWeather, setAutoWeather] = useState(false)
  const [theme, setTheme] = useState<ThemePreference>(() => readTheme(storage()))

  useEffect(() => applyTheme(theme, document.documentElement, storage()), [theme])

  const onBackendChange = useCallback(
    (id: string) => {
      sessions.saveSelected(id)
      setSelected(id)
    },
    [sessions],
  )
  const prefs = useMemo<WorkspacePrefs>(
    () => ({
      theme,
      onThemeChange: () => setTheme(nextTheme),
      inspectorOpen,
      onInspectorOpenChange: setInspectorOpen,
      autoWeather,
      onAutoWeatherChange: setAutoWeather,
    }),
    [theme, inspectorOpen, autoWeather],
  )

  if (!choice.data) return <div className="app" aria-busy="true" />
  const { backends, defaultBackend } = choice.data
  const backend =
    backends.find((b) => b.id === selected) ?? backends.find((b) => b.id === defaultBackend) ?? backends[0]
  if (!backend) {
    return (
      <div className="notice notice--page" role="alert">
        <p>The server offers no backend.</p>
      </div>
    )
  }
  const session = sessions.get(backend)
  return (
    <RunlineProvider key={backend.id} client={session.client} queryClient={session.queryClient}>
      <Workspace
        backend={backend}
        backends={backends}
        onBackendChange={onBackendChange}
        threads={session.threads}
        eventLog={eventLog}
        prefs={prefs}
      />
    </RunlineProvider>
  )
}
