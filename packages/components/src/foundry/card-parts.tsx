// The pieces every tool card is built from: a head, labelled sections, code, a source list, a list
// of facts and the raw-JSON fallback.
import type { ReactNode } from 'react'
import type { ToolCardInfo } from '../context.js'
import { stepWords } from '../step-words.js'
import { keyWords, prettyPayload, type Source } from './payload.js'

/** A card's head: icon, what the tool is, the tool's own name, and the step's state while not done. */
export function CardHead({
  icon,
  title,
  name,
  info,
  note,
}: {
  icon: ReactNode
  title: string
  name?: string | null
  info: ToolCardInfo
  note?: ReactNode
}): ReactNode {
  const { stepStatus } = info
  return (
    <div className="rl-tool__head">
      <span className="rl-tool__icon">{icon}</span>
      <span className="rl-tool__title">{title}</span>
      {name && <code className="rl-tool__name">{name}</code>}
      {stepStatus !== 'completed' && (
        <span className="rl-chip" data-state={stepStatus === 'in_progress' ? 'streaming' : stepStatus}>
          {stepStatus === 'in_progress' ? 'Running…' : stepWords(stepStatus)}
        </span>
      )}
      {note && <span className="rl-tool__note">{note}</span>}
    </div>
  )
}

/** A labelled part of a card; nothing when it has no content. */
export function Section({ label, children }: { label: string; children: ReactNode }): ReactNode {
  if (children === null || children === undefined || children === false || children === '') return null
  return (
    <div className="rl-tool__section">
      <span className="rl-tool__label">{label}</span>
      {children}
    </div>
  )
}

/** Text as code: JSON (or a Python literal) pretty-printed. Output styling for answers. */
export function CodeText({ text, output = false }: { text: string | null; output?: boolean }): ReactNode {
  if (text === null || text === '') return null
  return (
    <pre
      className={output ? 'rl-code rl-code--output' : 'rl-code'}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      tabIndex={0}
    >
      <code>{prettyPayload(text)}</code>
    </pre>
  )
}

/** Sources as a numbered list of links that open in a new tab (only safe hrefs reach here). */
export function SourceList({ sources, label }: { sources: readonly Source[]; label: string }): ReactNode {
  if (sources.length === 0) return null
  return (
    <ol className="rl-links" aria-label={label}>
      {sources.map((source) => (
        <li key={source.url} className="rl-links__item">
          <a href={source.url} target="_blank" rel="noopener noreferrer" className="rl-links__link">
            {source.title}
          </a>
          <span className="rl-links__url">{source.url}</span>
        </li>
      ))}
    </ol>
  )
}

/** Short payload values as a list of facts (long or structured ones belong in a code section). */
export function Facts({ entries }: { entries: ReadonlyArray<readonly [string, string]> }): ReactNode {
  if (entries.length === 0) return null
  return (
    <dl className="rl-facts">
      {entries.map(([key, value]) => (
        <div key={key} className="rl-facts__item">
          <dt>{keyWords(key)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** The call as the server sent it, folded away: what a card did not show is still there. */
export function RawJson({ value }: { value: unknown }): ReactNode {
  let text: string
  try {
    text = JSON.stringify(value, null, 2) ?? String(value)
  } catch {
    text = String(value)
  }
  return (
    <details className="rl-raw">
      <summary className="rl-raw__summary">Raw JSON</summary>
      <pre className="rl-code">
        <code>{text}</code>
      </pre>
    </details>
  )
}
