// The timeline: headless parts (one DOM node each, state as `data-state`, props spread onto the
// node) and the styled default built from them, assembled here into the `RunTimeline` namespace.

import { RequiredApprovals } from '../approvals/required-approvals.js'
import { LazyCodeInterpreter, LazyFileSearch, LazyMcpTools, LazyToolCall } from '../lazy-parts.js'
import { ToolCard } from '../tool-card.js'
import { Cancel } from './cancel.js'
import { ErrorPart } from './error.js'
import { Log } from './log.js'
import { MessagePart } from './message.js'
import { Root } from './root.js'
import { Status } from './status-badge.js'
import { Step } from './step.js'
import { RunTimelineDefault } from './styled.js'
import { UsagePart } from './usage.js'

export type { CancelProps } from './cancel.js'
export type { ErrorProps, RunProblem } from './error.js'
export { runProblems } from './error.js'
export { itemKind } from './item.js'
export type { LogProps, WindowingOptions } from './log.js'
export type { MessageProps } from './message.js'
export type { RootProps } from './root.js'
export type { StatusProps } from './status-badge.js'
export type { StepProps } from './step.js'
export { StepContent } from './step.js'
export type { RunTimelineProps } from './styled.js'
export type { Usage, UsageProps } from './usage.js'

/**
 * `<RunTimeline run={...} />`, the styled default, with the headless parts attached for custom
 * layouts: `RunTimeline.Root`, `.Log`, `.Step`, `.Message`, `.ToolCall`, `.CodeInterpreter`,
 * `.FileSearch`, `.ToolCard` (any other tool type: Foundry's cards), `.McpTools`, `.Status`,
 * `.Usage`, `.Error`, `.Cancel`, `.Approvals`.
 */
export const RunTimeline = Object.assign(RunTimelineDefault, {
  Root,
  Log,
  Step,
  Message: MessagePart,
  ToolCall: LazyToolCall,
  CodeInterpreter: LazyCodeInterpreter,
  FileSearch: LazyFileSearch,
  ToolCard,
  McpTools: LazyMcpTools,
  Status,
  Usage: UsagePart,
  Error: ErrorPart,
  Cancel,
  Approvals: RequiredApprovals,
})
