/** The scripted "model": one script per scenario, run by a `RunDriver` once the run is in progress. */
import type { Script } from '../engine/records.js'
import type { AnyScenarioName } from '../scenarios.js'
import { connectedAgentScript, openApiScript } from './agents.js'
import { allToolsScript } from './all-tools.js'
import { azureFunctionScript, browserAutomationScript } from './automation.js'
import {
  defaultScript,
  expireScript,
  failScript,
  guardrailScript,
  incompleteScript,
  longScript,
  slowScript,
} from './basic.js'
import { codeScript } from './code.js'
import type { ScriptEnv } from './common.js'
import { azureAISearchScript, bingCustomSearchScript, bingScript } from './grounding.js'
import { deepResearchScript, fabricScript, sharepointScript } from './knowledge.js'
import { mcpScript } from './mcp.js'
import { searchScript } from './search.js'
import { weatherScript } from './weather.js'

export { ALL_TOOLS_TYPES } from './all-tools.js'
export { EXPIRE_AFTER_SECONDS } from './basic.js'
export type { ScriptEnv, SearchDocument } from './common.js'

/** The script for a scenario. */
export function scriptFor(name: AnyScenarioName, env: ScriptEnv): Script {
  switch (name) {
    case 'weather':
      return weatherScript
    case 'plot':
      return codeScript(true)
    case 'code':
      return codeScript(false)
    case 'search':
      return searchScript(env)
    case 'fail':
      return failScript
    case 'incomplete':
      return incompleteScript
    case 'expire':
      return expireScript
    case 'slow':
      return slowScript
    case 'long':
      return longScript
    case 'default':
      return defaultScript
    case 'guardrail':
      return guardrailScript
    case 'mcp':
      return mcpScript(env)
    case 'bing':
      return bingScript
    case 'azure_ai_search':
      return azureAISearchScript
    case 'openapi':
      return openApiScript
    case 'connected_agent':
      return connectedAgentScript
    case 'bing_custom_search':
      return bingCustomSearchScript
    case 'sharepoint_grounding':
      return sharepointScript
    case 'fabric_dataagent':
      return fabricScript
    case 'azure_function':
      return azureFunctionScript
    case 'deep_research':
      return deepResearchScript
    case 'browser_automation':
      return browserAutomationScript
    case 'all_tools':
      return allToolsScript(env)
  }
}
