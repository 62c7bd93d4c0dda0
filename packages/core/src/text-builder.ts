// How the pure reducer (`reduceRun`, one immutable state per event) grows a streamed text without
// keeping every fragment alive.
//
// `prefix + delta` per event makes the text a rope with one node per delta, and that node and the delta
// string live as long as the text does. On a long stream they are most of what survives each young-
// generation GC: copied once within it, then again into the old generation, every one of them (measured
// on Node 20, a 100k-delta response folded by `for await (parseRunStream)` + `reduceRun`: some 7% of the
// whole pass). A builder remembers how the text it built last is made (a base and the fragments since),
// and every JOIN_EVERY fragments joins them onto the base as one flat string: the text then keeps one
// node and one string per that many fragments, and the nodes and fragments in between die young.

/** Fragments a builder keeps unjoined at most: bounds both what it holds and the cost of a join. */
const JOIN_EVERY = 64

/**
 * What the pure Responses append (responses/append.ts) last made with a builder: the state it returned,
 * the path it wrote (event name, output index, part index, -1 for none) and, as bits, which objects on
 * that path it copied key by key ({@link LITERAL}). The next fragment of that text, reduced from that
 * very state, finds the objects as the append made them, so it copies them the same way without walking
 * their keys again. Written in place, as the builder is.
 */
export interface AppendMemo {
  state: object
  name: string
  at: number
  sub: number
  literal: number
}

/** The bits of {@link AppendMemo.literal}: the run state, the response state, the item, the text's holder. */
export const LITERAL = { state: 1, response: 2, item: 4, holder: 8 } as const

/**
 * The memory of how one text was built by appends. A response state holds one
 * (`ResponseState.textBuilder`), shared by its copies; it is written in place as it builds, so it is
 * only trusted for the text it built last ({@link TextBuilder.builds}): an older state, or another
 * branch reduced from one, holds another text and starts a builder of its own. Its fields are private,
 * so equality checks, spreads and `JSON.stringify` (see `toJSON`) do not see it: two states that differ
 * only in their builders are equal, and no state reads differently because its builder moved on.
 */
export class TextBuilder {
  /** The text as this builder last built it: `#base` followed by `#parts`. */
  #text: string
  #base: string
  #parts: string[] = []
  #lastAppend: AppendMemo | null = null

  /** A builder whose text so far is `text` (nothing built yet). */
  constructor(text = '') {
    this.#text = text
    this.#base = text
  }

  /**
   * True when `text` is the text this builder last built (by identity, normally; else by its characters,
   * compared only when the lengths are the same), so appending to it here is appending to `text`.
   */
  builds(text: string): boolean {
    return this.#text === text
  }

  /** Appends `fragment` to the text and returns the text (equal to the old text + `fragment`). */
  append(fragment: string): string {
    if (fragment === '') return this.#text
    const parts = this.#parts
    if (parts.push(fragment) < JOIN_EVERY) {
      this.#text = this.#text + fragment
      return this.#text
    }
    // One flat string for the lot: the rope nodes made since the last join become garbage.
    this.#base = this.#base + parts.join('')
    this.#parts = []
    this.#text = this.#base
    return this.#text
  }

  /** What the pure Responses append last made with this builder (see {@link AppendMemo}), or null. */
  get lastAppend(): AppendMemo | null {
    return this.#lastAppend
  }

  set lastAppend(memo: AppendMemo | null) {
    this.#lastAppend = memo
  }

  /** Left out of `JSON.stringify` (a state's JSON stays what it was without it). */
  toJSON(): undefined {
    return undefined
  }
}

/**
 * `prefix + fragment`, built by `builder` when it built `prefix`, else by a new builder; returns the
 * builder that built it, whose text it is (read with {@link TextBuilder.builds} / the return of
 * `append`). `builder` may be anything a state held (a state revived from JSON holds `{}`).
 */
export function builderFor(builder: unknown, prefix: string): TextBuilder {
  return builder instanceof TextBuilder && builder.builds(prefix) ? builder : new TextBuilder(prefix)
}
