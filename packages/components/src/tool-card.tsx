import type { AnyToolCall } from '@runline/core'
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from 'react'
import { cx } from './cx.js'
import { textOf } from './derive.js'
import { LazyKitToolCard } from './lazy-parts.js'
import type { StepStatus } from './step-words.js'
import { usePartSettings } from './timeline-context.js'

/** Props of `RunTimeline.ToolCard`. */
export interface ToolCardProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** A tool call of any type but `function`, `code_interpreter` and `file_search` (they have parts). */
  call: AnyToolCall
  /** The status of its step; default `in_progress`. */
  stepStatus?: StepStatus
  children?: ReactNode
}

/**
 * A tool call drawn by the card for its type: `toolCards` from the Root or provider first, then the
 * kit's cards (Foundry's `mcp`, `openapi`, `bing_grounding`, `azure_ai_search`, …), then a generic
 * card with the raw JSON, so an unknown type is still shown. One `div` with `data-type` = the call's
 * type and `data-state` = its step's status.
 */
export const ToolCard = forwardRef<HTMLDivElement, ToolCardProps>(function ToolCard(
  { call, stepStatus = 'in_progress', className, children, ...props },
  ref,
) {
  const { toolCards } = usePartSettings()
  const type = textOf((call as { type?: unknown })?.type) ?? 'unknown'
  // Own keys only: a type named like an Object.prototype member ("toString") is just unknown.
  const render = Object.hasOwn(toolCards, type) ? toolCards[type] : undefined
  const info = { stepStatus }
  // The kit's cards (and the generic one) load the first time a run shows one.
  return (
    <div
      ref={ref}
      className={cx('rl-tool rl-tool--card', className)}
      data-type={type}
      data-state={stepStatus}
      {...props}
    >
      {children ?? (render ? render(call, info) : <LazyKitToolCard call={call} info={info} />)}
    </div>
  )
})
