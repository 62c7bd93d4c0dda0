// Spec-shaped Foundry classic-agent events (made up, shaped by the Azure.AI.Agents TypeSpec), for
// tests and stories until the simulator's Foundry face can record real ones. Pure: no Node imports.
// Over ~350 lines on purpose: it is one table of event builders, one per Foundry shape, read top to bottom.
import type {
  FoundryToolCall,
  McpListToolsActivity,
  RequiredMcpToolCall,
  ToolApproval,
} from '../foundry-types.js'
import type { AssistantStreamEvent } from '../types.js'

/** Ids and clock of one made-up run. */
export interface FoundryRunIds {
  threadId: string
  runId: string
  agentId: string
  /** Unix seconds. */
  createdAt: number
  /** Unix seconds; a run waiting for approval expires then. */
  expiresAt: number
}

/** The ids the builders use unless told otherwise. */
export const FOUNDRY_IDS: FoundryRunIds = {
  threadId: 'thread_fdry1',
  runId: 'run_fdry1',
  agentId: 'asst_fdry_docs',
  createdAt: 1_767_261_600,
  expiresAt: 1_767_262_200,
}

type Json = Record<string, unknown>
// Events are spec-shaped JSON; the openai types do not know Foundry's additions.
const event = (name: string, data: unknown) => ({ event: name, data }) as AssistantStreamEvent

/** A run as Foundry sends it: no `required_action` key unless it waits, `usage` null until it ends. */
export function foundryRun(status: string, extra: Json = {}, ids: FoundryRunIds = FOUNDRY_IDS): Json {
  return {
    id: ids.runId,
    object: 'thread.run',
    created_at: ids.createdAt,
    assistant_id: ids.agentId,
    thread_id: ids.threadId,
    status,
    started_at: status === 'queued' ? null : ids.createdAt + 1,
    expires_at: ids.expiresAt,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    last_error: null,
    model: 'gpt-4.1',
    instructions: 'Answer with the docs tools.',
    tools: [{ type: 'mcp', server_label: 'runline_docs', server_url: 'https://mcp.example.com/docs' }],
    tool_resources: {},
    metadata: {},
    temperature: 1,
    top_p: 1,
    max_completion_tokens: null,
    max_prompt_tokens: null,
    truncation_strategy: { type: 'auto', last_messages: null },
    incomplete_details: null,
    usage: null,
    response_format: 'auto',
    tool_choice: 'auto',
    parallel_tool_calls: true,
    ...extra,
  }
}

/** `thread.run.<status>` with the run in that status. */
export function runEvent(status: string, extra: Json = {}, ids: FoundryRunIds = FOUNDRY_IDS) {
  const name = status === 'requires_action' ? 'thread.run.requires_action' : `thread.run.${status}`
  return event(name, foundryRun(status, extra, ids))
}

/** A run step as Foundry sends it: no `usage` key. */
export function foundryStep(
  id: string,
  type: string,
  details: Json,
  status = 'in_progress',
  ids: FoundryRunIds = FOUNDRY_IDS,
  at = ids.createdAt + 2,
): Json {
  return {
    id,
    object: 'thread.run.step',
    created_at: at,
    run_id: ids.runId,
    assistant_id: ids.agentId,
    thread_id: ids.threadId,
    type,
    status,
    cancelled_at: null,
    completed_at: status === 'completed' ? at + 2 : null,
    expired_at: null,
    failed_at: null,
    last_error: null,
    step_details: details,
    metadata: {},
  }
}

/** `thread.run.step.<name>` for a step. */
export function stepEvent(name: 'created' | 'in_progress' | 'completed' | 'failed', step: Json) {
  return event(`thread.run.step.${name}`, step)
}

/** `thread.run.step.delta` with these step details. */
export function stepDelta(id: string, stepDetails: Json) {
  return event('thread.run.step.delta', {
    id,
    object: 'thread.run.step.delta',
    delta: { step_details: stepDetails },
  })
}

/** The MCP calls the docs agent asks to approve. */
export const APPROVAL_CALLS: RequiredMcpToolCall[] = [
  {
    id: 'call_mcp_search',
    type: 'mcp',
    name: 'search_docs',
    arguments: '{"query":"approval flow","limit":3}',
    server_label: 'runline_docs',
  },
  {
    id: 'call_mcp_fetch',
    type: 'mcp',
    name: 'fetch_page',
    arguments: '{"path":"/guides/approvals","format":"markdown"}',
    server_label: 'runline_docs',
  },
]

/** What `mcp_list_tools` reports for the docs server. */
export const DOCS_TOOLS_ACTIVITY: McpListToolsActivity = {
  type: 'mcp_list_tools',
  id: 'act_list_docs',
  server_label: 'runline_docs',
  tools: {
    search_docs: {
      description: 'Full-text search over the Runline docs.',
      parameters: {
        type: 'object',
        properties: {
          query: { type: 'string', description: 'Words to look for' },
          limit: { type: 'integer', description: 'Most results to return' },
        },
        required: ['query'],
        additionalProperties: false,
      },
    },
    fetch_page: {
      description: 'Reads one docs page.',
      parameters: {
        type: 'object',
        properties: { path: { type: 'string' }, format: { type: 'string' } },
        required: ['path'],
      },
    },
  },
}

