import type { ReactNode } from 'react'
import { ChatIcon, LogoMark, PlusIcon, ThemeIcon } from './icons.js'
import type { ThemePreference } from './theme.js'
import type { SavedThread } from './threads.js'

/** Props of {@link Sidebar}. */
export interface SidebarProps {
  threads: readonly SavedThread[]
  activeId: string | null
  onSelect(id: string): void
  onNewChat(): void
  /** True while "New chat" is creating a thread on the server. */
  creating: boolean
  theme: ThemePreference
  onThemeChange(): void
  /** Above "New chat" (the backend switch). */
  header?: ReactNode
  /** Shown below the list (the server's thread list). */
  children?: ReactNode
  /** The small print in the footer (what the chats talk to). */
  meta?: ReactNode
}

const relativeTime = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })

/** "just now", "5 min ago", "yesterday"… for a past timestamp. */
export function timeAgo(then: number, now = Date.now()): string {
  const seconds = Math.round((then - now) / 1000)
  if (seconds > -45) return 'just now'
  const minutes = Math.round(seconds / 60)
  if (minutes > -60) return relativeTime.format(minutes, 'minute')
  const hours = Math.round(minutes / 60)
  if (hours > -24) return relativeTime.format(hours, 'hour')
  return relativeTime.format(Math.round(hours / 24), 'day')
}

/** One thread in a sidebar list: icon, title, time; `aria-current="page"` when it is the open one. */
export function ThreadButton(props: {
  title: string
  time: string
  current: boolean
  onClick(): void
  /** Tooltip (the thread id). */
  hint?: string
}) {
  return (
    <button
      type="button"
      className="sidebar__thread"
      aria-current={props.current ? 'page' : undefined}
      onClick={props.onClick}
      title={props.hint}
    >
      <ChatIcon />
      <span className="sidebar__thread-text">
        <span className="sidebar__thread-title">{props.title}</span>
        <span className="sidebar__thread-time">{props.time}</span>
      </span>
    </button>
  )
}

const THEME_WORDS: Record<ThemePreference, string> = { system: 'System', light: 'Light', dark: 'Dark' }

/**
 * The chat list: the backend switch and "New chat" on top, the chats most recently used first, the
 * theme switch at the bottom.
 */
export function Sidebar({
  threads,
  activeId,
  onSelect,
  onNewChat,
  creating,
  theme,
  onThemeChange,
  header,
  children,
  meta,
}: SidebarProps) {
  return (
    <nav className="sidebar" aria-label="Chats">
      <div className="sidebar__brand">
        <LogoMark />
        <span className="sidebar__name">Runline</span>
        <span className="sidebar__tag">demo</span>
      </div>
      {header}
      <button
        type="button"
        className="demo-button demo-button--primary sidebar__new"
        onClick={onNewChat}
        disabled={creating}
      >
        <PlusIcon />
        <span>New chat</span>
      </button>
      <h2 className="sidebar__heading">Recent</h2>
      {threads.length === 0 ? (
        <p className="sidebar__empty">Your chats appear here.</p>
      ) : (
        <ul className="sidebar__list">
          {threads.map((thread) => (
            <li key={thread.id}>
              <ThreadButton
                title={thread.title}
                time={timeAgo(thread.updatedAt)}
                current={thread.id === activeId}
                onClick={() => onSelect(thread.id)}
                hint={thread.id}
              />
            </li>
          ))}
        </ul>
      )}
      {children}
      <div className="sidebar__footer">
        <button type="button" className="demo-button demo-button--ghost" onClick={onThemeChange}>
          <ThemeIcon />
          <span>Theme: {THEME_WORDS[theme]}</span>
        </button>
        {meta ? <p className="sidebar__meta">{meta}</p> : null}
      </div>
    </nav>
  )
}
