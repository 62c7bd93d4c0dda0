'use client'

import type { RequiredActionFunctionToolCall } from '@runline/core'
import type { ToolOutput } from '@runline/hooks'
import {
  type ChangeEvent,
  type ComponentPropsWithoutRef,
  type FormEvent,
  forwardRef,
  useId,
  useRef,
  useState,
} from 'react'
import { cx } from './cx.js'
import { jsonText, textOf } from './derive.js'
import { type JsonSchemaSubset, validateJson } from './json-schema.js'
import { prettyIfJson } from './tool-calls.js'

/** Per-tool output schemas, by function name. */
export type OutputSchemas = Readonly<Record<string, JsonSchemaSubset>>

/** Props of {@link ToolCallForm}. */
export interface ToolCallFormProps extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit'> {
  /** The pending function calls (`selectRequiredToolCalls`). */
  calls: readonly RequiredActionFunctionToolCall[]
  /** Calls a client-side handler already answered: tool call id → output. They need no input. */
  handled?: Readonly<Record<string, string>>
  /** Sends every output in one request. Without it the form is read-only. */
  onSubmit?: (outputs: ToolOutput[]) => Promise<unknown> | unknown
  /** Optional JSON Schema (subset) per function name that its output must match. */
  outputSchemas?: OutputSchemas
}

/** Why an output cannot be sent yet, or null when it can. */
export function validateOutput(text: string, schema: JsonSchemaSubset | undefined): string | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const looksLikeJson = trimmed.startsWith('{') || trimmed.startsWith('[')
  if (!looksLikeJson && !schema) return null
  let value: unknown
  try {
    value = JSON.parse(trimmed)
  } catch (error) {
    if (!looksLikeJson) return 'Expected JSON that matches the output schema.'
    return `Not valid JSON: ${(error as Error).message}`
  }
  if (!schema) return null
  const problems = validateJson(value, schema)
  return problems.length ? `Does not match the output schema: ${problems.join('; ')}.` : null
}

function functionName(call: RequiredActionFunctionToolCall): string {
  return textOf(call.function?.name) ?? 'function'
}

