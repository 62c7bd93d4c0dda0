// Runline's markdown tokens: what the lexer (markdown/lex.ts) makes of assistant text and the
// renderer (markdown/blocks.tsx, markdown/inline.tsx) draws. Plain data, already decoded: entities and
// backslash escapes are resolved, raw HTML is kept as the text it is (never parsed into elements).
// Two helpers on inline tokens close the file.

/** Column alignment of a table, from its delimiter row (`:--`, `:-:`, `--:`). */
export type Align = 'left' | 'center' | 'right' | null

/** Inline content: runs of text and the spans that wrap them. */
export type Inline =
  /** Text as it shows (escapes and entities resolved; raw HTML kept verbatim). */
  | { type: 'text'; text: string }
  /** A code span's text. */
  | { type: 'code'; text: string }
  | { type: 'em' | 'strong' | 'del'; children: Inline[] }
  /** A link: inline, reference, autolink `<…>` or bare URL. `href` is percent-encoded, not vetted. */
  | { type: 'link'; href: string; title: string | null; children: Inline[] }
  /** An image: `alt` is its description as plain text. */
  | { type: 'image'; href: string; title: string | null; alt: string }
  /** A hard line break (two spaces or a backslash before the newline). */
  | { type: 'br' }

/** One item of a list: its blocks, and its checkbox when it is a task (`- [ ]`, `- [x]`). */
export interface ListItem {
  task: 'open' | 'done' | null
  blocks: Block[]
}

/** Block content, nested through quotes and list items. */
export type Block =
  | { type: 'paragraph'; inlines: Inline[] }
  /** ATX (`#`) or setext (underlined) heading, `depth` 1–6. */
  | { type: 'heading'; depth: number; inlines: Inline[] }
  /** Fenced or indented code: `lang` is the info string's first word ('' when none). */
  | { type: 'code'; lang: string; text: string }
  | { type: 'quote'; blocks: Block[] }
  /** `start` is the first number of an ordered list; `loose` lists put their text in paragraphs. */
  | { type: 'list'; ordered: boolean; start: number; loose: boolean; items: ListItem[] }
  /** A GFM table; every row has as many cells as the header. */
  | { type: 'table'; align: Align[]; head: Inline[][]; rows: Inline[][][] }
  | { type: 'rule' }
  /** A block of raw HTML, kept as its text. */
  | { type: 'html'; text: string }

/** The text of inline tokens as plain characters (an image's description). */
export function plainText(tokens: readonly Inline[]): string {
  let out = ''
  for (const tok of tokens) {
    if (tok.type === 'text' || tok.type === 'code') out += tok.text
    else if (tok.type === 'image') out += tok.alt
    else if (tok.type === 'br') out += '\n'
    else out += plainText(tok.children)
  }
  return out
}

/** Links inside a link's text (bare URLs, autolinks) become their text: `<a>` does not nest. */
export function unlinked(tokens: readonly Inline[]): Inline[] {
  return tokens.flatMap((tok): Inline[] => {
    if (tok.type === 'link') return unlinked(tok.children)
    if (tok.type === 'em' || tok.type === 'strong' || tok.type === 'del') {
      return [{ type: tok.type, children: unlinked(tok.children) }]
    }
    return [tok]
  })
}
