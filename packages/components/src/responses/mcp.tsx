'use client'
// The Responses wire's MCP items: `mcp_list_tools` (through Foundry's `RunTimeline.McpTools`),
// `mcp_call` and `mcp_approval_request`. The approval form itself is `RequiredApprovals`, which reads
// core's `selectRequiredApprovals`; the request's row only says whether it still waits.
import type { McpListToolsActivity, RunState } from '@runline/core'
import { selectRequiredApprovals } from '@runline/core'
import { useRunSelector } from '@runline/hooks'
import { type ReactNode, useMemo } from 'react'
import type { ToolCardInfo } from '../context.js'
import { McpTools } from '../foundry/activity.js'
import { CardHead, CodeText, RawJson, Section } from '../foundry/card-parts.js'
import { PlugIcon } from '../icons.js'
import { useTimelineSourceOrEmpty } from '../timeline-context.js'
import { partStatus } from './part-status.js'

type Json = Readonly<Record<string, unknown>>

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/** An `mcp_list_tools` item as Foundry's activity (tools by name, `input_schema` as parameters). */
export function ResponsesMcpTools({ item }: { item: Json }): ReactNode {
  const activity = useMemo((): McpListToolsActivity => {
    const tools: Record<string, McpListToolsActivity['tools'][string]> = {}
    for (const tool of Array.isArray(item.tools) ? item.tools : []) {
      if (typeof tool?.name !== 'string') continue
      tools[tool.name] = { description: tool.description ?? undefined, parameters: tool.input_schema ?? {} }
    }
    return {
      type: 'mcp_list_tools',
      id: str(item.id) ?? '',
      server_label: str(item.server_label) ?? '',
      tools,
    }
  }, [item])
  return (
    <>
      <McpTools activity={activity} />
      {str(item.error) && <p className="rl-step__error">{str(item.error)}</p>}
    </>
  )
}

/** An `mcp_call` item: server label, tool name, arguments (as they stream), then its output or error. */
export function ResponsesMcpCall({ item }: { item: Json }): ReactNode {
  const info: ToolCardInfo = { stepStatus: str(item.error) ? 'failed' : partStatus(item) }
  const server = str(item.server_label)
  return (
    <div className="rl-tool rl-tool--card" data-type="mcp_call" data-state={info.stepStatus}>
      <CardHead
        icon={<PlugIcon />}
        title="MCP"
        name={str(item.name)}
        info={info}
        note={server && <span title="MCP server">{server}</span>}
      />
      <Section label="Arguments">
        <CodeText text={str(item.arguments)} />
      </Section>
      <Section label="Output">
        <CodeText text={str(item.output)} output />
      </Section>
      <Section label="Error">
        {str(item.error) && <p className="rl-step__error">{str(item.error)}</p>}
      </Section>
      <RawJson value={item} />
    </div>
  )
}

// The turn's approval decisions by request id, from the `mcp_approval_response` items its responses
// were begun with (`ResponseState.input`: sent live, or read from the conversation); keyed on the
// `responses` array, which the reducer replaces whenever anything changes.
const decisionsByList = new WeakMap<object, Readonly<Record<string, boolean>>>()
const NO_DECISIONS: Readonly<Record<string, boolean>> = Object.freeze({})
function selectApprovalDecisions(state: RunState): Readonly<Record<string, boolean>> {
  const list = state.responses
  if (!list || list.length === 0) return NO_DECISIONS
  let decisions = decisionsByList.get(list)
  if (!decisions) {
    const found: Record<string, boolean> = {}
    for (const rs of list) {
      for (const input of rs.input ?? []) {
        if (input.type === 'mcp_approval_response' && typeof input.approval_request_id === 'string')
          found[input.approval_request_id] = input.approve === true
      }
    }
    decisions = Object.keys(found).length ? found : NO_DECISIONS
    decisionsByList.set(list, decisions)
  }
  return decisions
}

const decisionWords = (decision: boolean | undefined): string =>
  decision === undefined ? 'Answered' : decision ? 'Approved' : 'Denied'

/**
 * An `mcp_approval_request` item: which tool on which server, with what arguments, and whether the
 * turn still waits for the decision (`data-state` = waiting | answered); once answered, the decision
 * where the state knows it (`data-decision` = approved | denied).
 */
export function ResponsesMcpApproval({ item }: { item: Json }): ReactNode {
  const source = useTimelineSourceOrEmpty()
  const pending = useRunSelector(source, selectRequiredApprovals)
  const decisions = useRunSelector(source, selectApprovalDecisions)
  const waiting = pending.some((call) => call.id === item.id)
  const id = str(item.id)
  const decision = !waiting && id !== null && Object.hasOwn(decisions, id) ? decisions[id] : undefined
  const server = str(item.server_label)
  return (
    <div
      className="rl-tool rl-tool--card"
      data-type="mcp_approval_request"
      data-state={waiting ? 'waiting' : 'answered'}
      data-decision={decision === undefined ? undefined : decision ? 'approved' : 'denied'}
    >
      <div className="rl-tool__head">
        <span className="rl-tool__icon">
          <PlugIcon />
        </span>
        <span className="rl-tool__title">Approval</span>
        {str(item.name) && <code className="rl-tool__name">{str(item.name)}</code>}
        <span className="rl-chip" data-state={waiting ? 'requires_action' : 'neutral'}>
          {waiting ? 'Waiting for approval' : decisionWords(decision)}
        </span>
        {server && (
          <span className="rl-tool__note" title="MCP server">
            {server}
          </span>
        )}
      </div>
      <Section label="Arguments">
        <CodeText text={str(item.arguments)} />
      </Section>
    </div>
  )
}
