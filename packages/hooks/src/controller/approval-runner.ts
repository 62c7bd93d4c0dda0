// An app's approval rule, run once per required action; the decisions it makes are recorded in the
// run state (`runline.tool_approval`), so the UI shows them and its submit carries them along.
import type { RequiredApprovalCall, RunlineToolApprovalEvent, ToolApproval } from '@runline/core'
import { type ApprovalRule, decideApproval, mergeToolApprovals } from '../approvals.js'
import { requiredActionKey } from '../tool-calls.js'
import { oncePerAction } from './once-per-action.js'

/** The approval runner of one controller. */
export interface ApprovalRunner {
  /**
   * Asks the rule about every call of an approval action, once per action. Resolves with every
   * approval when the rule decided all calls, else null (a person decides the rest).
   */
  run(
    runId: string,
    calls: readonly RequiredApprovalCall[],
    signal: AbortSignal,
  ): Promise<ToolApproval[] | null>
  /** The rule still deciding the current action (its decisions join a UI submit). */
  running(): Promise<unknown> | undefined
  /** A new run: forget every action. */
  clear(): void
}

/** Creates the runner; `options()` gives the latest rule, `record` puts a decision in the run state. */
export function createApprovalRunner(
  options: () => { approve?: ApprovalRule },
  record: (event: RunlineToolApprovalEvent) => void,
): ApprovalRunner {
  const action = oncePerAction<ToolApproval[]>()

  return {
    async run(runId, calls, signal) {
      const rule = options().approve
      if (!rule || calls.length === 0) return null
      // Aborted rules (unmount, cancel) leave no trace: a later resume asks them again.
      const approvals = await action.run(requiredActionKey(runId, calls), signal, async () => {
        const all = await Promise.all(
          calls.map(async (call): Promise<ToolApproval | null> => {
            const decision = await decideApproval(rule, call, signal)
            if (typeof decision !== 'boolean' || signal.aborted) return null
            record({ event: 'runline.tool_approval', data: { tool_call_id: call.id, approve: decision } })
            return { tool_call_id: call.id, approve: decision }
          }),
        )
        return all.filter((approval) => approval !== null)
      })
      if (!approvals || approvals.length !== calls.length) return null
      return mergeToolApprovals(calls, {}, approvals)
    },
    running: () => action.current(),
    clear: () => action.clear(),
  }
}
