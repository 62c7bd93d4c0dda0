/**
 * Which scenario a message triggers. Words are matched case-insensitively at word starts, in this
 * precedence order (first match wins):
 *
 *   fail → incomplete → expire → slow → long → weather → plot → code/calculate → search/docs → default
 *
 * (the run-outcome words first, so "search the docs but fail" fails; then the tool scenarios, with
 * "plot" before "code" because a plot is a code_interpreter run with an image output).
 *
 * The Foundry face knows more words (see {@link foundryScenarioFor}): its agents have MCP servers,
 * grounding and knowledge tools (Bing, Bing Custom Search, Azure AI Search, SharePoint, Fabric, Deep
 * Research), action tools (OpenAPI, Azure Functions, Browser Automation), connected agents and a
 * tour of them all, and its runs can stop at a guardrail.
 */
import { ALL_TOOLS_TYPES } from './scripts/all-tools.js'
import type { WireTool } from './wire.js'

/** Every scenario name. */
export const SCENARIO_NAMES = [
  'fail',
  'incomplete',
  'expire',
  'slow',
  'long',
  'weather',
  'plot',
  'code',
  'search',
  'default',
] as const

/** A scenario name. */
export type ScenarioName = (typeof SCENARIO_NAMES)[number]

const RULES: ReadonlyArray<readonly [ScenarioName, RegExp]> = [
  ['fail', /\bfail/i],
  ['incomplete', /\bincomplete/i],
  ['expire', /\bexpir/i],
  ['slow', /\bslow/i],
  ['long', /\blong\b/i],
  ['weather', /\bweather/i],
  ['plot', /\bplot/i],
  ['code', /\b(code|calculat)/i],
  ['search', /\b(search|docs?\b)/i],
]

/** The scenario the words of `text` (the last user message) pick. */
export function scenarioFor(text: string): ScenarioName {
  for (const [name, pattern] of RULES) if (pattern.test(text)) return name
  return 'default'
}

/** The scenarios only the Foundry face knows. */
export const FOUNDRY_SCENARIO_NAMES = [
  'guardrail',
  'all_tools',
  'mcp',
  'bing_custom_search',
  'sharepoint_grounding',
  'fabric_dataagent',
  'deep_research',
  'browser_automation',
  'azure_function',
  'bing',
  'azure_ai_search',
  'openapi',
  'connected_agent',
] as const

/** A scenario only the Foundry face knows. */
export type FoundryScenarioName = (typeof FOUNDRY_SCENARIO_NAMES)[number]

/** A scenario of any face. */
export type AnyScenarioName = ScenarioName | FoundryScenarioName

const FOUNDRY_RULES: ReadonlyArray<readonly [AnyScenarioName, RegExp]> = [
  ['fail', /\bfail/i],
  ['incomplete', /\bincomplete/i],
  ['guardrail', /\bguardrail/i],
  ['expire', /\bexpir/i],
  ['slow', /\bslow/i],
  ['long', /\blong\b/i],
  ['all_tools', /\b(all|every)\s+(the\s+)?tools?\b/i],
  ['mcp', /\b(mcp|approv)/i],
  // Before bing/web: these name the tool more precisely ("Bing custom search", "browse the web").
  ['bing_custom_search', /\bcustom\b/i],
  ['sharepoint_grounding', /\bshare\s?point/i],
  ['fabric_dataagent', /\bfabric/i],
  ['deep_research', /\bdeep[\s_-]?research/i],
  ['browser_automation', /\bbrows(e|er|ing)\b/i],
  ['azure_function', /\bazure[\s_-]?functions?\b/i],
  ['bing', /\b(bing|web)\b/i],
  ['azure_ai_search', /\bindex/i],
  ['openapi', /\bopenapi/i],
  ['connected_agent', /\b(connected|delegat)/i],
  ...RULES.slice(5),
]

/**
 * The scenario the words of `text` pick on the Foundry face:
 *
 *   fail → incomplete → guardrail → expire → slow → long → all/every tools → mcp/approve → custom
 *   (Bing Custom Search) → sharepoint → fabric → deep research → browse/browser → azure function →
 *   bing/web → index (Azure AI Search) → openapi → connected/delegate → weather → plot →
 *   code/calculate → search/docs → default
 */
export function foundryScenarioFor(text: string): AnyScenarioName {
  for (const [name, pattern] of FOUNDRY_RULES) if (pattern.test(text)) return name
  return 'default'
}

/** The tool type (or function name) each tool scenario needs in the run's tools. */
const SCENARIO_TOOL: Partial<Record<AnyScenarioName, string>> = {
  weather: 'get_weather',
  plot: 'code_interpreter',
  code: 'code_interpreter',
  search: 'file_search',
  mcp: 'mcp',
  bing: 'bing_grounding',
  azure_ai_search: 'azure_ai_search',
  openapi: 'openapi',
  connected_agent: 'connected_agent',
  bing_custom_search: 'bing_custom_search',
  sharepoint_grounding: 'sharepoint_grounding',
  fabric_dataagent: 'fabric_dataagent',
  azure_function: 'azure_function',
  deep_research: 'deep_research',
  browser_automation: 'browser_automation',
}

/** Which tool a scenario needs in the run's tools (without it the run answers with text); none: `undefined`. */
export function scenarioNeeds(scenario: AnyScenarioName): ((tool: WireTool) => boolean) | undefined {
  if (scenario === 'all_tools') return (tool) => ALL_TOOLS_TYPES.includes((tool as { type: string }).type)
  const needed = SCENARIO_TOOL[scenario]
  if (needed === undefined) return undefined
  if (needed === 'get_weather') return (tool) => tool.type === 'function' && tool.function.name === needed
  return (tool) => (tool as { type: string }).type === needed
}

/**
 * Places named as "in <Place>" (capitalised words): "weather in Paris and in New York" →
 * ["Paris", "New York"]. Duplicates are dropped.
 */
export function placesIn(text: string): string[] {
  const places: string[] = []
  for (const match of text.matchAll(/\bin\s+([A-Z][\p{L}'.-]*(?:[ \t]+[A-Z][\p{L}'.-]*)*)/gu)) {
    const place = (match[1] ?? '').replace(/[.]+$/, '')
    if (place && !places.includes(place)) places.push(place)
  }
  return places
}

/** The numbers written in `text` (for the code and plot scenarios). */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(/-?\d+(?:\.\d+)?/g)].map((match) => Number(match[0])).filter(Number.isFinite)
}

/** True when the message asks for a file (the search scenario then adds a `file_path` annotation). */
export function mentionsFile(text: string): boolean {
  return /\bfiles?\b/i.test(text)
}
