import { RequiredAction, RunTimeline } from '@runline/components'
import type { RunState, TimelineItem } from '@runline/core'
import type { ReactNode } from 'react'
import './custom-layout.css'

/** Rows of the custom layout: messages as bubbles, tool steps as compact cards (no default header). */
function renderRow(item: TimelineItem): ReactNode {
  if (item.message) {
    return (
      <RunTimeline.Step item={item} className="cl-bubble">
        <RunTimeline.Message message={item.message} />
      </RunTimeline.Step>
    )
  }
  const status = item.step?.status ?? 'in_progress'
  return (
    <RunTimeline.Step item={item} className="cl-tools">
      {item.toolCalls.map((call, index) => {
        if (!call) return null
        const key = call.id ?? index
        if (call.type === 'function')
          return <RunTimeline.ToolCall key={key} call={call} stepStatus={status} />
        if (call.type === 'code_interpreter')
          return <RunTimeline.CodeInterpreter key={key} call={call} stepStatus={status} />
        if (call.type === 'file_search')
          return <RunTimeline.FileSearch key={key} call={call} stepStatus={status} />
        return <RunTimeline.ToolCard key={key} call={call} stepStatus={status} />
      })}
    </RunTimeline.Step>
  )
}

/**
 * The headless parts in a layout of one's own: a side panel with status, usage, problems and the
 * tool form; the transcript with custom rows. Only public parts, styled by this story's CSS.
 */
export function CustomLayout({ run }: { run: RunState }) {
  return (
    <RunTimeline.Root run={run} className="cl-root">
      <aside className="cl-side" aria-label="Run details">
        <h2 className="cl-heading">Run</h2>
        <RunTimeline.Status className="cl-status" />
        <RunTimeline.Usage />
        <RunTimeline.Error />
        <RequiredAction run={run} />
      </aside>
      <section className="cl-main" aria-label="Conversation">
        <RunTimeline.Log renderItem={renderRow} aria-label="Conversation transcript" />
      </section>
    </RunTimeline.Root>
  )
}
