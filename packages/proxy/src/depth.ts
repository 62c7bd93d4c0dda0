/**
 * How deeply a request body's JSON may nest (objects and arrays; the top-level value is level 1).
 * Real bodies stay below 10; 64 leaves room for JSON schemas in tools and response formats, and keeps
 * every later recursive walk (JSON.stringify, the upstream's parser) far from the stack's limit.
 */
export const MAX_JSON_DEPTH = 64

/**
 * Whether the JSON text nests deeper than `maxDepth`. One pass over the characters with a counter, no
 * recursion and nothing parsed, so a body of thousands of `[` cannot overflow anything. Brackets inside
 * strings do not count. For invalid JSON the answer is meaningless, and `JSON.parse` refuses it anyway.
 * `@runline/simulator` uses it too, for the bodies it stores.
 */
export function jsonDepthExceeds(text: string, maxDepth: number = MAX_JSON_DEPTH): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  return false
}
