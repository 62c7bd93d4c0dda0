import '@runline/components/styles.css'
import './app.css'
import { warmUpRunTimeline } from '@runline/components'
import { createRunlineClient, isRunlineError } from '@runline/core'
import { RunlineProvider } from '@runline/hooks'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import { API_BASE_URL } from './config.js'
import { createEventLog } from './event-log.js'
import { createThreadListStore } from './threads.js'

const client = createRunlineClient({ baseUrl: API_BASE_URL })
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again (and each retry is one more console error).
      retry: (failures, error) =>
        failures < 2 && !(isRunlineError(error) && (error.status ?? 0) >= 400 && (error.status ?? 0) < 500),
    },
  },
})
let storage: Storage | null = null
try {
  storage = window.localStorage
} catch {}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RunlineProvider client={client}>
        <App threads={createThreadListStore(storage)} eventLog={createEventLog()} />
      </RunlineProvider>
    </QueryClientProvider>
  </StrictMode>,
)
// The timeline's one-time costs (markdown lexer, fonts) in idle time now, not in the first streamed frames.
warmUpRunTimeline()
