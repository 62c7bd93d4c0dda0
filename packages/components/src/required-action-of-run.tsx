'use client'
// The tool-output form of a run, fed from the run itself. The form (with its validation) loads the
// first time a run requires action; until then only this reads the run.

import { selectRequiredToolCalls } from '@runline/core'
import { handleOf, type RunSource, useRunSelector } from '@runline/hooks'
import type { ReactNode } from 'react'
import { LazyToolCallForm } from './lazy-parts.js'
import type { ToolCallFormProps } from './required-action.js'

/** Props of {@link RequiredAction}. */
export interface RequiredActionProps extends Omit<ToolCallFormProps, 'calls' | 'handled' | 'onSubmit'> {
  /** The run: a handle with `submitToolOutputs` (and `handledToolCalls`), a store or a state. */
  run: RunSource
}

/**
 * The tool-output form for a run that requires action, fed from the run: its pending calls, the
 * calls client handlers answered, and `submitToolOutputs`. Renders nothing otherwise.
 */
export function RequiredAction({ run, ...props }: RequiredActionProps): ReactNode {
  const calls = useRunSelector(run, selectRequiredToolCalls)
  if (calls.length === 0) return null
  const handle = handleOf(run)
  const submit = handle?.submitToolOutputs
  return (
    <LazyToolCallForm
      // A new required action (new call ids) starts a fresh form.
      key={calls.map((call) => call.id).join(' ')}
      calls={calls}
      handled={handle?.handledToolCalls}
      onSubmit={submit ? (outputs) => submit.call(handle, outputs) : undefined}
      {...props}
    />
  )
}
