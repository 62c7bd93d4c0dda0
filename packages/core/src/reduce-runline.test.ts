import { describe, expect, it } from 'vitest'
import { selectHandledApprovals } from './approvals.js'
import { initialRunState } from './reduce.js'
import { reduceToolApproval } from './reduce-runline.js'

describe('reduceToolApproval', () => {
  it('records a decision by call id; the same decision again changes nothing', () => {
    const once = reduceToolApproval(initialRunState, { tool_call_id: 'call_1', approve: true })
    expect(selectHandledApprovals(once)).toEqual({ call_1: true })
    expect(reduceToolApproval(once, { tool_call_id: 'call_1', approve: true })).toBe(once)
    const changed = reduceToolApproval(once, { tool_call_id: 'call_1', approve: false })
    expect(selectHandledApprovals(changed)).toEqual({ call_1: false })
    const two = reduceToolApproval(changed, { tool_call_id: 'call_2', approve: true })
    expect(selectHandledApprovals(two)).toEqual({ call_1: false, call_2: true })
    expect(initialRunState.handledApprovals).toBeUndefined()
  })

  it('refuses junk into state.error and keeps the decisions', () => {
    const once = reduceToolApproval(initialRunState, { tool_call_id: 'call_1', approve: true })
    for (const junk of [
      null,
      {},
      { tool_call_id: 'x', approve: 'yes' },
      { tool_call_id: '', approve: true },
    ]) {
      const next = reduceToolApproval(once, junk)
      expect(next.error).toMatchObject({ code: 'invalid_event', source: 'input' })
      expect(next.handledApprovals).toBe(once.handledApprovals)
    }
    const proto = reduceToolApproval(once, { tool_call_id: '__proto__', approve: true })
    expect(proto.error?.source).toBe('input')
    expect(Object.getPrototypeOf(proto.handledApprovals)).toBe(Object.prototype)
  })
})
