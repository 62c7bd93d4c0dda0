'use client'
// A message that cites: its annotations become numbered citation chips in the text and a source list
// under it. Loaded the first time a message cites something (see message-content.tsx, lazy-parts.ts).

import type { Annotation, Text } from 'openai/resources/beta/threads/messages'
import { type ReactNode, useCallback, useMemo, useRef } from 'react'
import type { FileUrl } from './context.js'
import { CITATION_CLOSE, CITATION_OPEN, safeHref } from './markdown.js'
import {
  annotationsOf,
  contentOf,
  type MessageContentProps,
  MessageParts,
  textPartsOf,
} from './message-content.js'
import { UrlCitationChip, urlCitationLabel, urlCitationOf } from './url-citation.js'

/** One citation chip: an annotation's place in the text, the number it shows and what it cites. */
export interface Citation {
  /** Shown in the chip; the same file (or page) keeps the same number within a message. */
  number: number
  type: 'file_citation' | 'file_path' | 'url_citation'
  /** The cited file's id; empty for a `url_citation`. */
  fileId: string
  /** The cited page (`url_citation`, Foundry), as sent; shown as a link only when it is safe. */
  url?: string
  /** The file's name (from file_search results, the marker text, or the sandbox path), else its id;
   * a page's title, else its host. */
  label: string
}

/** A text part with its annotation ranges swapped for citation marks. */
interface PreparedText {
  source: string
  citations: Citation[]
}

// `【4:0†favorite_foods.txt】` names its file after the dagger.
const MARKER_NAME = /†([^】]+)】?$/

function labelFor(
  annotation: Annotation,
  fileId: string,
  fileNames: Readonly<Record<string, string>>,
): string {
  const known = fileNames[fileId]
  if (known) return known
  const text = annotation.text ?? ''
  if (annotation.type === 'file_citation') return MARKER_NAME.exec(text)?.[1]?.trim() || fileId
  const base = text.split('/').pop()
  return base || fileId
}

/**
 * Replaces each annotation's `text` range (start_index..end_index) with a citation mark, numbering
 * files in order of first citation. Indexes that do not match the text (a stream cut short, code
 * points vs UTF-16) fall back to finding the annotation's text after the previous one.
 */
export function prepareCitations(
  parts: readonly Text[],
  fileNames: Readonly<Record<string, string>>,
): { sources: string[]; citations: Citation[] } {
  const numbers = new Map<string, number>()
  const citations: Citation[] = []
  const sources = parts.map((text) => prepareText(text, fileNames, numbers, citations).source)
  return { sources, citations }
}

function prepareText(
  text: Text,
  fileNames: Readonly<Record<string, string>>,
  numbers: Map<string, number>,
  citations: Citation[],
): PreparedText {
  // Stored as the server sent it: a text part may lack its text.
  const value = typeof text?.value === 'string' ? text.value : ''
  const annotations = annotationsOf(text)
  if (annotations.length === 0) return { source: value, citations }
  const sorted = [...annotations].sort((a, b) => (a.start_index ?? 0) - (b.start_index ?? 0))
  let out = ''
  let cursor = 0
  for (const annotation of sorted) {
    // Foundry's url_citation is not in openai's union (and its deltas carry no `text`).
    const page = (annotation.type as string) === 'url_citation' ? urlCitationOf(annotation) : null
    const fileId =
      annotation.type === 'file_citation'
        ? annotation.file_citation?.file_id
        : annotation.type === 'file_path'
          ? annotation.file_path?.file_id
          : undefined
    const key = fileId || page?.url
    if (!key) continue
    let start = annotation.start_index
    let end = annotation.end_index
    const marker = annotation.text ?? ''
    if (
      !(
        start >= cursor &&
        end <= value.length &&
        // A range, or (Responses' file citations name a point) an empty annotation at one place.
        (start < end || (start === end && !marker)) &&
        (!marker || value.slice(start, end) === marker)
      )
    ) {
      const found = marker ? value.indexOf(marker, cursor) : -1
      if (found < 0) continue
      start = found
      end = found + marker.length
    }
    let number = numbers.get(key)
    if (number === undefined) {
      number = numbers.size + 1
      numbers.set(key, number)
    }
    const index = citations.length
    citations.push(
      page
        ? {
            number,
            type: 'url_citation',
            fileId: '',
            url: page.url,
            label: urlCitationLabel(page.url, page.title),
          }
        : { number, type: annotation.type, fileId: key, label: labelFor(annotation, key, fileNames) },
    )
    out += value.slice(cursor, start) + CITATION_OPEN + index + CITATION_CLOSE
    cursor = end
  }
  return { source: out + value.slice(cursor), citations }
}

