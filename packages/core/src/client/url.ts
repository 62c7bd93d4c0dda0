/** Query values the client sends: arrays become repeated `key[]=value` pairs, nullish values are skipped. */
export type QueryValue = string | number | boolean | readonly string[] | null | undefined

/** A query-string record; key order is kept. */
export type Query = Readonly<Record<string, QueryValue>>

/**
 * RFC 3986 component encoding: `encodeURIComponent` leaves `!'()*` alone, but OpenAI's own clients send
 * `include[]=step_details.tool_calls%5B%2A%5D...`, so `*` is escaped too for identical wire bytes.
 */
export function encodeQueryComponent(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/** Serialises a query record (without the leading `?`); `include: ['a','b']` → `include[]=a&include[]=b`. */
export function stringifyQuery(query: Query | undefined): string {
  if (!query) return ''
  const parts: string[] = []
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) {
      // Brackets stay literal in the key, as in the recorded OpenAI requests.
      for (const item of value as readonly string[]) parts.push(`${key}[]=${encodeQueryComponent(item)}`)
    } else {
      parts.push(`${encodeQueryComponent(key)}=${encodeQueryComponent(String(value))}`)
    }
  }
  return parts.join('&')
}

/** Encodes each path segment so ids can never escape their place in the path. */
export function apiPath(strings: TemplateStringsArray, ...ids: string[]): string {
  return strings.reduce(
    (path, part, i) => path + part + (i < ids.length ? encodeURIComponent(ids[i]!) : ''),
    '',
  )
}

/**
 * Joins `baseUrl` (absolute like `https://x/api/v1/` or relative like `/api/v1`) and an API path with exactly
 * one slash between them, then appends the query. Relative bases stay relative, for same-origin browsers.
 */
export function joinUrl(baseUrl: string, path: string, query?: Query): string {
  const base = baseUrl.replace(/\/+$/, '')
  const tail = path.replace(/^\/+/, '')
  const search = stringifyQuery(query)
  return `${base}/${tail}${search ? `?${search}` : ''}`
}
