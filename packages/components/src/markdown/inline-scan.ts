import { ESCAPABLE, unescapeText } from './text.js'

// Scanners for the inline constructs that have a fixed shape: link destinations, titles and labels,
// autolinks, GFM bare URLs and raw HTML. Each reads forward from a position and returns where the
// construct ends (or null). None backtracks: every regular expression here is sticky and unambiguous,
// and searches for a closing sequence remember what they found (see HtmlEnds), so a text full of
// unclosed openers costs linear time, not quadratic.

/** An HTML open tag (as CommonMark defines it), for inline HTML and HTML blocks of type 7. */
export const OPEN_TAG =
  '<[A-Za-z][A-Za-z0-9-]*(?:\\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\\s*=\\s*(?:[^\\s"\'=<>`]+|\'[^\']*\'|"[^"]*"))?)*\\s*/?>'
/** An HTML closing tag. */
export const CLOSE_TAG = '</[A-Za-z][A-Za-z0-9-]*\\s*>'

const TAG = new RegExp(`${OPEN_TAG}|${CLOSE_TAG}`, 'y')
const URI_AUTOLINK = /<([A-Za-z][A-Za-z0-9.+-]{1,31}:[^<>\0- ]*)>/y
const EMAIL_AUTOLINK =
  /<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y
const ANGLE_DESTINATION = /<((?:[^<>\n\\]|\\.)*)>/y
/** A link label: up to 999 characters, brackets only escaped. */
export const LABEL = /\[((?:[^\\[\]]|\\.){0,999})\]/y

/** Where a closing sequence (`-->`, `?>`, ...) next occurs, remembered per sequence. */
export type HtmlEnds = Map<string, [from: number, at: number]>

function findFrom(text: string, needle: string, from: number, ends: HtmlEnds): number {
  const known = ends.get(needle)
  // The first occurrence at or after `known[0]` is `known[1]`: valid for any later start before it.
  if (known && from >= known[0] && (known[1] < 0 || from <= known[1])) return known[1]
  const at = text.indexOf(needle, from)
  ends.set(needle, [from, at])
  return at
}

function closedBy(text: string, needle: string, from: number, ends: HtmlEnds): number {
  const at = findFrom(text, needle, from, ends)
  return at < 0 ? -1 : at + needle.length
}

/** The end of the raw HTML (tag, comment, processing instruction, declaration, CDATA) at `pos`, or -1. */
export function scanHtml(text: string, pos: number, ends: HtmlEnds): number {
  if (text.startsWith('<!--', pos)) {
    if (text.startsWith('>', pos + 4)) return pos + 5
    if (text.startsWith('->', pos + 4)) return pos + 6
    return closedBy(text, '-->', pos + 4, ends)
  }
  if (text.startsWith('<?', pos)) return closedBy(text, '?>', pos + 2, ends)
  if (text.startsWith('<![CDATA[', pos)) return closedBy(text, ']]>', pos + 9, ends)
  if (text.startsWith('<!', pos) && /[A-Za-z]/.test(text[pos + 2] ?? ''))
    return closedBy(text, '>', pos + 2, ends)
  TAG.lastIndex = pos
  return TAG.exec(text) ? TAG.lastIndex : -1
}

/** An autolink `<scheme:…>` or `<address@host>` at `pos`: its href and text. */
export function scanAutolink(text: string, pos: number): { href: string; text: string; end: number } | null {
  URI_AUTOLINK.lastIndex = pos
  let match = URI_AUTOLINK.exec(text)
  if (match) return { href: match[1]!, text: match[1]!, end: URI_AUTOLINK.lastIndex }
  EMAIL_AUTOLINK.lastIndex = pos
  match = EMAIL_AUTOLINK.exec(text)
  if (match) return { href: `mailto:${match[1]}`, text: match[1]!, end: EMAIL_AUTOLINK.lastIndex }
  return null
}

/** A link destination at `pos` (`<…>` or a run without spaces, parentheses balanced). */
export function scanDestination(text: string, pos: number): { url: string; end: number } | null {
  if (text[pos] === '<') {
    ANGLE_DESTINATION.lastIndex = pos
    const match = ANGLE_DESTINATION.exec(text)
    return match ? { url: unescapeText(match[1]!), end: ANGLE_DESTINATION.lastIndex } : null
  }
  let depth = 0
  let i = pos
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 92 && ESCAPABLE.test(text[i + 1] ?? '')) i++
    // Nesting is capped (as cmark does), which also bounds how far a failed attempt reads.
    else if (code === 40 && ++depth > 32) return null
    else if (code === 41 && depth-- === 0) break
    else if (code <= 32 || code === 127) break
  }
  if (depth > 0 || (i === pos && text[i] !== ')')) return null
  return { url: unescapeText(text.slice(pos, i)), end: i }
}

