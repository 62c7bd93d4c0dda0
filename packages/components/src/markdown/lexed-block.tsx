import { type ReactNode, useContext } from 'react'
import { renderBlocks } from './blocks.js'
import { Caret } from './caret.js'
import { CitationContext } from './citations.js'
import { lexMarkdown } from './lex.js'

// The markdown lexer and its drawing, as one chunk: loaded the first time a block with markdown
// syntax shows (markdown.tsx, lazy-parts.ts), or ahead of that by `warmUpRunTimeline` and
// `preloadRunTimelineParts`. The rest of the timeline's warm-up (warm-up-steps.ts) comes with it: it
// is what `warmUpRunTimeline` loads in idle time.

export { warmUpTimeline } from '../warm-up-steps.js'

/** Props of {@link LexedBlock}. */
export interface LexedBlockProps {
  /** One block of the text (see markdown/split.ts). */
  source: string
  headingOffset: number
  caret: boolean
}

/** One block, lexed and drawn. Its caller memoizes it on its text, so a finished block is lexed once. */
export function LexedBlock({ source, headingOffset, caret }: LexedBlockProps): ReactNode {
  const renderCitation = useContext(CitationContext)
  const blocks = lexMarkdown(source)
  // Nothing to show yet (empty text, blank lines): the caret stands alone.
  if (caret && blocks.length === 0) return <Caret />
  return <>{renderBlocks(blocks, { renderCitation, headingOffset, caret })}</>
}
