'use client'

import type { Message } from '@runline/core'
import type { Text } from 'openai/resources/beta/threads/messages'
import { type ReactNode, useMemo } from 'react'
import type { FileUrl } from './context.js'
import { textOf } from './derive.js'
import { LazyCitedMessageContent } from './lazy-parts.js'
import { type CitationRenderer, Markdown } from './markdown.js'

// A message's parts. Most messages cite nothing: they are drawn here, at once. One with annotations
// (file_search, code_interpreter's files, url_citation) is drawn with its citation chips and source
// list by cited-content.tsx, loaded the first time a message cites something; until then it shows
// as here, its marker texts left out.

/** Props of {@link MessageContent}. */
export interface MessageContentProps {
  message: Message
  fileUrl: FileUrl
  fileNames: Readonly<Record<string, string>>
  headingOffset?: number
  /** Show the streaming caret at the end of the last text part (see {@link Markdown}'s `caret`). */
  caret?: boolean
}

// One empty list for a message without parts, so the memos below keep their values.
const NO_PARTS: Message['content'] = []

/** A message's content parts, null entries and all (a server may send anything there). */
export function contentOf(message: Message): Message['content'] {
  return Array.isArray(message.content) ? message.content : NO_PARTS
}

/** The text of each text part, in order. */
export function textPartsOf(content: Message['content']): Text[] {
  return content.filter((part) => part?.type === 'text').map((part) => (part as { text: Text }).text)
}

/** A text part's annotations that are there. */
export function annotationsOf(text: Text | undefined): Text['annotations'] {
  return Array.isArray(text?.annotations) ? text.annotations.filter(Boolean) : []
}

/** A text part's text as sent, its annotations' marker texts left out (it may lack its text). */
function uncitedText(text: Text | undefined): string {
  let value = typeof text?.value === 'string' ? text.value : ''
  for (const annotation of annotationsOf(text)) {
    if (annotation.text) value = value.replace(annotation.text, '')
  }
  return value
}

/**
 * A message's content parts: text as streaming-safe markdown with citation chips, images from
 * `image_file` (through `fileUrl`) and `image_url`, refusals. Returns a fragment.
 */
export function MessageContent(props: MessageContentProps): ReactNode {
  const content = contentOf(props.message)
  const textParts = useMemo(() => textPartsOf(content), [content])
  const sources = useMemo(() => textParts.map(uncitedText), [textParts])
  const parts = (
    <MessageParts
      content={content}
      sources={sources}
      fileUrl={props.fileUrl}
      headingOffset={props.headingOffset}
      caret={props.caret}
    />
  )
  const cites = textParts.some((text) => annotationsOf(text).length > 0)
  return cites ? <LazyCitedMessageContent {...props} placeholder={parts} /> : parts
}

/** Props of {@link MessageParts}. */
export interface MessagePartsProps {
  content: Message['content']
  /** The markdown of each text part, in order (with citation marks where there are citations). */
  sources: readonly string[]
  /** Draws the citation marks in `sources`. */
  renderCitation?: CitationRenderer
  fileUrl: FileUrl
  headingOffset?: number
  caret?: boolean
}

/** The parts of a message, drawn: text parts from `sources`, images, refusals. Returns a fragment. */
export function MessageParts({
  content,
  sources,
  renderCitation,
  fileUrl,
  headingOffset,
  caret = false,
}: MessagePartsProps): ReactNode {
  let textIndex = 0
  const caretAt = caret ? sources.length - 1 : -1
  return content.map((part, i) => {
    if (!part) return null
    const key = `${part.type}-${i}`
    switch (part.type) {
      case 'text': {
        const index = textIndex++
        return (
          <div key={key} className="rl-md">
            <Markdown
              source={sources[index] ?? ''}
              renderCitation={renderCitation}
              headingOffset={headingOffset}
              caret={index === caretAt}
            />
          </div>
        )
      }
      case 'image_file': {
        const fileId = textOf(part.image_file?.file_id)
        return fileId ? (
          <figure key={key} className="rl-message__image">
            <img src={fileUrl(fileId)} alt={`Assistant attachment ${fileId}`} loading="lazy" />
          </figure>
        ) : null
      }
      case 'image_url': {
        const image = safeImageUrl(part.image_url?.url)
        return image ? (
          <figure key={key} className="rl-message__image">
            <img src={image.src} alt={`Linked from ${image.host}`} loading="lazy" />
          </figure>
        ) : null
      }
      case 'refusal':
        return (
          <p key={key} className="rl-message__refusal">
            {textOf(part.refusal)}
          </p>
        )
      default:
        return null
    }
  })
}

/** An http(s) image address that parses as a URL, else null. */
function safeImageUrl(url: unknown): { src: string; host: string } | null {
  const src = typeof url === 'string' ? url.trim() : ''
  if (!/^https?:\/\//i.test(src)) return null
  try {
    return { src, host: new URL(src).host }
  } catch {
    return null
  }
}
