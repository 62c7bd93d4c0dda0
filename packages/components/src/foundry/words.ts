// Foundry's tool types in words, apart from the cards: a row's name and header need them at once,
// the cards (loaded when a run first shows one) only later.

/** What each tool type is called in a row's name and a step's header. */
export const TOOL_TYPE_WORDS: Readonly<Record<string, string>> = {
  mcp: 'MCP call',
  openapi: 'OpenAPI call',
  bing_grounding: 'Bing search',
  bing_custom_search: 'Bing custom search',
  azure_ai_search: 'Azure AI Search',
  azure_function: 'Azure Function call',
  sharepoint_grounding: 'SharePoint search',
  fabric_dataagent: 'Fabric data agent',
  deep_research: 'Deep research',
  connected_agent: 'Connected agent',
  browser_automation: 'Browser automation',
}
