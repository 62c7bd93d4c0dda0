import '@runline/components/styles.css'
import './app.css'
import { warmUpRunTimeline } from '@runline/components'
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import { createEventLog } from './event-log.js'
import { createBackendSessions, createDemoQueryClient } from './sessions.js'

// The server's configuration (which backends) lives here; each backend's data in its session's cache.
const queryClient = createDemoQueryClient()
let storage: Storage | null = null
try {
  storage = window.localStorage
} catch {}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App sessions={createBackendSessions(storage)} eventLog={createEventLog()} />
    </QueryClientProvider>
  </StrictMode>,
)
// The timeline's one-time costs (markdown lexer, fonts) in idle time now, not in the first streamed frames.
warmUpRunTimeline()
