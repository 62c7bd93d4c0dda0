// Tool approvals (Foundry classic agents): an app's rule that decides some calls by itself, and the
// one list of approvals a submit sends.
import { type RequiredApprovalCall, refusal, type ToolApproval } from '@runline/core'

/** What an approval rule answers for one call: approve, deny, or leave it to a person (`'ask'`). */
export type ApprovalDecision = boolean | 'ask'

/** What an approval rule receives besides the call. */
export interface ApprovalRuleContext {
  /** Aborted when the run is cancelled, disconnected, reset or the component unmounts. */
  signal: AbortSignal
}

/**
 * An app's rule for calls awaiting approval, e.g. approve read-only tools of a trusted server:
 * `(call) => call.server_label === 'docs' && call.name.startsWith('search') ? true : 'ask'`.
 * `true` / `false` answer the call without asking; `'ask'` (or a rule that throws) leaves it to the UI.
 */
export type ApprovalRule = (
  call: RequiredApprovalCall,
  context: ApprovalRuleContext,
) => ApprovalDecision | Promise<ApprovalDecision>

/** Runs a rule for one call; a rule that throws, or answers anything but a boolean, asks. */
export async function decideApproval(
  rule: ApprovalRule,
  call: RequiredApprovalCall,
  signal: AbortSignal,
): Promise<ApprovalDecision> {
  try {
    const decision = await rule(call, { signal })
    return typeof decision === 'boolean' ? decision : 'ask'
  } catch {
    return 'ask'
  }
}

/**
 * One approval per pending call, in the run's order: the caller's decision wins, else the one a rule
 * made. Refuses (throws, nothing is sent) when a pending call has no decision or an approval names a
 * call the run is not waiting for.
 */
export function mergeToolApprovals(
  calls: readonly RequiredApprovalCall[],
  handled: Readonly<Record<string, boolean>>,
  approvals: readonly ToolApproval[],
): ToolApproval[] {
  const given = new Map(approvals.map((approval) => [approval.tool_call_id, approval]))
  const pending = new Set(calls.map((call) => call.id))
  const unknown = approvals.filter((a) => !pending.has(a.tool_call_id)).map((a) => a.tool_call_id)
  if (unknown.length > 0) {
    throw refusal(
      'unknown_tool_call',
      `The run is not waiting for approval of ${unknown.join(', ')}; nothing was sent.`,
      'tool_approvals',
    )
  }
  const missing = calls.filter((call) => !given.has(call.id) && typeof handled[call.id] !== 'boolean')
  if (missing.length > 0) {
    const names = missing.map((call) => `${call.name} (${call.id})`).join(', ')
    throw refusal(
      'missing_tool_approvals',
      `No decision for ${names}; every pending call needs an approval or a denial, so nothing was sent.`,
      'tool_approvals',
    )
  }
  return calls.map(
    (call) => given.get(call.id) ?? { tool_call_id: call.id, approve: handled[call.id] === true },
  )
}
