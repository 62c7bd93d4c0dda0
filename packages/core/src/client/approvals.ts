// Foundry's tool approvals on the client: the run waits for `submit_tool_approval`, answered on the
// same `submit_tool_outputs` endpoint with `tool_approvals` instead of `tool_outputs`.
import type { Run } from 'openai/resources/beta/threads/runs/runs'
import type { ToolApproval } from '../foundry-types.js'
import { openStream } from './lazy.js'
import type { RunEventStream } from './stream.js'
import type { RequestOptions, Transport } from './transport.js'

/** Body of an approval submission; `stream` is set by the method. */
export interface SubmitToolApprovalsBody {
  /** One decision per call the run waits for (`selectRequiredApprovals`). */
  tool_approvals: readonly ToolApproval[]
}

/** The approval methods of `client.runs` (Foundry classic agents). */
export interface ToolApprovalMethods {
  /** `POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs` with `tool_approvals`. */
  submitToolApprovals(
    threadId: string,
    runId: string,
    body: SubmitToolApprovalsBody,
    options?: RequestOptions,
  ): Promise<Run>
  /** `submitToolApprovals` with `stream: true`: the continuation stream of the run. */
  submitToolApprovalsStream(
    threadId: string,
    runId: string,
    body: SubmitToolApprovalsBody,
    options?: RequestOptions,
  ): Promise<RunEventStream>
}

/** Only the fields the wire knows, copied (a caller's extra keys never reach the server). */
export function approvalsBody(approvals: readonly ToolApproval[]): ToolApproval[] {
  return approvals.map(({ tool_call_id, approve, headers }) =>
    headers === undefined ? { tool_call_id, approve } : { tool_call_id, approve, headers },
  )
}

/** Builds the approval methods on the client's transport; `submitPath` names a run's submit URL. */
export function createToolApprovalMethods(
  transport: Transport,
  submitPath: (threadId: string, runId: string) => string,
): ToolApprovalMethods {
  const request = (threadId: string, runId: string, body: SubmitToolApprovalsBody, stream: boolean) => ({
    method: 'POST' as const,
    path: submitPath(threadId, runId),
    body: { tool_approvals: approvalsBody(body.tool_approvals), ...(stream ? { stream: true } : {}) },
  })
  return {
    async submitToolApprovals(threadId, runId, body, options) {
      const spec = request(threadId, runId, body, false)
      return (await transport.json<Run>({ ...spec, signal: options?.signal, headers: options?.headers })).data
    },
    submitToolApprovalsStream: (threadId, runId, body, options) =>
      openStream(transport, {
        ...request(threadId, runId, body, true),
        signal: options?.signal,
        headers: options?.headers,
      }),
  }
}
