// The markdown oracle: the same text drawn by Runline's <Markdown> and by marked (a devDependency,
// never shipped), both as DOM, both reduced to one normalised string so their structure and text can
// be compared. marked is given the renderer's presentation rules (raw HTML as text, only safe links,
// images as links) so that what is compared is how the text was parsed, not how it was dressed.
import { Marked, type Tokens } from 'marked'
import { renderToStaticMarkup } from 'react-dom/server'
import { Markdown, safeHref } from '../markdown.js'

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** marked's own href cleaning (percent-encoding), then the renderer's safety rule. */
function markedHref(href: string): string | null {
  const safe = safeHref(href)
  if (!safe) return null
  try {
    return encodeURI(safe).replace(/%25/g, '%')
  } catch {
    return safe
  }
}

const oracle = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      const block = 'block' in token && token.block
      return block ? `<p>${escapeHtml(token.raw.trimEnd())}</p>` : escapeHtml(token.raw)
    },
    link(token: Tokens.Link) {
      const inner = this.parser.parseInline(token.tokens)
      const href = markedHref(token.href)
      if (!href) return inner
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : ''
      return `<a href="${escapeHtml(href)}"${title}>${inner}</a>`
    },
    image(token: Tokens.Image) {
      const alt = token.tokens ? this.parser.parseInline(token.tokens, this.parser.textRenderer) : token.text
      const href = markedHref(token.href)
      const label = alt || escapeHtml(token.href)
      return href ? `<a href="${escapeHtml(href)}">${label}</a>` : label
    },
  },
})

/** marked's HTML for a text (GFM on, as Runline used it). */
export function markedHtml(source: string): string {
  return oracle.parse(source, { async: false }) as string
}

/** Runline's <Markdown> for a text, as static markup (`#` is h1, as in marked's). */
export function runlineHtml(source: string): string {
  return renderToStaticMarkup(<Markdown source={source} headingOffset={0} />)
}

const BLOCK_TAGS = 'p|li|ul|ol|h[1-6]|blockquote|pre|table|thead|tbody|tr|th|td|hr'
const AROUND_BLOCK_TAGS = new RegExp(`\\s*(</?(?:${BLOCK_TAGS})\\b[^>]*>)\\s*`, 'g')

function serialise(node: Node, out: string[], inPre: boolean): void {
  if (node.nodeType === 3) {
    const text = node.textContent ?? ''
    out.push(escapeHtml(inPre ? text : text.replace(/\s+/g, ' ')))
    return
  }
  if (node.nodeType !== 1) return
  const el = node as Element
  const tag = el.localName
  // Not structure: the caret, the task mark (kept as the item's data-task), the table's scroller.
  if (el.matches('.rl-caret, .rl-md-task, input[type=checkbox]')) return
  const children = (pre: boolean) => {
    for (const child of el.childNodes) serialise(child, out, pre)
  }
  if (el.matches('div.rl-md-table, div.root')) {
    children(inPre)
    return
  }
  const attrs: string[] = []
  if (tag === 'a') {
    attrs.push(`href="${escapeHtml(el.getAttribute('href') ?? '')}"`)
    if (el.getAttribute('title')) attrs.push(`title="${escapeHtml(el.getAttribute('title')!)}"`)
  }
  if (tag === 'ol' && el.getAttribute('start')) attrs.push(`start="${el.getAttribute('start')}"`)
  if (tag === 'th' || tag === 'td') {
    const align = (el as HTMLElement).style.textAlign || el.getAttribute('align')
    if (align) attrs.push(`align="${align}"`)
  }
  if (tag === 'code' && el.getAttribute('class')) attrs.push(`class="${el.getAttribute('class')}"`)
  if (tag === 'li') {
    const box = el.querySelector(
      ':scope > input[type=checkbox], :scope > p:first-child > input[type=checkbox]',
    )
    const task =
      el.getAttribute('data-task') ?? (box ? ((box as HTMLInputElement).checked ? 'done' : 'open') : null)
    if (task) attrs.push(`data-task="${task}"`)
  }
  out.push(`<${[tag, ...attrs].join(' ')}>`)
  if (tag === 'pre') {
    // marked ends code with a newline, Runline does not: the last line break is not content.
    const start = out.length
    children(true)
    const text = out.splice(start).join('')
    out.push(text.replace(/\n+(<\/code>)?$/, '$1'))
  } else children(inPre)
  if (tag !== 'hr' && tag !== 'br') out.push(`</${tag}>`)
}

/** Markup reduced to its structure and text: whitespace collapsed outside code, outside blocks dropped. */
export function normalise(html: string): string {
  const root = document.createElement('div')
  root.className = 'root'
  root.innerHTML = html
  const out: string[] = []
  serialise(root, out, false)
  const joined = out.join('')
  // Split out the <pre> contents, which keep their whitespace, before tidying around block tags.
  return joined
    .split(/(<pre>[\s\S]*?<\/pre>)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(AROUND_BLOCK_TAGS, '$1')))
    .join('')
    .trim()
}
