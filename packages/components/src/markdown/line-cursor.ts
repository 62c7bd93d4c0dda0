// Where the block lexer is in the current line, in characters and in columns: a tab counts as the
// columns to the next multiple of 4, and a container's indentation may take part of one (CommonMark).

/** A space or a tab. */
export function isSpaceOrTab(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t'
}

/** The current line and a position in it, column-aware. */
export class LineCursor {
  protected line = ''
  protected pos = 0
  protected col = 0
  /** The tab at `pos` is partly consumed (its first columns belong to a container's indentation). */
  protected partialTab = false
  protected nextNonspace = 0
  protected nextNonspaceCol = 0
  protected indent = 0
  protected indented = false
  protected blank = false

  /** Starts on a new line. */
  protected reset(line: string): void {
    this.line = line
    this.pos = 0
    this.col = 0
    this.partialTab = false
  }

  /** The rest of the line from the position; the rest of a partly consumed tab counts as spaces. */
  protected rest(): string {
    if (!this.partialTab) return this.line.slice(this.pos)
    return ' '.repeat(4 - (this.col % 4)) + this.line.slice(this.pos + 1)
  }

  /** Measures the whitespace from the position on: `indent`, `indented`, `blank`. */
  protected findNextNonspace(): void {
    let i = this.pos
    let col = this.col
    for (;;) {
      const ch = this.line[i]
      if (ch === ' ') col++
      else if (ch === '\t') col += 4 - (col % 4)
      else break
      i++
    }
    this.blank = i >= this.line.length
    this.nextNonspace = i
    this.nextNonspaceCol = col
    this.indent = col - this.col
    this.indented = this.indent >= 4
  }

  /** Moves to the first character that is not whitespace. */
  protected advanceNextNonspace(): void {
    this.pos = this.nextNonspace
    this.col = this.nextNonspaceCol
    this.partialTab = false
  }

  /** Moves `count` characters, or `count` columns (`columns`: a tab may be consumed in part). */
  protected advance(count: number, columns: boolean): void {
    while (count > 0 && this.pos < this.line.length) {
      if (this.line[this.pos] === '\t') {
        const toTab = 4 - (this.col % 4)
        this.partialTab = columns && toTab > count
        const step = columns ? Math.min(count, toTab) : toTab
        this.col += step
        if (!this.partialTab) this.pos++
        count -= columns ? step : 1
      } else {
        this.partialTab = false
        this.pos++
        this.col++
        count--
      }
    }
  }
}