/** Arguments of a call as a short one-line summary (what tells two calls of one function apart). */
function argumentsSummary(args: string): string {
  try {
    const value = JSON.parse(args) as unknown
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.entries(value)
        .map(([key, v]) => `${key}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(', ')
    }
    return JSON.stringify(value)
  } catch {
    return args
  }
}

/**
 * The tool-output form: one fieldset per pending function call with its name, parsed arguments and a
 * textarea labelled "Output for <name>" (JSON-aware: text starting with `{` or `[` must parse, and an
 * output schema, if given, must match), and one "Submit tool outputs" button, since the API takes all
 * outputs in one request. The button stays disabled until every output is filled and valid, and while
 * submitting; a second click sends nothing. Calls answered by client handlers show as handled and are
 * sent with the rest. One `form` with `data-state` = editing | submitting | submitted | failed.
 */
export const ToolCallForm = forwardRef<HTMLFormElement, ToolCallFormProps>(function ToolCallForm(
  { calls, handled, onSubmit, outputSchemas, className, ...props },
  ref,
) {
  const id = useId()
  const [values, setValues] = useState<Record<string, string>>({})
  const [phase, setPhase] = useState<'editing' | 'submitting' | 'submitted' | 'failed'>('editing')
  const [submitError, setSubmitError] = useState<string | null>(null)
  const inFlight = useRef(false)

  const rows = calls.map((call, index) => {
    const name = functionName(call)
    const handledOutput = handled?.[call.id]
    const value = handledOutput ?? values[call.id] ?? ''
    const error = handledOutput === undefined ? validateOutput(value, outputSchemas?.[name]) : null
    const sameName = calls.filter((other) => functionName(other) === name)
    return {
      call,
      index,
      name,
      args: jsonText(call.function?.arguments) ?? '',
      handledOutput,
      value,
      error,
      nth: sameName.indexOf(call) + 1,
      of: sameName.length,
    }
  })
  const ready = rows.every((row) => row.value.trim() !== '' && row.error === null)
  const busy = phase === 'submitting' || phase === 'submitted'
  const pendingCount = rows.filter((row) => row.handledOutput === undefined).length

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    // A ref, not state: two clicks in one frame both see the state from before the first.
    if (inFlight.current || !ready || !onSubmit || phase === 'submitted') return
    inFlight.current = true
    setPhase('submitting')
    setSubmitError(null)
    try {
      await onSubmit(rows.map((row) => ({ tool_call_id: row.call.id, output: row.value })))
      setPhase('submitted')
    } catch (error) {
      inFlight.current = false
      setPhase('failed')
      setSubmitError(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <form
      ref={ref}
      className={cx('rl-form', className)}
      data-state={phase}
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      noValidate
      {...props}
    >
      <div className="rl-form__head">
        <span className="rl-form__icon" aria-hidden="true">
          !
        </span>
        <div>
          <p id={`${id}-title`} className="rl-form__title">
            Tool outputs needed
          </p>
          <p className="rl-form__hint">
            {pendingCount === 0
              ? 'Every call was handled by the app. Send the outputs to continue the run.'
              : `The run is waiting for ${pendingCount === 1 ? 'one output' : `${pendingCount} outputs`}. They are sent together.`}
          </p>
        </div>
      </div>
      {rows.map((row) => {
        const fieldId = `${id}-${row.index}`
        const argsId = `${fieldId}-args`
        const errorId = `${fieldId}-error`
        return (
          <fieldset
            key={row.call.id}
            className="rl-form__call"
            data-state={
              row.handledOutput !== undefined
                ? 'handled'
                : row.error
                  ? 'invalid'
                  : row.value
                    ? 'filled'
                    : 'empty'
            }
            disabled={busy}
          >
            <legend className="rl-form__legend">
              <code>{row.name}</code>
              {row.of > 1 && (
                <span className="rl-form__nth">
                  call {row.nth} of {row.of}
                </span>
              )}
            </legend>
            <div className="rl-form__args">
              <span className="rl-tool__label">Arguments</span>
              <pre className="rl-code">
                <code>{prettyIfJson(row.args)}</code>
              </pre>
              <p id={argsId} className="rl-visually-hidden">
                {`Call ${row.call.id} with ${argumentsSummary(row.args)}`}
              </p>
            </div>
            {row.handledOutput !== undefined ? (
              <div className="rl-form__handled">
                <span className="rl-chip" data-state="handled">
                  Handled by the app
                </span>
                <pre className="rl-code rl-code--output">
                  <code>{prettyIfJson(row.handledOutput)}</code>
                </pre>
              </div>
            ) : (
              <div className="rl-field">
                <label htmlFor={fieldId} className="rl-field__label">
                  Output for {row.name}
                </label>
                <textarea
                  id={fieldId}
                  className="rl-field__input"
                  rows={3}
                  spellCheck={false}
                  value={row.value}
                  placeholder={outputSchemas?.[row.name] ? 'JSON matching the output schema' : 'Text or JSON'}
                  aria-describedby={row.error ? `${argsId} ${errorId}` : argsId}
                  aria-invalid={row.error ? true : undefined}
                  aria-errormessage={row.error ? errorId : undefined}
                  onChange={(event: ChangeEvent<HTMLTextAreaElement>) => {
                    const text = event.target.value
                    setValues((prev) => ({ ...prev, [row.call.id]: text }))
                    if (phase === 'failed') setPhase('editing')
                  }}
                />
                {row.error && (
                  <p id={errorId} className="rl-field__error">
                    {row.error}
                  </p>
                )}
              </div>
            )}
          </fieldset>
        )
      })}
      {submitError && (
        <div role="alert" className="rl-alert" data-tone="danger">
          <p className="rl-alert__line">Could not submit the tool outputs: {submitError}</p>
        </div>
      )}
      <div className="rl-form__actions">
        {!onSubmit && <span className="rl-muted">Read-only: this view cannot send outputs.</span>}
        {phase === 'submitted' && <span className="rl-muted">Outputs sent.</span>}
        <button type="submit" className="rl-button rl-button--primary" disabled={!ready || busy || !onSubmit}>
          {phase === 'submitting' ? <span className="rl-spinner" aria-hidden="true" /> : null}
          Submit tool outputs
        </button>
      </div>
    </form>
  )
})
