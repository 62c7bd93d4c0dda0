import './backend.css'
import type { Backend } from './backend.js'
import { useServerThreads } from './backend.js'
import { ThreadButton, timeAgo } from './Sidebar.js'

/** Props of {@link BackendPanel}. */
export interface BackendPanelProps {
  backend: Backend
  activeId: string | null
  /** Titles of the chats the demo knows (the server's list has ids only). */
  titles: ReadonlyMap<string, string>
  /** Opens a thread from the server's list (it joins the local list). */
  onOpenThread(id: string): void
  /** Changes whenever the local list does, so a new thread shows up in the server's list too. */
  version: number
}

/**
 * The server's own thread list, where the backend has one (Foundry's `GET /threads`): the newest 20,
 * each opened with a click. Renders nothing for backends without a list.
 */
export function BackendPanel({ backend, activeId, titles, onOpenThread, version }: BackendPanelProps) {
  const threads = useServerThreads(backend.apiBase, backend.threadList, version)
  if (!backend.threadList) return null
  return (
    <section className="backend" aria-labelledby="server-threads-heading">
      <h2 className="sidebar__heading" id="server-threads-heading">
        On the server
      </h2>
      {threads.isError ? (
        <p className="sidebar__empty">The server's thread list is unavailable.</p>
      ) : !threads.data ? null : threads.data.length === 0 ? (
        <p className="sidebar__empty">No threads yet.</p>
      ) : (
        <ul className="sidebar__list" aria-label="Threads on the server">
          {threads.data.map((thread) => (
            <li key={thread.id}>
              <ThreadButton
                title={titles.get(thread.id) ?? thread.id}
                time={thread.createdAt ? timeAgo(thread.createdAt) : ''}
                current={thread.id === activeId}
                onClick={() => onOpenThread(thread.id)}
                hint={thread.id}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
