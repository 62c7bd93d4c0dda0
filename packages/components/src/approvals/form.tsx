import type { RequiredApprovalCall, ToolApproval } from '@runline/core'
import { type ComponentPropsWithoutRef, forwardRef, useId, useRef, useState } from 'react'
import { cx } from '../cx.js'
import { jsonText, textOf } from '../derive.js'
import { ShieldIcon } from '../icons.js'
import { prettyIfJson } from '../tool-calls.js'
import { ApprovalCountdown } from './countdown.js'
import { sha256Hex } from './hash.js'

/** One decision a person made in the form, for an app's audit log (`onDecision`). */
export interface ToolApprovalDecision {
  callId: string
  /** The tool's name on its MCP server. */
  tool: string
  serverLabel: string
  approve: boolean
  /** Who decided: the form's `decidedBy` (e.g. the signed-in user), when given. */
  by?: string
  /** When the decision was made (ms since the epoch). */
  at: number
  /** SHA-256 (hex) of the arguments string the person saw; null where WebCrypto is unavailable. */
  argumentsHash: string | null
}

/** Props of {@link ToolApprovalForm}. */
export interface ToolApprovalFormProps extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit'> {
  /** The calls awaiting approval (`selectRequiredApprovals`). */
  calls: readonly RequiredApprovalCall[]
  /** Calls an approval rule already decided: tool call id → approve. They need no decision. */
  handled?: Readonly<Record<string, boolean>>
  /** Sends every decision in one request. Without it the form is read-only. */
  onSubmit?: (approvals: ToolApproval[]) => Promise<unknown> | unknown
  /** Called once per decision a person made, after the decisions were sent. */
  onDecision?: (decision: ToolApprovalDecision) => void
  /** When the run expires (`run.expires_at`, Unix seconds): a countdown shows the time left. */
  expiresAt?: number | null
  /** Who is deciding, passed on as `by` in `onDecision`. */
  decidedBy?: string
}

type Phase = 'deciding' | 'submitting' | 'submitted' | 'failed'

const toolOf = (call: RequiredApprovalCall) => textOf(call.name) ?? 'tool'
const serverOf = (call: RequiredApprovalCall) => textOf(call.server_label) ?? 'MCP server'

/**
 * The approval form (Foundry MCP calls): per call its server label, tool name and arguments (pretty
 * JSON), with "Approve <tool>" and "Deny <tool>" buttons; "Approve all" when several wait. Once every
 * call has a decision they are sent together, since the API takes them in one request; a second
 * click sends nothing. Calls an approval rule decided show as decided and go along. A countdown shows
 * the time left before the run expires. One `form` with `data-state` = deciding | submitting |
 * submitted | failed; each call is a `fieldset` with `data-state` = pending | approved | denied.
 */