/** A link title at `pos`: `"…"`, `'…'` or `(…)`. */
export function scanTitle(text: string, pos: number): { title: string; end: number } | null {
  const open = text[pos]
  if (open !== '"' && open !== "'" && open !== '(') return null
  const close = open === '(' ? ')' : open
  for (let i = pos + 1; i < text.length; i++) {
    const ch = text[i]
    if (ch === '\\') i++
    else if (ch === close) return { title: unescapeText(text.slice(pos + 1, i)), end: i + 1 }
    else if (open === '(' && ch === '(') return null
  }
  return null
}

/** Skips spaces and tabs, at most one newline, then spaces and tabs again. */
export function skipSpace(text: string, pos: number): number {
  let newline = false
  for (; pos < text.length; pos++) {
    const ch = text[pos]
    if (ch === '\n' && !newline) newline = true
    else if (ch !== ' ' && ch !== '\t') break
  }
  return pos
}

// GFM's extended autolinks: `www.`, `http://`, `https://` and e-mail addresses in plain text.
const BARE_URL = /(?:[hH][tT][tT][pP][sS]?:\/\/[A-Za-z0-9_-]|www\.[A-Za-z0-9_-]+\.)[^\s<\uE000]*/y
const BARE_EMAIL = /[A-Za-z0-9._+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+/y
const EMAIL_LOCAL = /[A-Za-z0-9._+-]/
const URL_BOUNDARY = /[\s*_~(]/
const TRAILING = /[?!.,:*_~'"]/

/** Drops what GFM leaves out of a bare URL's end: punctuation, unbalanced `)`, a trailing entity. */
function trimUrl(url: string): string {
  let unbalanced = 0
  for (const ch of url) unbalanced += ch === ')' ? 1 : ch === '(' ? -1 : 0
  let end = url.length
  for (;;) {
    const last = url[end - 1] ?? ''
    if (TRAILING.test(last)) end--
    else if (last === ')' && unbalanced > 0) {
      end--
      unbalanced--
    } else if (last === ';') {
      let i = end - 2
      while (i > 0 && /[A-Za-z0-9]/.test(url[i]!)) i--
      if (url[i] !== '&' || i === end - 2) break
      end = i
    } else break
  }
  return url.slice(0, end)
}

/**
 * A bare URL or e-mail address starting at `pos` (GFM extended autolink), or null. `emails`: the text
 * has an `@` somewhere (else addresses are not looked for). `inBrackets`: a `[` is open, so a `]` ends the
 * URL (link syntax comes first: `[see https://a.example](https://b.example)`).
 */
export function scanBareLink(
  text: string,
  pos: number,
  emails: boolean,
  inBrackets: boolean,
): { href: string; text: string; end: number } | null {
  const before = text[pos - 1] ?? ' '
  const ch = text[pos]!
  // `www.` after a space or `*_~(` (GFM); `http(s)://` after anything but a letter or digit, as
  // GitHub (cmark-gfm) and marked link it: `"https://…"`, `see:https://…`.
  if (
    ((ch === 'h' || ch === 'H') && !/[A-Za-z0-9]/.test(before)) ||
    (ch === 'w' && URL_BOUNDARY.test(before))
  ) {
    BARE_URL.lastIndex = pos
    const match = BARE_URL.exec(text)
    if (match) {
      const bracket = inBrackets ? match[0].indexOf(']') : -1
      const url = trimUrl(bracket < 0 ? match[0] : match[0].slice(0, bracket))
      const www = ch === 'w'
      // Trimmed back to `www.x` or `https://`: no domain any more.
      if (www ? /^www\.[^.]+\./.test(url) : /^https?:\/\/./i.test(url)) {
        return { href: www ? `http://${url}` : url, text: url, end: pos + url.length }
      }
    }
  }
  if (emails && EMAIL_LOCAL.test(ch) && !EMAIL_LOCAL.test(before)) {
    BARE_EMAIL.lastIndex = pos
    const match = BARE_EMAIL.exec(text)
    if (match) {
      let email = match[0]
      if (email.endsWith('.')) email = email.slice(0, -1)
      if (!/[-_]$/.test(email)) return { href: `mailto:${email}`, text: email, end: pos + email.length }
    }
  }
  return null
}
