/**
 * Which scenario a Responses request plays. A turn's follow-ups come first (a `function_call_output`
 * input is answered, an `mcp_approval_response` runs the call or not); otherwise the words of the
 * last user message pick, first match wins:
 *
 *   fail → incomplete → slow → long → mcp/approve → web → reasoning/think → weather → image/draw →
 *   plot → code/calculate → search/docs → default
 */

/** Every scenario name of the Responses face. */
export const RESPONSES_SCENARIO_NAMES = [
  'fail',
  'incomplete',
  'slow',
  'long',
  'mcp',
  'web',
  'reasoning',
  'weather',
  'image',
  'plot',
  'code',
  'search',
  'default',
] as const

/** A scenario of the Responses face. */
export type ResponsesScenarioName = (typeof RESPONSES_SCENARIO_NAMES)[number]

const RULES: ReadonlyArray<readonly [ResponsesScenarioName, RegExp]> = [
  ['fail', /\bfail/i],
  ['incomplete', /\bincomplete/i],
  ['slow', /\bslow/i],
  ['long', /\blong\b/i],
  ['mcp', /\b(mcp|approv)/i],
  ['web', /\bweb\b/i],
  ['reasoning', /\b(reason|think)/i],
  ['weather', /\bweather/i],
  ['image', /\b(image|draw)/i],
  ['plot', /\bplot/i],
  ['code', /\b(code|calculat)/i],
  ['search', /\b(search|docs?\b)/i],
]

/** The scenario the words of `text` (the last user message) pick on the Responses face. */
export function responsesScenarioFor(text: string): ResponsesScenarioName {
  for (const [name, pattern] of RULES) if (pattern.test(text)) return name
  return 'default'
}

/** The request tool each tool scenario needs (when the request lists tools). */
const NEEDS: Partial<Record<ResponsesScenarioName, (tool: Record<string, unknown>) => boolean>> = {
  weather: (tool) => tool.type === 'function' && tool.name === 'get_weather',
  web: (tool) => typeof tool.type === 'string' && tool.type.startsWith('web_search'),
  mcp: (tool) => tool.type === 'mcp',
  image: (tool) => tool.type === 'image_generation',
  plot: (tool) => tool.type === 'code_interpreter',
  code: (tool) => tool.type === 'code_interpreter',
  search: (tool) => tool.type === 'file_search',
}

/**
 * Whether the request can play a tool scenario: with no `tools` the model `runline-sim` uses its own
 * (get_weather, code_interpreter, file_search, web_search, image_generation, MCP `runline_docs`);
 * with `tools`, the scenario's tool must be among them (else the model answers in text).
 */
export function scenarioAllowed(scenario: ResponsesScenarioName, tools: readonly unknown[]): boolean {
  const needs = NEEDS[scenario]
  if (!needs || tools.length === 0) return true
  return tools.some(
    (tool) => tool !== null && typeof tool === 'object' && needs(tool as Record<string, unknown>),
  )
}