export const ToolApprovalForm = forwardRef<HTMLFormElement, ToolApprovalFormProps>(function ToolApprovalForm(
  { calls, handled, onSubmit, onDecision, expiresAt, decidedBy, className, ...props },
  ref,
) {
  const id = useId()
  const [decisions, setDecisions] = useState<Record<string, { approve: boolean; at: number }>>({})
  const [phase, setPhase] = useState<Phase>('deciding')
  const [submitError, setSubmitError] = useState<string | null>(null)
  // A ref, not state: two clicks in one frame both see the state from before the first.
  const inFlight = useRef(false)
  const pending = calls.filter((call) => typeof handled?.[call.id] !== 'boolean')
  const busy = phase === 'submitting' || phase === 'submitted'
  const readOnly = !onSubmit

  const send = async (chosen: Record<string, { approve: boolean; at: number }>) => {
    if (inFlight.current || !onSubmit || phase === 'submitted') return
    if (!pending.every((call) => chosen[call.id])) return
    inFlight.current = true
    setPhase('submitting')
    setSubmitError(null)
    const approvals = calls.map((call) => ({
      tool_call_id: call.id,
      approve: chosen[call.id]?.approve ?? handled?.[call.id] === true,
    }))
    // Hashed while the request is on its way; reported once it went through.
    const hashes = Promise.all(pending.map((call) => sha256Hex(jsonText(call.arguments) ?? '')))
    try {
      await onSubmit(approvals)
      setPhase('submitted')
    } catch (error) {
      inFlight.current = false
      setPhase('failed')
      setSubmitError(error instanceof Error ? error.message : String(error))
      return
    }
    const argumentsHashes = await hashes.catch(() => pending.map(() => null))
    pending.forEach((call, i) => {
      const { approve, at } = chosen[call.id]!
      onDecision?.({
        callId: call.id,
        tool: toolOf(call),
        serverLabel: serverOf(call),
        approve,
        ...(decidedBy !== undefined ? { by: decidedBy } : {}),
        at,
        argumentsHash: argumentsHashes[i] ?? null,
      })
    })
  }

  const decide = (callIds: readonly string[], approve: boolean) => {
    if (busy || readOnly || inFlight.current) return
    const at = Date.now()
    const next = { ...decisions }
    for (const callId of callIds) next[callId] = { approve, at }
    setDecisions(next)
    if (phase === 'failed') setPhase('deciding')
    void send(next)
  }

  const undecided = pending.filter((call) => !decisions[call.id])
  return (
    <form
      ref={ref}
      className={cx('rl-form rl-approvals', className)}
      data-state={phase}
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => event.preventDefault()}
      noValidate
      {...props}
    >
      <div className="rl-form__head">
        <span className="rl-form__icon" aria-hidden="true">
          <ShieldIcon />
        </span>
        <div>
          <p id={`${id}-title`} className="rl-form__title">
            Approval needed
          </p>
          <p className="rl-form__hint">
            {pending.length === 0
              ? 'Every call was decided by the app. Send the decisions to continue the run.'
              : `The run waits for ${pending.length === 1 ? 'one decision' : `${pending.length} decisions`} before it calls ${pending.length === 1 ? 'this tool' : 'these tools'}.`}
          </p>
        </div>
        <ApprovalCountdown expiresAt={expiresAt} className="rl-approvals__countdown" />
      </div>
      {calls.map((call, index) => {
        const tool = toolOf(call)
        const byRule = handled?.[call.id]
        const decision = typeof byRule === 'boolean' ? byRule : decisions[call.id]?.approve
        const argsId = `${id}-${index}-args`
        return (
          <fieldset
            key={call.id}
            className="rl-form__call rl-approval"
            data-state={decision === undefined ? 'pending' : decision ? 'approved' : 'denied'}
            disabled={busy}
          >
            <legend className="rl-form__legend">
              <span className="rl-approval__server">{serverOf(call)}</span>
              <span aria-hidden="true"> / </span>
              <code>{tool}</code>
            </legend>
            <div className="rl-form__args">
              <span className="rl-tool__label">Arguments</span>
              <pre className="rl-code" id={argsId}>
                <code>{prettyIfJson(jsonText(call.arguments) ?? '')}</code>
              </pre>
            </div>
            {typeof byRule === 'boolean' ? (
              <span className="rl-chip" data-state={byRule ? 'handled' : 'failed'}>
                {byRule ? 'Approved by the app' : 'Denied by the app'}
              </span>
            ) : (
              <div className="rl-approval__actions">
                <button
                  type="button"
                  className="rl-button rl-button--approve"
                  aria-pressed={decision === true}
                  aria-describedby={argsId}
                  disabled={busy || readOnly}
                  onClick={() => decide([call.id], true)}
                >
                  Approve {tool}
                </button>
                <button
                  type="button"
                  className="rl-button rl-button--deny"
                  aria-pressed={decision === false}
                  aria-describedby={argsId}
                  disabled={busy || readOnly}
                  onClick={() => decide([call.id], false)}
                >
                  Deny {tool}
                </button>
              </div>
            )}
          </fieldset>
        )
      })}
      {submitError && (
        <div role="alert" className="rl-alert" data-tone="danger">
          <p className="rl-alert__line">Could not send the decisions: {submitError}</p>
        </div>
      )}
      <div className="rl-form__actions">
        {readOnly && <span className="rl-muted">Read-only: this view cannot send decisions.</span>}
        {phase === 'submitting' && <span className="rl-spinner" aria-hidden="true" />}
        {phase === 'submitted' && <span className="rl-muted">Decisions sent.</span>}
        {phase === 'failed' && (
          <button type="button" className="rl-button" onClick={() => void send(decisions)}>
            Send again
          </button>
        )}
        {undecided.length > 1 && (
          <button
            type="button"
            className="rl-button rl-button--primary"
            disabled={busy || readOnly}
            onClick={() =>
              decide(
                undecided.map((call) => call.id),
                true,
              )
            }
          >
            Approve all
          </button>
        )}
        {pending.length === 0 && (
          <button
            type="button"
            className="rl-button rl-button--primary"
            disabled={busy || readOnly}
            onClick={() => void send({})}
          >
            Send decisions
          </button>
        )}
      </div>
    </form>
  )
})
