// Apart from selectors.ts so that the Assistants callback half (a chunk loaded with the wire) can read
// a step's calls without importing the selectors: a lazy chunk that imports them makes a bundler
// (Vite 8's Rolldown) split the modules they share with the start chunk into extra start chunks.
import type { AnyToolCall } from './foundry-types.js'
import { isRecord } from './merge.js'
import type { RunStep } from './types.js'

const NO_CALLS: never[] = Object.freeze([]) as never[]

/**
 * The tool calls of a step's details, whatever the details' `type` says: a Foundry step delta types
 * them `mcp` or `openapi` (and, merged, that type replaces `tool_calls` until the step completes).
 */
export function selectStepToolCalls(step: RunStep | null | undefined): AnyToolCall[] {
  const details: unknown = step?.step_details
  if (!isRecord(details) || !Array.isArray(details.tool_calls)) return NO_CALLS
  return details.tool_calls as AnyToolCall[]
}
