/**
 * The demo's client-side `get_weather` handler: a deterministic made-up forecast, so the same city
 * always gets the same answer and tests can check it.
 */

const CONDITIONS = ['Sunny', 'Partly cloudy', 'Overcast', 'Light rain', 'Windy', 'Clear skies'] as const

/** The arguments the simulator's assistant declares for `get_weather`. */
export interface WeatherArgs {
  location: string
  unit?: 'c' | 'f'
}

/** Reads `get_weather` arguments from a parsed object or a raw JSON string; null when unusable. */
export function parseWeatherArgs(args: unknown): WeatherArgs | null {
  let value = args
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      return null
    }
  }
  if (typeof value !== 'object' || value === null) return null
  const { location, unit } = value as Record<string, unknown>
  if (typeof location !== 'string' || location.trim() === '') return null
  return { location: location.trim(), unit: unit === 'f' ? 'f' : 'c' }
}

function hash(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

/** The output the handler submits: a JSON string the assistant can quote. */
export function forecastFor(args: unknown): string {
  const parsed = parseWeatherArgs(args)
  if (!parsed) return JSON.stringify({ error: 'get_weather needs a "location" string.' })
  const h = hash(parsed.location.toLowerCase())
  const celsius = (h % 30) - 2
  const temperature = parsed.unit === 'f' ? Math.round((celsius * 9) / 5 + 32) : celsius
  return JSON.stringify({
    location: parsed.location,
    temperature,
    unit: parsed.unit,
    conditions: CONDITIONS[h % CONDITIONS.length],
  })
}
