// The shapes Azure AI Foundry's classic agents add to the Assistants wire, as they travel (snake_case
// JSON). Type-only: nothing here exists at run time. Checked against the TypeSpec of
// Azure/azure-rest-api-specs `specification/ai/Azure.AI.Agents` (tools, run_steps, runs, messages;
// versions 2025-05-15-preview and v1) and `@azure/ai-agents` 1.1.0's models. The reducer keeps every
// one of them whole (and anything newer too); these types only say what a reader may find.
import type { RunStatus, ToolCall } from './types.js'

/** One MCP call the run waits for a person (or a rule) to approve before it runs. */
export interface RequiredMcpToolCall {
  /** The id an approval names (`tool_approvals[].tool_call_id`). */
  id: string
  type: 'mcp'
  /** The tool's name on the MCP server. */
  name: string
  /** The arguments the model chose, a JSON document as a string. */
  arguments: string
  /** The label the agent gave the MCP server (`tools[].server_label`). */
  server_label: string
}

/** A call awaiting approval. Today only MCP calls ask; a newer type is kept as the server sent it. */
export type RequiredApprovalCall = RequiredMcpToolCall

/** `run.required_action` when the run waits for approvals instead of tool outputs. */
export interface SubmitToolApprovalAction {
  type: 'submit_tool_approval'
  submit_tool_approval: { tool_calls: RequiredApprovalCall[] }
}

/** One answer to a call awaiting approval (sent as `tool_approvals` on `submit_tool_outputs`). */
export interface ToolApproval {
  tool_call_id: string
  approve: boolean
  /** Headers the server attaches to the approved call (e.g. for the MCP server). */
  headers?: Readonly<Record<string, string>>
}

/** Why a run ended `incomplete`: a token limit, or (Foundry) a safety guardrail. */
export interface IncompleteRunDetails {
  reason: 'max_completion_tokens' | 'max_prompt_tokens' | (string & {})
}

/** Statuses of a Foundry run: the Assistants ones (`incomplete` for guardrails included). */
export type FoundryRunStatus = RunStatus

// Tool calls recorded in run steps. Payloads the spec types as `Record<string, string>` are opaque:
// the service puts its request and response there, with keys that are not part of the contract.

/** A call to a tool on an MCP server, with its output once it ran. */
export interface McpToolCall {
  id: string
  type: 'mcp'
  name: string
  arguments: string
  output: string
  server_label?: string
}

/** A call to an OpenAPI tool. `openapi` is opaque; some services also send a `function` record. */
export interface OpenApiToolCall {
  id: string
  type: 'openapi'
  openapi?: Readonly<Record<string, string>>
  function?: { name?: string; arguments?: string; output?: string | null }
}

/** A Grounding with Bing Search call: the request and response as the service reports them. */
export interface BingGroundingToolCall {
  id: string
  type: 'bing_grounding'
  bing_grounding: Readonly<Record<string, string>>
}

/** A Grounding with Bing Custom Search call. */
export interface BingCustomSearchToolCall {
  id: string
  type: 'bing_custom_search'
  bing_custom_search: Readonly<Record<string, string>>
}

/** An Azure AI Search call (the spec says "reserved for future use"; services send input/output). */
export interface AzureAISearchToolCall {
  id: string
  type: 'azure_ai_search'
  azure_ai_search: Readonly<Record<string, string>>
}

/** A call to an Azure Function; every field may be absent while it streams. */
export interface AzureFunctionToolCall {
  id: string
  type: 'azure_function'
  azure_function: { name?: string; arguments?: string; output?: string }
}

/** A SharePoint grounding call: input and output, opaque. */
export interface SharepointGroundingToolCall {
  id: string
  type: 'sharepoint_grounding'
  sharepoint_grounding: Readonly<Record<string, string>>
}

/** A Microsoft Fabric data agent call: input and output, opaque. */
export interface FabricDataAgentToolCall {
  id: string
  type: 'fabric_dataagent'
  fabric_dataagent: Readonly<Record<string, string>>
}

/** A Deep Research call: what it was asked and, at the end, its report. */
export interface DeepResearchToolCall {
  id: string
  type: 'deep_research'
  deep_research: { input: string; output?: string }
}

