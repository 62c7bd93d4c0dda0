import type { Align } from './tokens.js'

// The block tree the block lexer (markdown/block-lex.ts) builds, before inline content is lexed.

/** What a node of the block tree is. */
export type NodeKind =
  | 'doc'
  | 'quote'
  | 'list'
  | 'item'
  | 'para'
  | 'fence'
  | 'indent'
  | 'heading'
  | 'rule'
  | 'html'
  | 'table'

/** A node of the block tree, with its raw lines (inline content is lexed afterwards). */
export interface BlockNode {
  kind: NodeKind
  parent: BlockNode | null
  kids: BlockNode[]
  open: boolean
  /** First and last line with content (an item or quote: its last child's). */
  start: number
  end: number
  lines: string[]
  /** Lists and items: ordered or not; `marker` is the bullet or the delimiter (`.` `)`). */
  ordered: boolean
  /** A list's bullet or delimiter; a fence's character. */
  marker: string
  /** A list's start number, a fence's length, a heading's depth, an HTML block's kind. */
  num: number
  /** An item's content column; a fence's indentation. */
  indent: number
  /** A fence's info string. */
  info: string
  loose: boolean
  align: Align[]
  /** How many containers hold it. */
  depth: number
}

/** A new open node. */
export function node(kind: NodeKind, parent: BlockNode | null, start: number): BlockNode {
  const depth = parent ? parent.depth + 1 : 0
  return {
    kind,
    parent,
    kids: [],
    open: true,
    start,
    end: start,
    lines: [],
    ordered: false,
    marker: '',
    num: 0,
    indent: 0,
    info: '',
    loose: false,
    align: [],
    depth,
  }
}
