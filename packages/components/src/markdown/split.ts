// Cutting markdown into blocks at blank lines, so that while text streams (only appended to), the
// blocks before the last one never change and their rendering can be reused.

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const STARTS_LIST_OR_INDENT = /^(\s|[-*+](\s|$)|\d{1,9}[.)](\s|$))/
// The text's last line may still grow: `-` or `12.` can become a list item's marker, so no cut is
// made before it yet (else streamed text would be cut where the whole text is not).
const MAY_START_LIST = /^([-*+]|\d{1,9}[.)]?)$/

/**
 * Cuts markdown into top-level blocks at blank lines outside fenced code, keeping indented
 * continuations and following list items with their block. Earlier blocks never change while text
 * is appended, so their rendering can be reused.
 */
export function splitMarkdownBlocks(source: string): string[] {
  const lines = source.split('\n')
  const blocks: string[] = []
  let current: string[] = []
  let fence: string | null = null
  let afterBlank = false
  for (const [index, line] of lines.entries()) {
    const fenceMatch = FENCE.exec(line)
    if (fence) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = null
      current.push(line)
      continue
    }
    if (line.trim() === '') {
      afterBlank = true
      current.push(line)
      continue
    }
    const continues =
      STARTS_LIST_OR_INDENT.test(line) || (index === lines.length - 1 && MAY_START_LIST.test(line))
    if (afterBlank && current.some((l) => l.trim() !== '') && !continues) {
      blocks.push(current.join('\n'))
      current = []
    }
    afterBlank = false
    if (fenceMatch) fence = fenceMatch[1]!
    current.push(line)
  }
  if (current.length > 0) blocks.push(current.join('\n'))
  return blocks
}

/** Blocks of a source: the finished ones (never change again) and the one still growing. */
export interface SplitCache {
  source: string
  finished: readonly string[]
  /** Where the growing block starts in `source`. */
  lastStart: number
  last: string
}

const NO_BLOCKS: readonly string[] = Object.freeze([])

/**
 * Splits `source` into blocks, reusing `prev` when `source` only appended to it: then only the
 * growing block is split again (a block boundary never moves once the next block has started), so a
 * delta costs the length of the last block, not of the whole text. `finished` keeps its identity
 * while no block finishes.
 */
export function splitIncrementally(prev: SplitCache | null, source: string): SplitCache {
  const appended = prev !== null && source.length >= prev.source.length && source.startsWith(prev.source)
  const base = appended ? prev.lastStart : 0
  const blocks = splitMarkdownBlocks(base === 0 ? source : source.slice(base))
  const last = blocks.pop() ?? ''
  let finished: readonly string[]
  if (appended) {
    finished = blocks.length === 0 ? prev.finished : [...prev.finished, ...blocks]
  } else {
    finished =
      prev && blocks.length === prev.finished.length && blocks.every((b, i) => b === prev.finished[i])
        ? prev.finished
        : blocks.length === 0
          ? NO_BLOCKS
          : blocks
  }
  let lastStart = base
  // Blocks are whole lines joined by '\n': each finished block is followed by the newline it was cut at.
  for (const block of blocks) lastStart += block.length + 1
  return { source, finished, lastStart, last }
}
