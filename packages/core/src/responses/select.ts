// Selectors of the Responses wire. Each returns the same reference while its inputs are unchanged.
import type { AnyToolCall, RequiredApprovalCall } from '../foundry-types.js'
import { memoOn as memo } from '../memo.js'
import { isRecord } from '../merge.js'
import type { RequiredActionFunctionToolCall, Run, RunState } from '../types.js'
import type { Response, ResponseOutputItem, ResponseState } from './types.js'

const EMPTY: never[] = Object.freeze([]) as never[]
const NO_RESPONSES: readonly ResponseState[] = EMPTY

type Json = Record<string, any>

/** The concatenated `output_text` parts of the message items: openai-node's `output_text`. */
function outputTextOf(output: readonly (ResponseOutputItem | undefined)[]): string {
  let text = ''
  for (const item of output) {
    if (item?.type !== 'message' || !Array.isArray(item.content)) continue
    for (const part of item.content) {
      if (part?.type === 'output_text' && typeof part.text === 'string') text += part.text
    }
  }
  return text
}

/** One response as openai-node's `accumulateResponse` folds it from the same events. */
export const responseOf: (rs: ResponseState) => Response = memo((rs: ResponseState) => {
  const output = rs.output.includes(undefined) ? rs.output.filter((item) => item !== undefined) : rs.output
  return {
    ...rs.response,
    output: output as ResponseOutputItem[],
    output_text: rs.outputText ?? outputTextOf(rs.output),
  }
})

const responsesOf = memo((list: readonly ResponseState[]) =>
  list.length === 0 ? EMPTY : list.map(responseOf),
)

/**
 * The responses of the run (one user turn) in order, each as openai-node's `accumulateResponse`
 * folds it from that response's own events (`output_text` included). Empty on the Assistants wire.
 */
export function selectResponses(state: RunState): Response[] {
  return responsesOf(state.responses ?? NO_RESPONSES)
}

/** True when the state holds Responses-wire responses (the Responses selectors apply). */
export function hasResponses(state: RunState): boolean {
  return (state.responses?.length ?? 0) > 0
}

function lastOf(state: RunState): ResponseState | undefined {
  const list = state.responses
  return list && list.length > 0 ? list[list.length - 1] : undefined
}

/**
 * True once the last response has ended. Until then a run store's batch may still write the list
 * in place (its pending state reaches the callback adapter), so a derivation memoized on the list
 * would outlive the events after it: the calls and approvals a turn waits for are read from an
 * ended response's list only (none wait before).
 */
function ended(state: RunState): boolean {
  const status = lastOf(state)?.response.status
  return status === 'completed' || status === 'failed' || status === 'incomplete' || status === 'cancelled'
}

/**
 * Call ids answered within the turn (`function_call_output` items a response echoed or was sent
 * with, `ResponseState.input`), and approvals answered.
 */
const answeredIn = memo((list: readonly ResponseState[]) => {
  const calls = new Set<string>()
  const approvals = new Set<string>()
  for (const rs of list) {
    for (const item of [...(rs.input ?? EMPTY), ...rs.output] as readonly (Json | undefined)[]) {
      if (item?.type === 'function_call_output' && typeof item.call_id === 'string') calls.add(item.call_id)
      if (item?.type === 'mcp_approval_response' && typeof item.approval_request_id === 'string')
        approvals.add(item.approval_request_id)
    }
  }
  return { calls, approvals }
})

const callsOf = memo((list: readonly ResponseState[]): RequiredActionFunctionToolCall[] => {
  const rs = list[list.length - 1]
  if (rs?.response.status !== 'completed') return EMPTY
  const { calls } = answeredIn(list)
  const out: RequiredActionFunctionToolCall[] = []
  for (const item of rs.output as readonly (Json | undefined)[]) {
    if (item?.type !== 'function_call' || typeof item.call_id !== 'string' || item.call_id === '') continue
    if (calls.has(item.call_id)) continue
    out.push({
      id: item.call_id,
      type: 'function',
      function: { name: String(item.name ?? ''), arguments: String(item.arguments ?? '') },
    })
  }
  return out.length === 0 ? EMPTY : out
})