/** A run that lists the MCP server's tools, then stops for approval of `calls`. */
export function approvalRequestEvents(
  calls: readonly RequiredMcpToolCall[] = APPROVAL_CALLS,
  ids: FoundryRunIds = FOUNDRY_IDS,
): AssistantStreamEvent[] {
  const details = { type: 'activities', activities: [DOCS_TOOLS_ACTIVITY] }
  return [
    runEvent('created', { status: 'queued', started_at: null }, ids),
    runEvent('queued', { started_at: null }, ids),
    runEvent('in_progress', {}, ids),
    stepEvent('created', foundryStep('step_list', 'activities', details, 'in_progress', ids)),
    stepEvent('completed', foundryStep('step_list', 'activities', details, 'completed', ids)),
    runEvent(
      'requires_action',
      {
        required_action: { type: 'submit_tool_approval', submit_tool_approval: { tool_calls: [...calls] } },
      },
      ids,
    ),
  ]
}

/** What MCP calls answer once approved (a denied call gets the service's refusal). */
function mcpOutput(call: RequiredMcpToolCall, approve: boolean): string {
  if (!approve) return `Tool call ${call.name} was not approved by the user.`
  return call.name === 'search_docs'
    ? '[{"title":"Approvals","path":"/guides/approvals"},{"title":"Runs","path":"/guides/runs"}]'
    : '# Approvals\n\nA run waits for `submit_tool_approval` until every call is decided.'
}

/**
 * The continuation after `approvals`: one tool-calls step whose MCP calls stream as step deltas of
 * type `mcp` (arguments in two fragments), complete with outputs, then the answer and the end.
 */
export function approvalContinuationEvents(
  approvals: readonly ToolApproval[],
  calls: readonly RequiredMcpToolCall[] = APPROVAL_CALLS,
  ids: FoundryRunIds = FOUNDRY_IDS,
): AssistantStreamEvent[] {
  const decided = new Map(approvals.map((a) => [a.tool_call_id, a.approve]))
  const done = calls.map((call) => ({ ...call, output: mcpOutput(call, decided.get(call.id) === true) }))
  const half = (text: string) => Math.ceil(text.length / 2)
  const deltas = calls.flatMap((call, index) => [
    { index, id: call.id, type: 'mcp', arguments: call.arguments.slice(0, half(call.arguments)) },
    { index, type: 'mcp', arguments: call.arguments.slice(half(call.arguments)) },
  ])
  const step = (status: string, toolCalls: unknown[]) =>
    foundryStep(
      'step_mcp',
      'tool_calls',
      { type: 'tool_calls', tool_calls: toolCalls },
      status,
      ids,
      ids.createdAt + 6,
    )
  const usage = { prompt_tokens: 812, completion_tokens: 64, total_tokens: 876 }
  return [
    runEvent('queued', { started_at: null }, ids),
    runEvent('in_progress', {}, ids),
    // Like OpenAI's streams: the step starts empty; a call's first delta brings its id.
    stepEvent('created', step('in_progress', [])),
    ...deltas.map((delta) => stepDelta('step_mcp', { type: 'mcp', tool_calls: [delta] })),
    stepEvent('completed', step('completed', done)),
    ...messageEvents('msg_answer', 'The approval guide says a run waits until every call is decided.', ids),
    runEvent('completed', { completed_at: ids.createdAt + 12, usage }, ids),
  ]
}

/** A message written in two deltas, with these annotations (added with the last delta). */
export function messageEvents(
  id: string,
  text: string,
  ids: FoundryRunIds = FOUNDRY_IDS,
  annotations: Json[] = [],
): AssistantStreamEvent[] {
  const message = (status: string, content: unknown[]) => ({
    id,
    object: 'thread.message',
    created_at: ids.createdAt + 10,
    assistant_id: ids.agentId,
    thread_id: ids.threadId,
    run_id: ids.runId,
    status,
    incomplete_details: null,
    completed_at: status === 'completed' ? ids.createdAt + 11 : null,
    incomplete_at: null,
    role: 'assistant',
    content,
    attachments: [],
    metadata: {},
  })
  const cut = Math.ceil(text.length / 2)
  // Delta annotations carry no `text` (url_citation never does): the completed message has it.
  const deltaAnnotations = annotations.map(({ text: _marker, ...rest }, index) => ({ index, ...rest }))
  return [
    event('thread.message.created', message('in_progress', [])),
    event('thread.message.in_progress', message('in_progress', [])),
    event('thread.message.delta', {
      id,
      object: 'thread.message.delta',
      delta: { content: [{ index: 0, type: 'text', text: { value: text.slice(0, cut), annotations: [] } }] },
    }),
    event('thread.message.delta', {
      id,
      object: 'thread.message.delta',
      delta: {
        content: [
          { index: 0, type: 'text', text: { value: text.slice(cut), annotations: deltaAnnotations } },
        ],
      },
    }),
    event(
      'thread.message.completed',
      message('completed', [{ type: 'text', text: { value: text, annotations } }]),
    ),
  ]
}

