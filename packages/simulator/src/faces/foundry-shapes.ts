/**
 * Foundry's wire shapes, after the Azure.AI.Agents TypeSpec (`ThreadRun`, `RunStep`, `Agent`): a run
 * has no `reasoning_effort` and no `required_action` key unless it waits for one; a step has
 * `expired_at` and `metadata` (not the recordings' `expires_at`), and no `usage` key until it has
 * usage (server-side tool steps never do); usage has the three token counts only; a message delta
 * says its `role`.
 */
import type { WireUsage } from '../wire.js'
import type { FaceShapes } from './threads-api.js'

const usageOf = (usage: WireUsage | null) =>
  usage && {
    prompt_tokens: usage.prompt_tokens,
    completion_tokens: usage.completion_tokens,
    total_tokens: usage.total_tokens,
  }

/** The Foundry face's shapes of the engine's records. */
export const FOUNDRY_SHAPES: FaceShapes = {
  run: (run) => ({
    id: run.id,
    object: run.object,
    created_at: run.created_at,
    assistant_id: run.assistant_id,
    thread_id: run.thread_id,
    status: run.status,
    started_at: run.started_at,
    expires_at: run.expires_at,
    cancelled_at: run.cancelled_at,
    failed_at: run.failed_at,
    completed_at: run.completed_at,
    ...(run.required_action ? { required_action: run.required_action } : {}),
    last_error: run.last_error,
    model: run.model,
    instructions: run.instructions ?? '',
    tools: run.tools,
    tool_resources: run.tool_resources,
    metadata: run.metadata,
    temperature: run.temperature,
    top_p: run.top_p,
    max_completion_tokens: run.max_completion_tokens,
    max_prompt_tokens: run.max_prompt_tokens,
    truncation_strategy: run.truncation_strategy,
    incomplete_details: run.incomplete_details,
    usage: usageOf(run.usage),
    response_format: run.response_format,
    tool_choice: run.tool_choice,
    parallel_tool_calls: run.parallel_tool_calls,
  }),
  step: (step) => ({
    id: step.id,
    object: step.object,
    created_at: step.created_at,
    run_id: step.run_id,
    assistant_id: step.assistant_id,
    thread_id: step.thread_id,
    type: step.type,
    status: step.status,
    cancelled_at: step.cancelled_at,
    completed_at: step.completed_at,
    // When it expired: at the run's deadline, which the step record keeps.
    expired_at: step.status === 'expired' ? step.expires_at : null,
    failed_at: step.failed_at,
    last_error: step.last_error,
    step_details: step.step_details,
    ...(step.usage ? { usage: usageOf(step.usage) } : {}),
    metadata: {},
  }),
  message: (message) => message,
  thread: (thread) => thread,
  // The spec's MessageDelta requires `role` (OpenAI's deltas leave it out).
  messageDelta: (chunk) => ({ ...chunk, delta: { role: 'assistant', ...chunk.delta } }),
  assistant: (assistant) => ({
    id: assistant.id,
    object: assistant.object,
    created_at: assistant.created_at,
    name: assistant.name,
    description: assistant.description,
    model: assistant.model,
    instructions: assistant.instructions,
    tools: assistant.tools,
    top_p: assistant.top_p,
    temperature: assistant.temperature,
    tool_resources: assistant.tool_resources,
    metadata: assistant.metadata,
    response_format: assistant.response_format,
  }),
}
