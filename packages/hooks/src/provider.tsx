'use client'
import type { RunlineClient } from '@runline/core'
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query'
import { createContext, type ReactNode, useContext, useState } from 'react'

const RunlineClientContext = createContext<RunlineClient | null>(null)

/** Props of {@link RunlineProvider}. */
export interface RunlineProviderProps {
  /** The client every Runline hook below uses, e.g. `createRunlineClient({ baseUrl: '/api/v1' })`. */
  client: RunlineClient
  /** A QueryClient to use; default: the app's (a `QueryClientProvider` above), else one of its own. */
  queryClient?: QueryClient
  children?: ReactNode
}

/**
 * Provides the Runline client to the hooks. Uses the app's React Query `QueryClient` when one is
 * provided above it (or passed), else makes its own, so the hooks work with or without React Query
 * in the app.
 */
export function RunlineProvider({ client, queryClient, children }: RunlineProviderProps) {
  const outer = useContext(QueryClientContext)
  // Made once, and only when nobody else provides one.
  const [own] = useState(() => (queryClient || outer ? null : new QueryClient()))
  const content = <RunlineClientContext.Provider value={client}>{children}</RunlineClientContext.Provider>
  const chosen = queryClient ?? (outer ? null : own)
  return chosen ? <QueryClientProvider client={chosen}>{content}</QueryClientProvider> : content
}

/** The client from the nearest {@link RunlineProvider}; throws a clear error outside of one. */
export function useRunlineClient(): RunlineClient {
  const client = useContext(RunlineClientContext)
  if (!client) throw new Error('useRunlineClient: wrap your components in <RunlineProvider client={...}>')
  return client
}

/** The provider's client, or null outside one (hooks that also accept a `client` option). */
export function useOptionalRunlineClient(): RunlineClient | null {
  return useContext(RunlineClientContext)
}