/** A url_citation over `marker` in `text`, as the completed message carries it. */
export function urlCitation(text: string, marker: string, url: string, title?: string): Json {
  const start = text.indexOf(marker)
  return {
    type: 'url_citation',
    text: marker,
    start_index: start,
    end_index: start + marker.length,
    url_citation: title === undefined ? { url } : { url, title },
  }
}

/** One spec-shaped call of each Azure tool type, as a completed step holds it. */
export const SAMPLE_CALLS: Readonly<Record<FoundryToolCall['type'], FoundryToolCall>> = {
  mcp: {
    id: 'call_mcp_1',
    type: 'mcp',
    server_label: 'runline_docs',
    name: 'search_docs',
    arguments: '{"query":"rate limits"}',
    output: '[{"title":"Rate limits","path":"/guides/limits"}]',
  },
  openapi: {
    id: 'call_openapi_1',
    type: 'openapi',
    openapi: {},
    function: {
      name: 'weather_GetCurrentWeather',
      arguments: '{"location":"Seattle","unit":"c"}',
      output: '{"location":"Seattle","temperature":11,"conditions":"Light rain"}',
    },
  },
  bing_grounding: {
    id: 'call_bing_1',
    type: 'bing_grounding',
    bing_grounding: {
      requesturl: 'https://api.bing.microsoft.com/v7.0/search?q=runline%20streaming%20react',
      response_metadata: "{'market': 'en-US', 'num_docs_retrieved': 5, 'num_docs_actually_used': 2}",
    },
  },
  bing_custom_search: {
    id: 'call_bingcs_1',
    type: 'bing_custom_search',
    bing_custom_search: {
      requesturl: 'https://api.bing.microsoft.com/v7.0/custom/search?q=approval%20flow&customconfig=1',
      response_metadata: "{'market': 'en-US', 'num_docs_retrieved': 3, 'num_docs_actually_used': 1}",
    },
  },
  azure_ai_search: {
    id: 'call_search_1',
    type: 'azure_ai_search',
    azure_ai_search: {
      input: 'sleeping bag for winter camping',
      output: JSON.stringify({
        summary: 'Two products match.',
        metadata: {
          urls: ['https://contoso.example.com/p/arctic-900', 'https://contoso.example.com/p/summit-700'],
          titles: ['Arctic 900 sleeping bag', 'Summit 700 sleeping bag'],
        },
      }),
    },
  },
  azure_function: {
    id: 'call_func_1',
    type: 'azure_function',
    azure_function: {
      name: 'get_stock_level',
      arguments: '{"sku":"ARC-900"}',
      output: '{"sku":"ARC-900","in_stock":14}',
    },
  },
  sharepoint_grounding: {
    id: 'call_sp_1',
    type: 'sharepoint_grounding',
    sharepoint_grounding: { input: 'travel policy', output: 'Travel policy v3 (Contoso intranet)' },
  },
  fabric_dataagent: {
    id: 'call_fabric_1',
    type: 'fabric_dataagent',
    fabric_dataagent: { input: 'Sales by region for Q3', output: 'West 1.2M; East 0.9M' },
  },
  deep_research: {
    id: 'call_dr_1',
    type: 'deep_research',
    deep_research: { input: 'Compare streaming UI kits', output: 'Report: three kits compared …' },
  },
  connected_agent: {
    id: 'call_ca_1',
    type: 'connected_agent',
    connected_agent: {
      name: 'stock_checker',
      arguments: '{"sku":"SUM-700"}',
      output: 'SUM-700: 3 left in the Seattle store.',
      run_id: 'run_sub_1',
      thread_id: 'thread_sub_1',
      assistant_id: 'asst_stock',
    },
  },
  browser_automation: {
    id: 'call_ba_1',
    type: 'browser_automation',
    browser_automation: {
      input: 'Find the opening hours of the Seattle store',
      output: 'Open 9:00–18:00, Monday to Saturday.',
      steps: [
        {
          last_step_result: 'Opened contoso.example.com',
          current_state: 'Home page',
          next_step: 'Click "Stores"',
        },
        {
          last_step_result: 'Store list shown',
          current_state: 'Stores page',
          next_step: 'Read Seattle hours',
        },
      ],
    },
  },
}

/** A completed tool-calls step holding these calls (created, then completed). */
export function toolCallStepEvents(
  stepId: string,
  calls: readonly unknown[],
  ids: FoundryRunIds = FOUNDRY_IDS,
): AssistantStreamEvent[] {
  const details = (toolCalls: readonly unknown[]) => ({ type: 'tool_calls', tool_calls: [...toolCalls] })
  return [
    stepEvent('created', foundryStep(stepId, 'tool_calls', details([]), 'in_progress', ids)),
    stepEvent('completed', foundryStep(stepId, 'tool_calls', details(calls), 'completed', ids)),
  ]
}

/** Events as the SSE text a server would send (`data: [DONE]` last). */
export function toSse(events: readonly AssistantStreamEvent[]): string {
  return `${events.map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`).join('')}event: done\ndata: [DONE]\n\n`
}
