// The Responses wire's agent profiles: the simulator's `runline-sim` by default, or the operator's
// (`RUNLINE_RESPONSES_AGENTS`, inline JSON or a JSON file) for a real upstream.
import { readFileSync } from 'node:fs'
import { type ResponseAgentProfile, validateAgentProfiles } from '@runline/proxy'
import { ConfigError, type Env, read } from './config-error.js'

/** The simulator's Responses model; it carries its tools (get_weather, code_interpreter, file_search, web_search, MCP `runline_docs`) itself. */
export const DEFAULT_SIM_RESPONSES_MODEL = 'runline-sim'

/** Agent profiles by the name the browser sends as `model`. */
export type ResponsesAgents = Record<string, ResponseAgentProfile>

const VAR = 'RUNLINE_RESPONSES_AGENTS'

function parse(raw: string): unknown {
  // Inline JSON starts with `{`; anything else is a path to a JSON file.
  let text = raw
  if (!raw.startsWith('{')) {
    try {
      text = readFileSync(raw, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
      throw new ConfigError(`${VAR}: cannot read the file '${raw}' (${code}).`)
    }
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ConfigError(
      `${VAR}: not valid JSON (${error instanceof Error ? error.message : 'parse error'}).`,
    )
  }
}

/**
 * The agent profiles the proxy pins for `/responses`: from `RUNLINE_RESPONSES_AGENTS` (a JSON object
 * `{ "<name>": { "model": "…", "instructions"?: "…", "tools"?: […], … } }`, inline or in a file), else
 * `runline-sim` when the simulator is the upstream, else none (the Responses wire is then off: 404).
 * Throws {@link ConfigError} on anything the proxy would refuse.
 */
export function responsesAgents(env: Env, simulator: boolean): ResponsesAgents {
  const raw = read(env, VAR)
  if (raw === undefined) {
    return simulator ? { [DEFAULT_SIM_RESPONSES_MODEL]: { model: DEFAULT_SIM_RESPONSES_MODEL } } : {}
  }
  const value = parse(raw)
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.keys(value).length === 0
  ) {
    throw new ConfigError(
      `${VAR} must be a JSON object with at least one profile: { "<name>": { "model": "…" } }.`,
    )
  }
  const agents = value as ResponsesAgents
  try {
    validateAgentProfiles(agents)
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^createRunlineProxy: /, '') : 'invalid'
    throw new ConfigError(`${VAR}: ${message}.`)
  }
  return agents
}