/** A call to a connected (sub-)agent, with the thread and run it used. */
export interface ConnectedAgentToolCall {
  id: string
  type: 'connected_agent'
  connected_agent: {
    name?: string
    arguments?: string
    output?: string
    run_id?: string
    thread_id?: string
    assistant_id?: string
  }
}

/** One step a Browser Automation call took. */
export interface BrowserAutomationStep {
  last_step_result: string
  current_state: string
  next_step: string
}

/** A Browser Automation call: its task, its steps and its answer. */
export interface BrowserAutomationToolCall {
  id: string
  type: 'browser_automation'
  browser_automation: { input: string; output: string; steps: BrowserAutomationStep[] }
}

/** The tool calls Foundry records besides the Assistants ones. */
export type FoundryToolCall =
  | McpToolCall
  | OpenApiToolCall
  | BingGroundingToolCall
  | BingCustomSearchToolCall
  | AzureAISearchToolCall
  | AzureFunctionToolCall
  | SharepointGroundingToolCall
  | FabricDataAgentToolCall
  | DeepResearchToolCall
  | ConnectedAgentToolCall
  | BrowserAutomationToolCall

/** Any tool call a step may hold on either wire (an unknown type is kept too, just not typed here). */
export type AnyToolCall = ToolCall | FoundryToolCall

/** The type of every Foundry tool call, for code that lists them. */
export type FoundryToolCallType = FoundryToolCall['type']

// Steps: the `activities` step type, and the step-delta detail types `mcp` and `openapi`.

/** One parameter of a tool an MCP server offers. */
export interface ActivityFunctionArgument {
  type: string
  description?: string
}

/** A tool an MCP server offers, as `mcp_list_tools` reports it. */
export interface ActivityFunctionDefinition {
  description?: string
  parameters: {
    type: 'object'
    properties: Readonly<Record<string, ActivityFunctionArgument>>
    required: string[]
    additionalProperties?: boolean
  }
}

/** The agent listed the tools of an MCP server (tools by name). */
export interface McpListToolsActivity {
  type: 'mcp_list_tools'
  id: string
  server_label: string
  tools: Readonly<Record<string, ActivityFunctionDefinition>>
}

/** `step_details` of a step whose `type` is `activities`. */
export interface ActivitiesStepDetails {
  type: 'activities'
  activities: McpListToolsActivity[]
}

/** One MCP call in a step delta: its place and its arguments so far. */
export interface McpToolCallDelta {
  index: number
  id?: string
  type: 'mcp'
  arguments?: string
}

/** One OpenAPI call in a step delta. */
export interface OpenApiToolCallDelta {
  index: number
  id?: string
  type: 'openapi'
  openapi?: Readonly<Record<string, string>>
}

/**
 * `delta.step_details` of a Foundry step delta: like `tool_calls`, but typed `mcp` or `openapi`. Merged
 * like any delta, the `type` overwrites the step's `step_details.type` until the step completes, so
 * read a step's calls with `selectStepToolCalls`, never by checking `type === 'tool_calls'`.
 */
export type FoundryStepDeltaDetails =
  | { type: 'mcp'; tool_calls?: McpToolCallDelta[] }
  | { type: 'openapi'; tool_calls?: OpenApiToolCallDelta[] }

// Messages: `url_citation` annotations (Bing, Azure AI Search, …).

/** A citation of a web page, placed over its marker in the text. */
export interface UrlCitationAnnotation {
  type: 'url_citation'
  /** The marker in the text (e.g. `【3:0†source】`). */
  text: string
  url_citation: { url: string; title?: string }
  start_index?: number
  end_index?: number
}

/** A `url_citation` in a message delta: placed by `index`, and without `text`. */
export interface UrlCitationDeltaAnnotation {
  index: number
  type: 'url_citation'
  url_citation: { url: string; title?: string }
  start_index?: number
  end_index?: number
}

/** Runline's record of a decision an app's approval rule made (before it is sent). */
export interface RunlineToolApprovalEvent {
  event: 'runline.tool_approval'
  data: { tool_call_id: string; approve: boolean }
}
