/**
 * The `all_tools` scenario (Foundry): one step per Azure tool type the run has, in a fixed order:
 * the MCP server first (it may stop the run for approval), then every server-side tool, then one
 * answer that lists what each found and cites the first pages a tool returned.
 */
import type { Script } from '../engine/records.js'
import { textPieces } from '../text.js'
import { connectedAgentStep, openApiStep } from './agents.js'
import { azureFunctionStep, browserAutomationStep } from './automation.js'
import { citedPieces, type Finding, type ScriptEnv, type ToolStep } from './common.js'
import { azureAISearchStep, bingStep } from './grounding.js'
import { deepResearchStep, fabricStep, sharepointStep } from './knowledge.js'
import { mcpCallLines, runMcpCalls } from './mcp.js'

/** The server-side tools, by tool type, with what the answer calls them. */
const TOUR: ReadonlyArray<readonly [type: string, title: string, step: ToolStep]> = [
  ['bing_grounding', 'Bing search', bingStep('bing_grounding')],
  ['bing_custom_search', 'Bing custom search', bingStep('bing_custom_search')],
  ['azure_ai_search', 'Azure AI Search', azureAISearchStep],
  ['sharepoint_grounding', 'SharePoint', sharepointStep],
  ['fabric_dataagent', 'Fabric data agent', fabricStep],
  ['azure_function', 'Azure Function', azureFunctionStep],
  ['openapi', 'OpenAPI', openApiStep],
  ['connected_agent', 'Connected agent', connectedAgentStep],
  ['deep_research', 'Deep Research', deepResearchStep],
  ['browser_automation', 'Browser Automation', browserAutomationStep],
]

/** The Foundry tool types the tour calls (a run needs one of them to play it). */
export const ALL_TOOLS_TYPES: readonly string[] = ['mcp', ...TOUR.map(([type]) => type)]

/** Every Azure tool the run has, one step each, then the answer. */
export function allToolsScript(env: ScriptEnv): Script {
  return async (driver) => {
    const lines: string[] = []
    if (driver.hasTool('mcp')) {
      const { label, calls } = await runMcpCalls(driver, env)
      lines.push(...mcpCallLines(label, calls).map((line) => `- **MCP**: ${line}`))
    }
    let cited: Finding | null = null
    for (const [type, title, step] of TOUR) {
      if (!driver.hasTool(type)) continue
      const found = await step(driver)
      lines.push(`- **${title}**: ${found.summary}`)
      if (!cited && found.sources?.length) cited = found
    }
    const intro = `I used each Azure tool I have:\n\n${lines.join('\n')}`
    const pieces = textPieces(cited ? `${intro}\n\n` : intro, driver.random)
    if (cited) pieces.push(...citedPieces(driver, cited.sources ?? [], 3))
    await driver.writeMessage([{ type: 'text', pieces }])
    driver.completeRun()
  }
}
