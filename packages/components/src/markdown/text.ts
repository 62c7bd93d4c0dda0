// Character classes and text decoding shared by the block and inline lexers: backslash escapes,
// character references, CommonMark's notions of whitespace and punctuation.

// The named references assistant text actually uses. Others stay as typed (`&foo;`): the full HTML
// table is 2,000+ names, more than the whole lexer.
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  times: '×',
  divide: '÷',
  plusmn: '±',
  minus: '−',
  le: '≤',
  ge: '≥',
  ne: '≠',
  asymp: '≈',
  infin: '∞',
  deg: '°',
  micro: 'µ',
  middot: '·',
  bull: '•',
  sect: '§',
  para: '¶',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  rArr: '⇒',
  check: '✓',
}

const REFERENCE = '&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});'

/** A character reference at the start of the sticky match: `&name;`, `&#123;`, `&#x1F;`. */
export const ENTITY = new RegExp(REFERENCE, 'y')

/** What a character reference stands for; null when it is not one this lexer knows. */
export function entityValue(ref: string): string | null {
  const name = ref.slice(1, -1)
  if (name[0] !== '#') return NAMED[name] ?? null
  const hex = name[1] === 'x' || name[1] === 'X'
  const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10)
  // Invalid code points and NUL become the replacement character, as CommonMark says.
  const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
  return String.fromCodePoint(valid ? code : 0xfffd)
}

/** Characters a backslash escapes (ASCII punctuation). */
export const ESCAPABLE = /^[!-/:-@[-`{-~]$/

const BACKSLASH_OR_ENTITY = new RegExp(`\\\\([!-/:-@[-\`{-~])|${REFERENCE}`, 'g')

/** Resolves backslash escapes and character references (link destinations, titles, info strings). */
export function unescapeText(text: string): string {
  if (!text.includes('\\') && !text.includes('&')) return text
  return text.replace(BACKSLASH_OR_ENTITY, (whole, escaped: string | undefined) =>
    escaped !== undefined ? escaped : (entityValue(whole) ?? whole),
  )
}

const ENTITIES = new RegExp(REFERENCE, 'g')

/** Resolves character references only (a bare URL's text: backslashes there are literal). */
export function decodeEntities(text: string): string {
  return text.includes('&') ? text.replace(ENTITIES, (whole) => entityValue(whole) ?? whole) : text
}

const WHITESPACE = /\s/
// CommonMark 0.31: Unicode punctuation is the P and S categories.
const PUNCTUATION = /[\p{P}\p{S}]/u

/** Unicode whitespace, or the start/end of the text (''), for delimiter flanking. */
export function isSpace(ch: string): boolean {
  return ch === '' || WHITESPACE.test(ch)
}

/** Unicode punctuation or symbol, for delimiter flanking. */
export function isPunct(ch: string): boolean {
  return ch !== '' && PUNCTUATION.test(ch)
}

/** The code point ending just before `index` (a whole surrogate pair), or '' at the start. */
export function charBefore(text: string, index: number): string {
  if (index <= 0) return ''
  const low = text.charCodeAt(index - 1)
  if (index >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(index - 2)
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index)
  }
  return text[index - 1]!
}

/** The code point starting at `index`, or '' at the end. */
export function charAt(text: string, index: number): string {
  const code = text.codePointAt(index)
  return code === undefined ? '' : String.fromCodePoint(code)
}

/** A link label as references match it: case-folded, inner whitespace collapsed. */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase()
}
