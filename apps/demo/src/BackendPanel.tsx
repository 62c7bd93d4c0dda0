import './backend.css'
import { type BackendInfo, backendLabel, useBackendInfo, useServerThreads } from './backend.js'
import { API_BASE_URL } from './config.js'
import { ThreadButton, timeAgo } from './Sidebar.js'

/** Props of {@link BackendPanel}. */
export interface BackendPanelProps {
  activeId: string | null
  /** Opens a thread from the server's list (it joins the local list). */
  onOpenThread(id: string): void
  /** Changes whenever the local list does, so a new thread shows up in the server's list too. */
  version: number
}

/** The three backends apps/server can put behind the proxy, and how to start each. */
const BACKENDS: ReadonlyArray<{ label: string; command: string; is(info: BackendInfo): boolean }> = [
  {
    label: 'Simulator · Assistants wire',
    command: 'pnpm dev',
    is: (info) => info.backend === 'simulator' && info.wire === 'assistants',
  },
  {
    label: 'Simulator · Foundry wire',
    command: 'RUNLINE_SIM_WIRE=foundry pnpm dev',
    is: (info) => info.backend === 'simulator' && info.wire === 'foundry',
  },
  {
    label: 'A configured upstream',
    command: 'RUNLINE_UPSTREAM_URL=… pnpm dev (see apps/server/README.md)',
    is: (info) => info.backend === 'upstream',
  },
]

/**
 * Which backend the proxy forwards to, how to switch (the server picks it at start), and the server's
 * own thread list where the backend has one (Foundry). Renders nothing when the server cannot say.
 */
export function BackendPanel({ activeId, onOpenThread, version }: BackendPanelProps) {
  const { data: info } = useBackendInfo()
  const threads = useServerThreads(API_BASE_URL, info?.threadList === true, version)
  if (!info) return null
  return (
    <section className="backend" aria-label="Backend">
      {info.threadList ? (
        <>
          <h2 className="sidebar__heading">On the server</h2>
          {threads.isError ? (
            <p className="sidebar__empty">The server's thread list is unavailable.</p>
          ) : threads.data?.length === 0 ? (
            <p className="sidebar__empty">No threads yet.</p>
          ) : (
            <ul className="sidebar__list" aria-label="Threads on the server">
              {(threads.data ?? []).map((thread) => (
                <li key={thread.id}>
                  <ThreadButton
                    title={thread.id}
                    time={thread.createdAt ? timeAgo(thread.createdAt) : ''}
                    current={thread.id === activeId}
                    onClick={() => onOpenThread(thread.id)}
                  />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      <details className="backend__switch">
        <summary>
          Backend: <strong>{backendLabel(info)}</strong>
        </summary>
        <p>The server picks it at start; restart with:</p>
        {/* Paragraphs, not a list: the chats' navigation counts its list items. */}
        <div className="backend__options">
          {BACKENDS.map((backend) => (
            <p key={backend.label}>
              {backend.label}
              {backend.is(info) ? ' (current)' : ''}: <code>{backend.command}</code>
            </p>
          ))}
        </div>
      </details>
    </section>
  )
}
