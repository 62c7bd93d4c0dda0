/**
 * Builders for wire objects. Each builder writes the fields in the order the 2025-10 recordings
 * print them, so serialised objects read exactly like the real ones.
 */
import type { MessageContent } from 'openai/resources/beta/threads/messages'
import type {
  WireAssistant,
  WireMessage,
  WireRun,
  WireRunStep,
  WireThread,
  WireTool,
  WireToolResources,
} from './wire.js'

/** Fields a run takes from its assistant and the create request. */
export interface RunSettings {
  model: string
  instructions: string | null
  tools: WireTool[]
  metadata: Record<string, string>
  temperature: number | null
  top_p: number | null
  reasoning_effort: string | null
  max_completion_tokens: number | null
  max_prompt_tokens: number | null
  truncation_strategy: WireRun['truncation_strategy']
  response_format: WireRun['response_format']
  tool_choice: WireRun['tool_choice']
  parallel_tool_calls: boolean
}

/** A new thread. */
export function buildThread(id: string, createdAt: number, metadata: Record<string, string>): WireThread {
  return {
    id,
    object: 'thread',
    created_at: createdAt,
    metadata,
    tool_resources: { code_interpreter: { file_ids: [] } },
  }
}

/** A message written by the user (or an `assistant`-role message added through the API). */
export function buildInputMessage(input: {
  id: string
  threadId: string
  createdAt: number
  role: 'user' | 'assistant'
  content: MessageContent[]
  attachments: WireMessage['attachments']
  metadata: Record<string, string>
}): WireMessage {
  return {
    id: input.id,
    object: 'thread.message',
    created_at: input.createdAt,
    assistant_id: null,
    thread_id: input.threadId,
    run_id: null,
    status: 'completed',
    incomplete_details: null,
    incomplete_at: null,
    completed_at: input.createdAt,
    role: input.role,
    content: input.content,
    attachments: input.attachments,
    metadata: input.metadata,
  }
}

/** A message a run starts writing (status in_progress, no content yet). */
export function buildRunMessage(id: string, run: WireRun, createdAt: number): WireMessage {
  return {
    id,
    object: 'thread.message',
    created_at: createdAt,
    assistant_id: run.assistant_id,
    thread_id: run.thread_id,
    run_id: run.id,
    status: 'in_progress',
    incomplete_details: null,
    incomplete_at: null,
    completed_at: null,
    role: 'assistant',
    content: [],
    attachments: [],
    metadata: {},
  }
}

/** A new queued run. */
export function buildRun(input: {
  id: string
  threadId: string
  assistantId: string
  createdAt: number
  expiresAt: number
  settings: RunSettings
  toolResources: WireToolResources
}): WireRun {
  const { settings } = input
  return {
    id: input.id,
    object: 'thread.run',
    created_at: input.createdAt,
    assistant_id: input.assistantId,
    thread_id: input.threadId,
    status: 'queued',
    started_at: null,
    expires_at: input.expiresAt,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    required_action: null,
    last_error: null,
    model: settings.model,
    instructions: settings.instructions,
    tools: settings.tools,
    tool_resources: input.toolResources,
    metadata: settings.metadata,
    temperature: settings.temperature,
    top_p: settings.top_p,
    reasoning_effort: settings.reasoning_effort,
    max_completion_tokens: settings.max_completion_tokens,
    max_prompt_tokens: settings.max_prompt_tokens,
    truncation_strategy: settings.truncation_strategy,
    incomplete_details: null,
    usage: null,
    response_format: settings.response_format,
    tool_choice: settings.tool_choice,
    parallel_tool_calls: settings.parallel_tool_calls,
  }
}

/** A new in-progress run step. */
export function buildStep(
  id: string,
  run: WireRun,
  createdAt: number,
  details: WireRunStep['step_details'],
): WireRunStep {
  return {
    id,
    object: 'thread.run.step',
    created_at: createdAt,
    run_id: run.id,
    assistant_id: run.assistant_id,
    thread_id: run.thread_id,
    type: details.type,
    status: 'in_progress',
    cancelled_at: null,
    completed_at: null,
    expires_at: run.expires_at,
    failed_at: null,
    last_error: null,
    step_details: details,
    usage: null,
  }
}

/** The demo assistant (and the template for assistants created through the API). */
export function buildAssistant(input: {
  id: string
  createdAt: number
  name: string | null
  description: string | null
  model: string
  instructions: string | null
  tools: WireTool[]
  toolResources: WireToolResources | null
  metadata: Record<string, string>
  temperature: number | null
  top_p: number | null
  reasoning_effort: string | null
  response_format: WireAssistant['response_format']
}): WireAssistant {
  return {
    id: input.id,
    object: 'assistant',
    created_at: input.createdAt,
    name: input.name,
    description: input.description,
    model: input.model,
    instructions: input.instructions,
    tools: input.tools,
    top_p: input.top_p,
    temperature: input.temperature,
    reasoning_effort: input.reasoning_effort,
    tool_resources: input.toolResources as WireAssistant['tool_resources'],
    metadata: input.metadata,
    response_format: input.response_format ?? 'auto',
  }
}

/**
 * A step as a client sees it: file_search result `content` only when the request asked for it
 * with `include[]=step_details.tool_calls[*].file_search.results[*].content`.
 */
export function stepView(step: WireRunStep, includeFileSearchContent: boolean): WireRunStep {
  if (includeFileSearchContent || step.step_details.type !== 'tool_calls') return step
  const calls = step.step_details.tool_calls
  if (!calls.some((call) => call.type === 'file_search' && call.file_search.results?.length)) return step
  return {
    ...step,
    step_details: {
      type: 'tool_calls',
      tool_calls: calls.map((call) =>
        call.type === 'file_search' && call.file_search.results
          ? {
              ...call,
              file_search: {
                ...call.file_search,
                results: call.file_search.results.map(({ content: _content, ...rest }) => rest),
              },
            }
          : call,
      ),
    },
  }
}
