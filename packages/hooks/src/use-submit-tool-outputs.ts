'use client'
import type { RunlineError, RunState } from '@runline/core'
import { type UseMutationResult, useMutation } from '@tanstack/react-query'
import { runlineKeys } from './keys.js'
import type { ToolOutput } from './tool-calls.js'
import type { RunHandle } from './use-run-stream.js'

/**
 * The React Query mutation for tool outputs: one request with every output (merged with what client
 * handlers produced), the continuation streamed into the handle's store. Refuses with a
 * `RunlineError` (`code: 'missing_tool_outputs'`), sending nothing, when a pending call has no
 * output; a second submit for the same required action (double click) sends nothing and resolves
 * with the first one's result.
 */
export function useSubmitToolOutputs(
  handle: Pick<RunHandle, 'controller'>,
): UseMutationResult<RunState, RunlineError, readonly ToolOutput[]> {
  const controller = handle.controller
  return useMutation<RunState, RunlineError, readonly ToolOutput[]>({
    mutationKey: [...runlineKeys.all, 'submitToolOutputs'],
    mutationFn: (outputs) => controller.submitToolOutputsOrThrow(outputs),
  })
}
