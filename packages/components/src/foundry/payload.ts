// Reading Foundry's tool payloads. Most are `Record<string, string>` whose keys and formats are not
// part of the contract (the spec says "reserved" or "input and output"): values may be JSON, a
// Python literal (`{'market': 'en-US'}`) or plain text. These helpers read what they can and never
// throw; the cards keep a raw-JSON view for the rest.
import { hostOf } from '../derive.js'
import { safeHref } from '../markdown.js'

/** A source a search tool returned: a link that may be opened, and what to call it. */
export interface Source {
  url: string
  title: string
}

/** A record payload of a call (`call[key]`), or null when there is none. */
export function recordOf(call: unknown, key: string): Readonly<Record<string, unknown>> | null {
  const value = isRecord(call) ? call[key] : undefined
  return isRecord(value) ? value : null
}

/** A text field, or null (a number or boolean as its text). */
export function textIn(record: Readonly<Record<string, unknown>> | null, key: string): string | null {
  const value = record?.[key]
  if (typeof value === 'string') return value
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null
}

/**
 * A payload string as a value: JSON, else a Python literal (single quotes, True/False/None), else
 * undefined. Only text that looks like an object or array is tried.
 */
export function parseLoose(text: string): unknown {
  const trimmed = text.trim()
  if (!/^[[{]/.test(trimmed)) return undefined
  try {
    return JSON.parse(trimmed)
  } catch {
    try {
      return JSON.parse(pythonToJson(trimmed))
    } catch {
      return undefined
    }
  }
}

/** Rewrites a Python literal's strings and constants as JSON (single-quoted strings, True/False/None). */
function pythonToJson(text: string): string {
  let out = ''
  let quote: '"' | "'" | null = null
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      if (c === '\\' && i + 1 < text.length) {
        const next = text[++i]!
        // `\'` means a plain quote in JSON; anything else is escaped the same way.
        out += next === "'" ? "'" : `\\${next}`
      } else if (c === quote) {
        out += '"'
        quote = null
      } else out += c === '"' ? '\\"' : c
      continue
    }
    if (c === '"' || c === "'") {
      quote = c
      out += '"'
      continue
    }
    const word = /^(True|False|None)\b/.exec(text.slice(i, i + 5))?.[1]
    if (word) {
      out += word === 'True' ? 'true' : word === 'False' ? 'false' : 'null'
      i += word.length - 1
    } else out += c
  }
  return out
}

/**
 * Every link in these values that may be opened (http, https, mailto), with its title where the
 * payload pairs one with it: `{ url, title }` objects, parallel `urls` / `titles` lists (Azure AI
 * Search's metadata), and bare URLs inside text. First mention wins; `skip` filters out links that
 * are not sources (a search API's own request URL).
 */
export function sourcesOf(
  values: readonly unknown[],
  skip: (url: string) => boolean = () => false,
): Source[] {
  const found = new Map<string, string>()
  const add = (url: unknown, title: unknown) => {
    const href = typeof url === 'string' ? safeHref(url) : null
    if (!href || href.startsWith('mailto:') || skip(href) || found.has(href)) return
    found.set(href, typeof title === 'string' && title.trim() ? title.trim() : hostOf(href))
  }
  const walk = (value: unknown, depth: number): void => {
    if (depth > 6) return
    if (typeof value === 'string') {
      const parsed = parseLoose(value)
      if (parsed !== undefined) walk(parsed, depth + 1)
      else for (const match of value.matchAll(/https?:\/\/[^\s"'<>)\]]+/g)) add(match[0], null)
      return
    }
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1)
      return
    }
    if (!isRecord(value)) return
    const url = value.url ?? value.link ?? value.uri
    if (typeof url === 'string') add(url, value.title ?? value.name)
    if (Array.isArray(value.urls)) {
      const titles = Array.isArray(value.titles) ? value.titles : []
      for (const [i, u] of value.urls.entries()) add(u, titles[i])
    }
    for (const [key, child] of Object.entries(value)) {
      if (key !== 'url' && key !== 'urls' && key !== 'titles') walk(child, depth + 1)
    }
  }
  for (const value of values) walk(value, 0)
  return [...found].map(([url, title]) => ({ url, title }))
}

/** The search words of a search API request URL (`?q=`), or null. */
export function searchQueryOf(requestUrl: string | null): string | null {
  if (!requestUrl) return null
  try {
    return new URL(requestUrl).searchParams.get('q')?.trim() || null
  } catch {
    return null
  }
}

/** Text that is JSON (or a Python literal) pretty-printed; anything else as it is. */
export function prettyPayload(text: string): string {
  const value = parseLoose(text)
  return value === undefined ? text : JSON.stringify(value, null, 2)
}

/** A payload key as words: `num_docs_retrieved` → "Num docs retrieved". */
export function keyWords(key: string): string {
  const words = key.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
