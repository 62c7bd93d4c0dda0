/**
 * The objects as they travel on the wire. They are the `openai` package's types, adjusted only
 * where every real recording disagrees with them (see packages/fixtures/real/SOURCES.md): run steps carry
 * `expires_at` (not `expired_at`) and no `metadata`; runs carry `tool_resources` and
 * `reasoning_effort`; usage has the 2025 `prompt_token_details` / `completion_tokens_details`.
 */
import { isTerminalStatus } from '@runline/core'
import type { Assistant, AssistantTool } from 'openai/resources/beta/assistants'
import type { Message } from 'openai/resources/beta/threads/messages'
import type { Run } from 'openai/resources/beta/threads/runs/runs'
import type { RunStep } from 'openai/resources/beta/threads/runs/steps'
import type { Thread } from 'openai/resources/beta/threads/threads'
import type { FileObject } from 'openai/resources/files'

/** Token usage as 2025 recordings print it. */
export interface WireUsage extends Run.Usage {
  prompt_token_details: { cached_tokens: number }
  completion_tokens_details: { reasoning_tokens: number }
}

/** `tool_resources` as runs and threads print it. */
export interface WireToolResources {
  code_interpreter?: { file_ids: string[] }
  file_search?: { vector_store_ids: string[] }
}

/** A run object as recorded (openai-dotnet 2025-10 field set and order). */
export type WireRun = Omit<Run, 'usage' | 'instructions' | 'metadata'> & {
  instructions: string | null
  metadata: Record<string, string>
  tool_resources: WireToolResources
  reasoning_effort: string | null
  usage: WireUsage | null
}

/** A run step object as recorded: `expires_at`, no `metadata`. */
export type WireRunStep = Omit<RunStep, 'expired_at' | 'metadata' | 'usage'> & {
  expires_at: number | null
  usage: WireUsage | null
}

/** A thread object as recorded. */
export type WireThread = Omit<Thread, 'metadata' | 'tool_resources'> & {
  metadata: Record<string, string>
  tool_resources: WireToolResources
}

/** A message object (the SDK type matches the recordings). */
export type WireMessage = Message

/** An assistant object. */
export type WireAssistant = Assistant & { reasoning_effort: string | null }

/** A file object. */
export type WireFile = FileObject

/** Tool definitions as assistants and runs print them. */
export type WireTool = AssistantTool

/** The assistant every simulator starts with. */
export const DEMO_ASSISTANT_ID = 'asst_runline_demo'

/** The demo assistant's instructions. */
export const DEMO_INSTRUCTIONS =
  "You are Runline's demo assistant. Answer briefly in Markdown. Use get_weather for weather questions, code_interpreter to calculate or plot, and file_search for questions about the docs."

/** The demo assistant's `get_weather` function tool. */
export const GET_WEATHER_TOOL: WireTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the current weather for a location.',
    parameters: {
      type: 'object',
      properties: {
        location: { type: 'string', description: 'City name, e.g. "Paris" or "San Francisco, CA".' },
        unit: {
          type: 'string',
          enum: ['c', 'f'],
          description: 'Temperature unit: c (Celsius) or f (Fahrenheit).',
        },
      },
      required: ['location'],
    },
    strict: false,
  },
}

/** A file_search tool definition as the 2025 recordings print it (with `hybrid_search`). */
export const FILE_SEARCH_TOOL = {
  type: 'file_search',
  file_search: { ranking_options: { ranker: 'default_2024_08_21', score_threshold: 0, hybrid_search: null } },
} as unknown as WireTool

/** Ranking options as the file_search step delta prints them (no `hybrid_search` there). */
export const FILE_SEARCH_RANKING = { ranker: 'default_2024_08_21', score_threshold: 0 } as const

/** Builds usage in the 2025 shape. */
export function makeUsage(promptTokens: number, completionTokens: number): WireUsage {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_token_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  }
}

/** Adds usages (the run's usage is the sum of its steps'). */
export function sumUsage(usages: ReadonlyArray<WireUsage | null>): WireUsage {
  let prompt = 0
  let completion = 0
  for (const usage of usages) {
    prompt += usage?.prompt_tokens ?? 0
    completion += usage?.completion_tokens ?? 0
  }
  return makeUsage(prompt, completion)
}

/** True once a run can no longer change (core's one list of terminal statuses). */
export const isTerminalRunStatus: (status: string) => boolean = isTerminalStatus
