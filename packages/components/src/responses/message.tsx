'use client'
// A Responses `message` item: the same markdown, citation chips and refusal styling as an
// Assistants message, through `RunTimeline.Message`.
import { type ReactNode, useMemo } from 'react'
import { MessageContent } from '../message-content.js'
import { MessagePart } from '../timeline/message.js'
import { usePartSettings } from '../timeline-context.js'
import { annotationFileNames, messageOf } from './annotations.js'

type Json = Readonly<Record<string, unknown>>

/**
 * A `message` output item: `output_text` as safe markdown with citation chips (`file_citation`,
 * `container_file_citation` named by their `filename`, `url_citation` linking to the page), and a
 * `refusal` part shown as a refusal. One `RunTimeline.Message` node.
 */
export function ResponsesMessage({ item }: { item: Json }): ReactNode {
  const settings = usePartSettings()
  const message = useMemo(() => messageOf(item), [item])
  // The annotations name their files themselves; the run's own names (file_search results) win.
  const fileNames = useMemo(
    () => ({ ...annotationFileNames(item), ...settings.fileNames }),
    [item, settings.fileNames],
  )
  const streaming = message.status === 'in_progress'
  return (
    <MessagePart message={message}>
      <MessageContent
        message={message}
        fileUrl={settings.fileUrl}
        fileNames={fileNames}
        headingOffset={settings.headingOffset}
        caret={streaming}
      />
      {streaming && message.content.length === 0 && <span className="rl-caret" aria-hidden="true" />}
      {message.status === 'incomplete' && <p className="rl-muted rl-message__cut">Cut short.</p>}
    </MessagePart>
  )
}