/** Props of {@link CitedMessageContent}. */
export interface CitedMessageContentProps extends MessageContentProps {
  /** What stands in while this part's code loads (see lazy-parts.ts); not drawn here. */
  placeholder?: ReactNode
}

/**
 * `MessageContent` for a message with annotations: each annotation's range in the text becomes
 * a numbered chip (see {@link prepareCitations}), and the cited files and pages are listed under the
 * message. Returns a fragment.
 */
export function CitedMessageContent({
  message,
  fileUrl,
  fileNames,
  headingOffset,
  caret,
}: CitedMessageContentProps): ReactNode {
  const content = contentOf(message)
  const textParts = useMemo(() => textPartsOf(content), [content])
  const prepared = useMemo(() => prepareCitations(textParts, fileNames), [textParts, fileNames])
  // Keep the citations array while its contents are equal, so finished markdown blocks stay memoized.
  const stableCitations = useStable(prepared.citations)
  const renderCitation = useCallback(
    (index: number, label?: ReactNode) => {
      const citation = stableCitations[index]
      if (!citation) return null
      return <CitationChip citation={citation} fileUrl={fileUrl} label={label} />
    },
    [stableCitations, fileUrl],
  )
  const cited = uniqueCitations(stableCitations)
  return (
    <>
      <MessageParts
        content={content}
        sources={prepared.sources}
        renderCitation={renderCitation}
        fileUrl={fileUrl}
        headingOffset={headingOffset}
        caret={caret}
      />
      {cited.length > 0 && (
        <ol className="rl-sources" aria-label="Sources">
          {cited.map((citation) => (
            <SourceEntry key={citation.url ?? citation.fileId} citation={citation} />
          ))}
        </ol>
      )}
    </>
  )
}

/** The cited files and pages, once each, for the message's source list. */
function uniqueCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Set<string>()
  return citations.filter((c) => {
    const key = c.type === 'url_citation' ? (c.url ?? '') : c.fileId
    return c.type !== 'file_path' && !seen.has(key) && seen.add(key)
  })
}

/** One entry of the source list: a cited page links to it (when safe), a file is named. */
function SourceEntry({ citation }: { citation: Citation }): ReactNode {
  const href = citation.type === 'url_citation' ? safeHref(citation.url) : null
  return (
    <li value={citation.number}>
      <span className="rl-sources__n" aria-hidden="true">
        {citation.number}
      </span>
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {citation.label}
        </a>
      ) : (
        citation.label
      )}
    </li>
  )
}

function CitationChip({
  citation,
  fileUrl,
  label,
}: {
  citation: Citation
  fileUrl: FileUrl
  label?: ReactNode
}): ReactNode {
  if (citation.type === 'url_citation') {
    return (
      <UrlCitationChip number={citation.number} url={citation.url ?? ''} label={citation.label}>
        {label}
      </UrlCitationChip>
    )
  }
  if (citation.type === 'file_path') {
    // fileUrl is the app's own (trusted) file route, e.g. the proxy's.
    return (
      <a
        className="rl-cite"
        data-type="file_path"
        href={fileUrl(citation.fileId)}
        download={citation.label}
        title={citation.label}
      >
        <span className="rl-cite__n">{citation.number}</span>
        <span className="rl-cite__label">{label ?? citation.label}</span>
      </a>
    )
  }
  return (
    <span
      className="rl-cite"
      data-type="file_citation"
      title={`Source ${citation.number}: ${citation.label}`}
    >
      <span className="rl-cite__n">{citation.number}</span>
      <span className="rl-cite__label">{citation.label}</span>
    </span>
  )
}

function useStable(citations: Citation[]): Citation[] {
  const ref = useRef(citations)
  const prev = ref.current
  if (
    prev !== citations &&
    (prev.length !== citations.length ||
      prev.some(
        (c, i) =>
          c.number !== citations[i]!.number ||
          c.fileId !== citations[i]!.fileId ||
          c.label !== citations[i]!.label ||
          c.url !== citations[i]!.url ||
          c.type !== citations[i]!.type,
      ))
  ) {
    ref.current = citations
  }
  return ref.current
}
