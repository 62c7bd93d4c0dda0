/**
 * How deeply a JSON body may nest (objects and arrays; the body itself is level 1). The same limit as
 * `@runline/proxy`'s: real bodies stay below 10, and the wire writer and parsers recurse per level.
 */
export const MAX_JSON_DEPTH = 64

/**
 * Whether the JSON text nests deeper than `maxDepth`: one pass with a counter, no recursion, nothing
 * parsed. Brackets inside strings do not count; for invalid JSON the answer is meaningless (the parser
 * refuses it anyway). A twin of the proxy's check: the two packages do not depend on each other.
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