const approvalsOf = memo((list: readonly ResponseState[]): RequiredApprovalCall[] => {
  const rs = list[list.length - 1]
  if (rs?.response.status !== 'completed') return EMPTY
  const { approvals } = answeredIn(list)
  const out: RequiredApprovalCall[] = []
  for (const item of rs.output as readonly (Json | undefined)[]) {
    if (item?.type !== 'mcp_approval_request' || typeof item.id !== 'string' || item.id === '') continue
    if (approvals.has(item.id)) continue
    out.push({
      id: item.id,
      type: 'mcp',
      name: String(item.name ?? ''),
      arguments: String(item.arguments ?? ''),
      server_label: String(item.server_label ?? ''),
    })
  }
  return out.length === 0 ? EMPTY : out
})

/**
 * True when the last response completed with function calls or approval requests nothing in the turn
 * answered: the turn waits for the client (whether or not the client then cancelled it).
 */
export function isResponsesTurnWaiting(state: RunState): boolean {
  if (!ended(state)) return false
  const list = state.responses ?? NO_RESPONSES
  return callsOf(list).length > 0 || approvalsOf(list).length > 0
}

/**
 * The last response's function calls the turn waits for, in the Assistants form (`id` is the
 * `call_id`); none once the client cancelled the turn.
 */
export function selectResponsesToolCalls(state: RunState): RequiredActionFunctionToolCall[] {
  return ended(state) && !state.cancelRequested ? callsOf(state.responses ?? NO_RESPONSES) : EMPTY
}

/** The last response's MCP approval requests no `mcp_approval_response` answered in the turn; none once cancelled. */
export function selectResponsesApprovals(state: RunState): RequiredApprovalCall[] {
  return ended(state) && !state.cancelRequested ? approvalsOf(state.responses ?? NO_RESPONSES) : EMPTY
}

function sumUsage(list: readonly ResponseState[]): Run.Usage | null {
  let total: Run.Usage | null = null
  for (const rs of list) {
    const usage: unknown = rs.response.usage
    if (!isRecord(usage)) continue
    total ??= { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }
    total.prompt_tokens += tokens(usage.input_tokens)
    total.completion_tokens += tokens(usage.output_tokens)
    total.total_tokens += tokens(usage.total_tokens)
  }
  return total
}

// Keyed on the responses' own objects, which the fold replaces and never writes in place (unlike
// the list while its last response is in flight).
const usageByLast = new WeakMap<object, { responses: readonly object[]; usage: Run.Usage | null }>()
function usageOf(list: readonly ResponseState[]): Run.Usage | null {
  if (list.length === 0) return null
  const key = list[list.length - 1]!.response
  const cached = usageByLast.get(key)
  if (cached?.responses.length === list.length && cached.responses.every((r, i) => r === list[i]!.response))
    return cached.usage
  const usage = sumUsage(list)
  usageByLast.set(key, { responses: list.map((rs) => rs.response), usage })
  return usage
}

function tokens(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/** The turn's token usage summed over its responses (input → prompt, output → completion), else null. */
export function selectResponsesUsage(state: RunState): Run.Usage | null {
  return usageOf(state.responses ?? NO_RESPONSES)
}

const errorOf = memo((error: object): { code: string; message: string } => {
  const { code, message } = error as { code?: unknown; message?: unknown }
  return {
    code: typeof code === 'string' ? code : 'response_error',
    message: typeof message === 'string' ? message : 'The response failed.',
  }
})

/** The last response's own `error` (a failed response), else null. */
export function selectResponsesError(state: RunState): { code: string; message: string } | null {
  const error: unknown = lastOf(state)?.response.error
  return isRecord(error) ? errorOf(error) : null
}

/** One timeline row per output item of the turn's responses, in order (see `TimelineItem.item`). */
export interface ResponsesTimelineRow {
  id: string
  step: null
  message: null
  toolCalls: AnyToolCall[]
  item: ResponseOutputItem
}

const rowsByItem = new WeakMap<object, ResponsesTimelineRow>()

const timelineOf = memo((list: readonly ResponseState[]): ResponsesTimelineRow[] => {
  const rows: ResponsesTimelineRow[] = []
  list.forEach((rs, r) => {
    rs.output.forEach((item, i) => {
      if (!isRecord(item)) return
      const id = `response-${r}-item-${i}`
      let row = rowsByItem.get(item)
      if (!row || row.id !== id) {
        row = { id, step: null, message: null, toolCalls: EMPTY, item }
        rowsByItem.set(item, row)
      }
      rows.push(row)
    })
  })
  return rows.length === 0 ? EMPTY : rows
})

/** The turn's output items as timeline rows; a row keeps its object while its item is unchanged. */
export function selectResponsesTimeline(state: RunState): ResponsesTimelineRow[] {
  return timelineOf(state.responses ?? NO_RESPONSES)
}
