import type { Inline } from './tokens.js'

// The inline lexer's working list and CommonMark's "process emphasis" step. Inline content is built
// as a doubly linked list of pieces; runs of `*`, `_` and `~` are pieces too, with an entry on the
// delimiter stack. Matching a closer with its opener wraps the pieces between them into one em /
// strong / del piece. Every piece is moved into a wrapper at most once per wrapping and openers that
// failed are not searched again (the "openers bottom" per kind of closer), so this is linear.

/** One item of inline content while it is being built. */
export interface Piece {
  tok: Inline
  /** How many spans nest inside it (0 for text, code, breaks). */
  depth: number
  prev: Piece | null
  next: Piece | null
}

/**
 * Spans nest at most this deep; emphasis that would nest deeper stays as its characters. It keeps
 * everything that walks the tokens (and React's rendering) shallow on hostile input.
 */
const MAX_NESTING = 32

/** A run of `*`, `_` or `~` that may open or close emphasis. */
export interface Delimiter {
  piece: Piece
  ch: string
  /** Characters left in the run (matches use them up). */
  count: number
  /** The run's length as written (for the rule of 3). */
  length: number
  canOpen: boolean
  canClose: boolean
  prev: Delimiter | null
  next: Delimiter | null
}

/** The list being built and its delimiter stack (`delimiters` is the top). */
export interface Sequence {
  head: Piece | null
  tail: Piece | null
  delimiters: Delimiter | null
}

/** Appends a piece holding `tok`. */
export function append(seq: Sequence, tok: Inline): Piece {
  const piece: Piece = { tok, depth: 0, prev: seq.tail, next: null }
  if (seq.tail) seq.tail.next = piece
  else seq.head = piece
  seq.tail = piece
  return piece
}

/** Takes a piece out of the list. */
export function unlink(seq: Sequence, piece: Piece): void {
  if (piece.prev) piece.prev.next = piece.next
  else seq.head = piece.next
  if (piece.next) piece.next.prev = piece.prev
  else seq.tail = piece.prev
}

/** The tokens of the pieces from `first` up to (not including) `stop`, adjacent text merged. */
export function tokensOf(first: Piece | null, stop: Piece | null): Inline[] {
  const out: Inline[] = []
  for (let piece = first; piece && piece !== stop; piece = piece.next) {
    const tok = piece.tok
    const last = out[out.length - 1]
    if (tok.type !== 'text') out.push(tok)
    else if (tok.text === '') continue
    else if (last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + tok.text }
    else out.push({ type: 'text', text: tok.text })
  }
  return out
}

/** How deep the spans among the pieces from `first` up to (not including) `stop` nest. */
export function depthOf(first: Piece | null, stop: Piece | null): number {
  let depth = 0
  for (let piece = first; piece && piece !== stop; piece = piece.next) depth = Math.max(depth, piece.depth)
  return depth
}

/** Pushes a delimiter run (its piece already appended) onto the stack. */
export function pushDelimiter(seq: Sequence, piece: Piece, ch: string, canOpen: boolean, canClose: boolean) {
  const length = (piece.tok as { text: string }).text.length
  const entry: Delimiter = {
    piece,
    ch,
    count: length,
    length,
    canOpen,
    canClose,
    prev: seq.delimiters,
    next: null,
  }
  if (seq.delimiters) seq.delimiters.next = entry
  seq.delimiters = entry
}

function removeDelimiter(seq: Sequence, entry: Delimiter): void {
  if (entry.prev) entry.prev.next = entry.next
  if (entry.next) entry.next.prev = entry.prev
  else seq.delimiters = entry.prev
}

function canMatch(opener: Delimiter, closer: Delimiter): boolean {
  if (opener.ch !== closer.ch || !opener.canOpen) return false
  // Strikethrough: one or two tildes, the same number on both sides.
  if (closer.ch === '~') return opener.count === closer.count
  // The rule of 3: a run that can both open and close does not pair with one that makes a
  // multiple of 3 with it, unless both are multiples of 3.
  const sum = opener.length + closer.length
  return !((opener.canClose || closer.canOpen) && sum % 3 === 0 && (opener.length % 3 || closer.length % 3))
}

function shorten(entry: Delimiter, by: number): void {
  entry.count -= by
  ;(entry.piece.tok as { text: string }).text = entry.ch.repeat(entry.count)
}

/**
 * Pairs the delimiters above `bottom` (the whole stack when null) into em / strong / del pieces,
 * then drops them from the stack (unpaired ones stay as text).
 */
export function processEmphasis(seq: Sequence, bottom: Delimiter | null): void {
  const openersBottom = new Map<string, Delimiter | null>()
  // From the lowest delimiter above `bottom` upwards.
  let closer: Delimiter | null = null
  for (let entry = seq.delimiters; entry && entry !== bottom; entry = entry.prev) closer = entry
  while (closer) {
    if (!closer.canClose) {
      closer = closer.next
      continue
    }
    const key = closer.ch === '~' ? `~${closer.count}` : `${closer.ch}${closer.canOpen}${closer.length % 3}`
    const floor = openersBottom.has(key) ? openersBottom.get(key)! : bottom
    let opener = closer.prev
    while (opener && opener !== bottom && opener !== floor && !canMatch(opener, closer)) opener = opener.prev
    const found = opener && opener !== bottom && opener !== floor ? opener : null
    const depth = found ? depthOf(found.piece.next, closer.piece) + 1 : 0
    if (!found || depth > MAX_NESTING) {
      openersBottom.set(key, closer.prev)
      const next = closer.next
      if (!closer.canOpen) removeDelimiter(seq, closer)
      closer = next
      continue
    }
    opener = found
    const used = closer.ch === '~' ? closer.count : closer.count >= 2 && opener.count >= 2 ? 2 : 1
    shorten(opener, used)
    shorten(closer, used)
    for (let between = closer.prev; between && between !== opener; between = between.prev) {
      removeDelimiter(seq, between)
    }
    const type = closer.ch === '~' ? 'del' : used === 2 ? 'strong' : 'em'
    const wrapped: Piece = {
      tok: { type, children: tokensOf(opener.piece.next, closer.piece) },
      depth,
      prev: opener.piece,
      next: closer.piece,
    }
    opener.piece.next = wrapped
    closer.piece.prev = wrapped
    if (opener.count === 0) {
      unlink(seq, opener.piece)
      removeDelimiter(seq, opener)
    }
    if (closer.count === 0) {
      const next = closer.next
      unlink(seq, closer.piece)
      removeDelimiter(seq, closer)
      closer = next
    }
  }
  while (seq.delimiters && seq.delimiters !== bottom) removeDelimiter(seq, seq.delimiters)
}
