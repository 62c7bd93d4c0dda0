'use client'
// A `reasoning` item: what the model thought, as the summaries it chose to share, folded away.
import type { ReactNode } from 'react'
import { Markdown } from '../markdown.js'

type Json = Readonly<Record<string, unknown>>

function textsOf(value: unknown, type: string): string[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((part) =>
    part && typeof part === 'object' && part.type === type && typeof part.text === 'string' && part.text
      ? [part.text as string]
      : [],
  )
}

/**
 * A `reasoning` item: a `<details>` labelled "Reasoning" holding its summaries (safe markdown) and
 * any plain `reasoning_text` content. `encrypted_content` is opaque state for the next request and is
 * never shown. One `details` with `data-state` = streaming | completed | empty.
 */
export function ResponsesReasoning({ item }: { item: Json }): ReactNode {
  const summaries = textsOf(item.summary, 'summary_text')
  const texts = textsOf(item.content, 'reasoning_text')
  const streaming = item.status === 'in_progress'
  const empty = summaries.length === 0 && texts.length === 0
  return (
    <details className="rl-reasoning" data-state={streaming ? 'streaming' : empty ? 'empty' : 'completed'}>
      <summary className="rl-reasoning__summary">
        Reasoning
        {empty && <span className="rl-muted"> {streaming ? '(thinking…)' : '(no summary shared)'}</span>}
      </summary>
      {summaries.map((text, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: summaries are placed by index
        <Markdown key={`s${i}`} source={text} headingOffset={2} />
      ))}
      {texts.map((text, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: content parts are placed by index
        <Markdown key={`t${i}`} source={text} headingOffset={2} />
      ))}
    </details>
  )
}
