import { createContext, Fragment, type ReactNode } from 'react'

// Citation marks in assistant text, and the one function that draws them: shared by the plain drawing
// (markdown/plain.tsx, loaded at start) and the token drawing (markdown/inline.tsx, loaded with the
// lexer), so both put a citation in the same place.

/** Marks a citation's place in the text; the number between the two marks indexes `citations`. */
export const CITATION_OPEN = '\uE000'
/** Closes a citation mark. */
export const CITATION_CLOSE = '\uE001'
const CITATION_MARK = /\uE000(\d+)\uE001/g

/** Draws citation number `index` (the value between the marks) where it appears in the text. */
export type CitationRenderer = (index: number, label?: ReactNode) => ReactNode

/**
 * The citation renderer of the `<Markdown>` around a block: a context, not a prop, so that a caller's
 * new function on every render does not re-render the finished (memoized) blocks.
 */
export const CitationContext = createContext<CitationRenderer | null>(null)

/** Splits text at citation marks and draws each citation in its place (dropped without a renderer). */
export function withCitations(text: string, renderCitation: CitationRenderer | null): ReactNode {
  if (!text.includes(CITATION_OPEN)) return text
  const out: ReactNode[] = []
  let last = 0
  CITATION_MARK.lastIndex = 0
  for (let match = CITATION_MARK.exec(text); match; match = CITATION_MARK.exec(text)) {
    if (match.index > last) out.push(text.slice(last, match.index))
    out.push(<Fragment key={match.index}>{renderCitation?.(Number(match[1])) ?? null}</Fragment>)
    last = match.index + match[0].length
  }
  if (last < text.length) out.push(text.slice(last))
  return out
}
