/**
 * Keys whose numbers the real API always prints as floats (`"temperature":1.0`,
 * `"score_threshold":0.0`). JSON.stringify would print `1` / `0`; parsers do not care, but the
 * simulator aims to be byte-for-byte like the recordings.
 */
const FLOAT_KEYS = new Set(['temperature', 'top_p', 'score_threshold', 'score'])

function formatFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : JSON.stringify(value)
}

function write(value: unknown, floatContext: boolean): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'number')
    return floatContext && Number.isFinite(value) ? formatFloat(value) : JSON.stringify(value)
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map((item) => write(item, false)).join(',')}]`
  if (typeof value === 'object') {
    const fields: string[] = []
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue
      fields.push(`${JSON.stringify(key)}:${write(item, FLOAT_KEYS.has(key))}`)
    }
    return `{${fields.join(',')}}`
  }
  return 'null'
}

/** Compact JSON in the API's wire style (no spaces, floats kept as floats for the known float fields). */
export function toWireJson(value: unknown): string {
  return write(value, false)
}
