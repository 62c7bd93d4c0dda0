'use client'
import type { RunlineError, RunState, ToolApproval } from '@runline/core'
import { type UseMutationResult, useMutation } from '@tanstack/react-query'
import { runlineKeys } from './keys.js'
import type { RunHandle } from './use-run-stream.js'

/**
 * The React Query mutation for tool approvals (Foundry): one request with a decision for every call
 * awaiting approval (merged with what the `approve` rule decided), the continuation streamed into the
 * handle's store. Refuses with a `RunlineError` (`code: 'missing_tool_approvals'`), sending nothing,
 * when a pending call has no decision; a second submit for the same required action (double click)
 * sends nothing and resolves with the first one's result.
 */
export function useSubmitToolApprovals(
  handle: Pick<RunHandle, 'controller'>,
): UseMutationResult<RunState, RunlineError, readonly ToolApproval[]> {
  const controller = handle.controller
  return useMutation<RunState, RunlineError, readonly ToolApproval[]>({
    mutationKey: [...runlineKeys.all, 'submitToolApprovals'],
    mutationFn: (approvals) => controller.submitToolApprovalsOrThrow(approvals),
  })
}
