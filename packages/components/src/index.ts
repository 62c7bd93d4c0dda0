/**
 * @runline/components: RunTimeline, tool-call forms, run status and usage: headless parts (one DOM
 * node each, state as `data-state`) and a styled default. Import `@runline/components/styles.css`
 * for the default look.
 */

export type { ApprovalCountdownProps } from './approvals/countdown.js'
export { ApprovalCountdown } from './approvals/countdown.js'
export type { ToolApprovalDecision, ToolApprovalFormProps } from './approvals/form.js'
export { ToolApprovalForm } from './approvals/form.js'
export { sha256Hex } from './approvals/hash.js'
export type { RequiredApprovalsProps } from './approvals/required-approvals.js'
export { RequiredApprovals } from './approvals/required-approvals.js'
export type { Citation } from './cited-content.js'
export { prepareCitations } from './cited-content.js'
export type {
  FileUrl,
  FunctionCallState,
  RunlineComponentsSettings,
  ToolCardInfo,
  ToolCardRenderer,
  ToolCards,
  ToolRenderer,
  ToolRenderers,
  ToolRenderInfo,
} from './context.js'
export { defaultFileUrl, RunlineComponentsProvider, useRunlineSettings } from './context.js'
export type { McpToolsProps } from './foundry/activity.js'
export type { JsonSchemaSubset, JsonType } from './json-schema.js'
export { validateJson } from './json-schema.js'
export { preloadRunTimelineParts } from './lazy-parts.js'
export type { CitationRenderer, MarkdownProps } from './markdown.js'
export { Markdown, safeHref, splitMarkdownBlocks } from './markdown.js'
export type { MessageContentProps } from './message-content.js'
export { MessageContent } from './message-content.js'
export type { ArgumentsCache, PartialJsonStatus } from './partial-json.js'
export { createArgumentsCache, formatPartialJson, PartialJsonParser } from './partial-json.js'
export type { OutputSchemas, ToolCallFormProps } from './required-action.js'
export { ToolCallForm, validateOutput } from './required-action.js'
export type { RequiredActionProps } from './required-action-of-run.js'
export { RequiredAction } from './required-action-of-run.js'
export type { RunListProps } from './run-widgets.js'
export { RunList } from './run-widgets.js'
export type { StepStatus } from './step-words.js'
export type {
  ComposerHintProps,
  ComposerInputProps,
  ComposerProps,
  ComposerSendProps,
  DefaultComposerProps,
  EmptyProps,
  LiveProps,
  LiveRow,
  LoadEarlierProps,
  LoadingProps,
  RunThreadContextValue,
  RunThreadProps,
  RunThreadRootProps,
  ThreadErrorProps,
  ThreadRow,
  TurnProps,
  UserMessageProps,
  ViewportProps,
} from './thread/index.js'
export { RunThread, renderThreadRow, useRunThreadContext } from './thread/index.js'
export type {
  CancelProps,
  ErrorProps,
  LogProps,
  MessageProps,
  RootProps,
  RunProblem,
  RunTimelineProps,
  StatusProps,
  StepProps,
  Usage,
  UsageProps,
  WindowingOptions,
} from './timeline/index.js'
export { RunTimeline, StepContent } from './timeline/index.js'
export type { RunStatusBadgeProps } from './timeline/status-badge.js'
export { RunStatusBadge } from './timeline/status-badge.js'
export type { RunUsageProps } from './timeline/usage.js'
export { RunUsage } from './timeline/usage.js'
export type { CodeInterpreterProps, FileSearchProps, ToolCallProps } from './tool-calls.js'
export type { ToolCardProps } from './tool-card.js'
export { warmUpRunTimeline } from './warm-up.js'
