// Tool approvals through the controller: the real parser, reducer, controller and Assistants wire,
// against a fake Foundry server that speaks spec-shaped SSE (core's Foundry event builders).
import {
  initialRunState,
  isRunlineError,
  type RunStreamEvent,
  reduceRun,
  selectHandledApprovals,
  selectRequiredApprovals,
  selectStatus,
  selectStepToolCalls,
} from '@runline/core'
import { describe, expect, it } from 'vitest'
import { APPROVAL_CALLS } from '../../../core/src/test-utils/foundry.js'
import { createFoundryFake } from '../test-utils/foundry-fake.js'
import { createRunController } from './run-controller.js'

const [search, fetchPage] = APPROVAL_CALLS as [(typeof APPROVAL_CALLS)[0], (typeof APPROVAL_CALLS)[0]]

// Decisions a rule made are kept in the run state once core's reducer hands `runline.tool_approval`
// to `reduceToolApproval`; until then the UI decides every call (see the README).
const reducerRecordsApprovals =
  reduceRun(initialRunState, {
    event: 'runline.tool_approval',
    data: { tool_call_id: 'x', approve: true },
  } as unknown as RunStreamEvent).handledApprovals !== undefined

function controllerOn(
  fake: ReturnType<typeof createFoundryFake>,
  approve?: Parameters<typeof createRunController>[0]['approve'],
) {
  return createRunController({
    client: fake.client,
    assistantId: 'asst_fdry_docs',
    scheduler: 'sync',
    approve,
  })
}

describe('tool approvals from the UI', () => {
  it('start stops at the approval; one submit sends every decision as tool_approvals and streams on', async () => {
    const fake = createFoundryFake()
    const controller = controllerOn(fake)
    const waiting = await controller.start({ message: 'How do approvals work?' })
    expect(selectStatus(waiting)).toBe('requires_action')
    expect(selectRequiredApprovals(waiting)).toEqual(APPROVAL_CALLS)

    const done = await controller.submitToolApprovals([
      { tool_call_id: fetchPage.id, approve: false },
      { tool_call_id: search.id, approve: true },
    ])
    expect(selectStatus(done)).toBe('completed')
    expect(fake.submits()).toHaveLength(1)
    // In the run's order, and without a `tool_outputs` key.
    expect(fake.submits()[0]!.body).toEqual({
      tool_approvals: [
        { tool_call_id: search.id, approve: true },
        { tool_call_id: fetchPage.id, approve: false },
      ],
      stream: true,
    })
    const outputs = selectStepToolCalls(done.steps.step_mcp).map(
      (call) => (call as { output: string }).output,
    )
    expect(outputs[1]).toMatch(/not approved/)
    expect(done.error).toBeNull()
  })

  it('a double click sends once: both submits resolve with the same state', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const fake = createFoundryFake({ beforeSubmit: () => held })
    const controller = controllerOn(fake)
    await controller.start({ message: 'approve twice' })
    const approvals = APPROVAL_CALLS.map((call) => ({ tool_call_id: call.id, approve: true }))
    const first = controller.submitToolApprovalsOrThrow(approvals)
    const second = controller.submitToolApprovalsOrThrow(approvals)
    release()
    const [a, b] = await Promise.all([first, second])
    expect(a).toBe(b)
    expect(fake.submits()).toHaveLength(1)
    // A click after the run moved on is the same answer too, still nothing sent.
    expect(await controller.submitToolApprovalsOrThrow(approvals)).toBe(a)
    expect(fake.submits()).toHaveLength(1)
  })

  it('refuses, sending nothing, a submit that leaves a call undecided or names another call', async () => {
    const fake = createFoundryFake()
    const controller = controllerOn(fake)
    await controller.start({ message: 'refuse' })
    const missing = await controller
      .submitToolApprovalsOrThrow([{ tool_call_id: search.id, approve: true }])
      .catch((e: unknown) => e)
    expect(isRunlineError(missing) && missing.code).toBe('missing_tool_approvals')
    const unknown = await controller
      .submitToolApprovalsOrThrow([
        ...APPROVAL_CALLS.map((call) => ({ tool_call_id: call.id, approve: true })),
        { tool_call_id: 'call_other', approve: true },
      ])
      .catch((e: unknown) => e)
    expect(isRunlineError(unknown) && unknown.code).toBe('unknown_tool_call')
    expect(fake.submits()).toHaveLength(0)
    // A refusal keeps the run waiting and is in the state's error.
    expect(selectStatus(controller.getState())).toBe('requires_action')
    expect(controller.getState().error).toMatchObject({ code: 'unknown_tool_call', kind: 'refused' })
    // Tool outputs are not what this run waits for.
    const outputs = await controller.submitToolOutputsOrThrow([]).catch((e: unknown) => e)
    expect(isRunlineError(outputs) && outputs.code).toBe('no_required_action')
  })
})

describe('the approve rule', () => {
  it('deciding every call answers the run by itself, in one submit', async () => {
    const fake = createFoundryFake()
    const seen: string[] = []
    const controller = controllerOn(fake, async (call) => {
      seen.push(`${call.server_label}/${call.name}`)
      return call.name === 'search_docs'
    })
    const state = await controller.start({ message: 'rules decide' })
    expect(seen).toEqual(['runline_docs/search_docs', 'runline_docs/fetch_page'])
    expect(selectStatus(state)).toBe('completed')
    expect(fake.submits().map((r) => r.body?.tool_approvals)).toEqual([
      [
        { tool_call_id: search.id, approve: true },
        { tool_call_id: fetchPage.id, approve: false },
      ],
    ])
  })

  it('a rule that asks (or throws) leaves the call to the UI and sends nothing', async () => {
    const fake = createFoundryFake()
    const controller = controllerOn(fake, (call) => {
      if (call.name === 'fetch_page') throw new Error('rule broke')
      return 'ask'
    })
    const state = await controller.start({ message: 'ask me' })
    expect(selectStatus(state)).toBe('requires_action')
    expect(fake.submits()).toHaveLength(0)
  })

  it.runIf(reducerRecordsApprovals)(
    'decisions it made are in the run state and go out with the UI submit',
    async () => {
      const fake = createFoundryFake()
      const controller = controllerOn(fake, (call) => (call.name === 'search_docs' ? true : 'ask'))
      const state = await controller.start({ message: 'half and half' })
      expect(selectStatus(state)).toBe('requires_action')
      expect(selectHandledApprovals(state)).toEqual({ [search.id]: true })
      const done = await controller.submitToolApprovals([{ tool_call_id: fetchPage.id, approve: false }])
      expect(selectStatus(done)).toBe('completed')
      expect(fake.submits()[0]!.body?.tool_approvals).toEqual([
        { tool_call_id: search.id, approve: true },
        { tool_call_id: fetchPage.id, approve: false },
      ])
    },
  )
})
