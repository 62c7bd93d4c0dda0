/**
 * The agents a Foundry face starts with: the demo agent (`asst_runline_demo`, the same id as the
 * OpenAI face's assistant, so a proxy allowlist works on both) with every tool a Foundry scenario
 * needs, and the researcher it delegates to as a connected agent.
 */
import type { EngineProfile } from '../engine/engine.js'
import { buildAssistant } from '../objects.js'
import { CONNECTED_AGENT, OPENAPI_FUNCTION } from '../scripts/agents.js'
import { AZURE_FUNCTION, AZURE_FUNCTION_QUEUES } from '../scripts/automation.js'
import { BING_CUSTOM_INSTANCE } from '../scripts/grounding.js'
import {
  DEMO_ASSISTANT_ID,
  DEMO_INSTRUCTIONS,
  FILE_SEARCH_TOOL,
  GET_WEATHER_TOOL,
  type WireTool,
} from '../wire.js'

/** The label of the demo agent's MCP server; its calls need approval unless a run says otherwise. */
export const MCP_SERVER_LABEL = 'runline_docs'

/** A connection of the demo project (`/subscriptions/…/connections/<name>`), as tools name them. */
const connection = (name: string) =>
  `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/runline/providers/Microsoft.CognitiveServices/accounts/runline/projects/runline/connections/${name}`

const queue = (queue_name: string) => ({
  type: 'storage_queue',
  storage_queue: { queue_service_endpoint: AZURE_FUNCTION_QUEUES.endpoint, queue_name },
})

const FOUNDRY_TOOLS = [
  GET_WEATHER_TOOL,
  { type: 'code_interpreter' },
  FILE_SEARCH_TOOL,
  {
    type: 'mcp',
    server_label: MCP_SERVER_LABEL,
    server_url: 'https://mcp.runline.example.com/docs',
    allowed_tools: null,
  },
  {
    type: 'bing_grounding',
    bing_grounding: {
      search_configurations: [
        {
          connection_id: connection('runline-bing'),
          market: 'en-US',
          set_lang: 'en',
          count: 5,
        },
      ],
    },
  },
  { type: 'azure_ai_search' },
  {
    type: 'openapi',
    openapi: {
      name: 'runline_status',
      description: 'Reads the status of a Runline component.',
      spec: {
        openapi: '3.0.1',
        info: { title: 'Runline status', version: '1.0' },
        servers: [{ url: 'https://status.runline.example.com' }],
        paths: {
          '/status/{component}': {
            get: {
              operationId: OPENAPI_FUNCTION.slice('runline_status_'.length),
              parameters: [{ name: 'component', in: 'path', required: true, schema: { type: 'string' } }],
              responses: { '200': { description: 'The component status' } },
            },
          },
        },
      },
      auth: { type: 'anonymous' },
    },
  },
  { type: 'connected_agent', connected_agent: { ...CONNECTED_AGENT } },
  {
    type: 'bing_custom_search',
    bing_custom_search: {
      search_configurations: [
        {
          connection_id: connection('runline-custom-search'),
          instance_name: BING_CUSTOM_INSTANCE,
          market: 'en-US',
          set_lang: 'en',
          count: 5,
        },
      ],
    },
  },
  {
    type: 'sharepoint_grounding',
    sharepoint_grounding: { connection_list: [{ connection_id: connection('runline-sharepoint') }] },
  },
  {
    type: 'fabric_dataagent',
    fabric_dataagent: { connection_list: [{ connection_id: connection('runline-fabric') }] },
  },
  {
    type: 'azure_function',
    azure_function: {
      function: AZURE_FUNCTION,
      input_binding: queue(AZURE_FUNCTION_QUEUES.input),
      output_binding: queue(AZURE_FUNCTION_QUEUES.output),
    },
  },
  {
    type: 'deep_research',
    deep_research: {
      deep_research_model: 'o3-deep-research',
      deep_research_bing_grounding_connections: [{ connection_id: connection('runline-bing') }],
    },
  },
  {
    type: 'browser_automation',
    browser_automation: { connection: { id: connection('runline-playwright') } },
  },
] as unknown as WireTool[]

const FOUNDRY_INSTRUCTIONS = `${DEMO_INSTRUCTIONS} Use ${MCP_SERVER_LABEL} to read the docs, Bing for the web, Bing Custom Search for the project's sites, the search index for product pages, SharePoint for team documents, the Fabric data agent for run statistics, ${AZURE_FUNCTION.name} for release notes, runline_status for service status, Deep Research for long questions, the browser for pages without an API, and ${CONNECTED_AGENT.name} for research.`

/** The agents of a new Foundry face. */
export const seedFoundryAgents: EngineProfile['seedAssistants'] = ({ createdAt, vectorStoreId }) => [
  buildAssistant({
    id: DEMO_ASSISTANT_ID,
    createdAt,
    name: 'Runline demo',
    description: 'Scripted agent of the Runline simulator.',
    model: 'gpt-4o',
    instructions: FOUNDRY_INSTRUCTIONS,
    tools: FOUNDRY_TOOLS,
    toolResources: {
      code_interpreter: { file_ids: [] },
      file_search: { vector_store_ids: [vectorStoreId] },
      azure_ai_search: {
        indexes: [
          {
            index_connection_id: connection('runline-search'),
            index_name: 'runline-docs',
            query_type: 'simple',
            top_k: 5,
            filter: '',
          },
        ],
      },
    } as never,
    metadata: {},
    temperature: 1,
    top_p: 1,
    reasoning_effort: null,
    response_format: 'auto',
  }),
  buildAssistant({
    id: CONNECTED_AGENT.id,
    createdAt,
    name: CONNECTED_AGENT.name,
    description: CONNECTED_AGENT.description,
    model: 'gpt-4o-mini',
    instructions: 'Answer questions about Runline in two sentences.',
    tools: [],
    toolResources: {},
    metadata: {},
    temperature: 1,
    top_p: 1,
    reasoning_effort: null,
    response_format: 'auto',
  }),
]
