/**
 * @runline/hooks: React hooks for live Assistants runs (a core run store per run, read through
 * selectors), run history (React Query) and tool outputs.
 */
export type { RunlineError } from '@runline/core'
export { isRunlineError } from '@runline/core'
export type { ApprovalDecision, ApprovalRule, ApprovalRuleContext } from './approvals.js'
export { assistantsHistory, groupThreadTurns } from './assistants-history.js'
export type { ResumeOptions, RunControllerOptions, StartMessage, StartParams } from './controller/options.js'
export { createRunController, RunController } from './controller/run-controller.js'
export { invalidateRunQueries } from './invalidate.js'
export { runlineKeys } from './keys.js'
export type { RunlineProviderProps } from './provider.js'
export { RunlineProvider, useRunlineClient } from './provider.js'
export type {
  ListPage,
  ListQuery,
  RunRef,
  UpdateRunVariables,
  UseRunOptions,
} from './queries.js'
export {
  useCancelRun,
  useConversationItems,
  useCreateThread,
  useRun,
  useRunSteps,
  useRuns,
  useThreadMessages,
  useThreads,
  useUpdateRun,
} from './queries.js'
export { groupConversationTurns, responsesHistory } from './responses-history.js'
export type { PointerStorage, RunPointer } from './resume-storage.js'
export type { RunHandleLike, RunSource } from './run-source.js'
export { handleOf, storeOf, useRunSelector } from './run-source.js'
export type { ThreadWire } from './thread-histories.js'
export { threadHistories } from './thread-histories.js'
export type {
  AssistantTurn,
  NewestFirstList,
  ThreadHistory,
  ThreadHistoryOptions,
  ThreadHistorySource,
  ThreadSendContext,
  ThreadTurn,
  ThreadTurnStart,
  UserTurn,
} from './thread-history.js'
export { keepTurns, useListHistory } from './thread-history.js'
export type { ToolHandler, ToolHandlerContext, ToolHandlers, ToolOutput } from './tool-calls.js'
export { UNHANDLED } from './tool-calls.js'
export type { RunHandle, SelectedRunHandle, UseRunStreamOptions } from './use-run-stream.js'
export { useRunStream } from './use-run-stream.js'
export type { RunThreadRun, RunThreadState, UseRunThreadOptions } from './use-run-thread.js'
export { useRunThread } from './use-run-thread.js'
export { useSubmitToolApprovals } from './use-submit-tool-approvals.js'
export { useSubmitToolOutputs } from './use-submit-tool-outputs.js'
