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

/**
 * The server-side tools, by tool type: what the answer calls them, and what each is asked (the
 * message asks for them all, so it asks none of them anything in particular).
 */
const TOUR: ReadonlyArray<readonly [type: string, title: string, step: ToolStep, ask?: string]> = [
  ['bing_grounding', 'Bing search', bingStep('bing_grounding'), 'streaming agent runs'],
  ['bing_custom_search', 'Bing custom search', bingStep('bing_custom_search'), 'approvals'],
  ['azure_ai_search', 'Azure AI Search', azureAISearchStep, 'Runline guide'],
  ['sharepoint_grounding', 'SharePoint', sharepointStep, 'the release process'],
  ['fabric_dataagent', 'Fabric data agent', fabricStep, 'Runs by status'],
  ['azure_function', 'Azure Function', azureFunctionStep, 'latest'],
  ['openapi', 'OpenAPI', openApiStep],
  ['connected_agent', 'Connected agent', connectedAgentStep, 'What is Runline?'],
  ['deep_research', 'Deep Research', deepResearchStep, 'streaming agent interfaces'],
  ['browser_automation', 'Browser Automation', browserAutomationStep, 'Read the status page'],
]

/** The Foundry tool types the tour calls (a run needs one of them to play it). */
export const ALL_TOOLS_TYPES: readonly string[] = ['mcp', ...TOUR.map(([type]) => type)]

/** Every Azure tool the run has, one step each, then the answer. */
export function allToolsScript(env: ScriptEnv): Script {
  return async (driver) => {
    const lines: string[] = []
    if (driver.hasTool('mcp')) {
      const { label, calls } = await runMcpCalls(driver, env, 'streaming')
      lines.push(...mcpCallLines(label, calls).map((line) => `- **MCP**: ${line}`))
    }
    let cited: Finding | null = null
    for (const [type, title, step, ask] of TOUR) {
      if (!driver.hasTool(type)) continue
      const found = await step(driver, ask)
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
