export { createRunCallbacks, createRunStore, foldRunStream, reduceRun } from './all-wires.js'
export { selectHandledApprovals, selectRequiredApprovals } from './approvals.js'
export { assistantsParts } from './assistants/parts.js'
export type { AssistantsCallbackAdapter, AssistantsFold, AssistantsParts } from './assistants-parts.js'
export { ASSISTANTS_NOT_LOADED } from './assistants-parts.js'
export {
  createAssistantsRunCallbacks,
  createAssistantsRunStore,
  reduceAssistantsRun,
} from './assistants-wire.js'
export type { RunCallbacks, RunPartsSource } from './callbacks.js'
export { createRunCallbacksWithParts, needsSnapshots } from './callbacks.js'
export type { SubmitToolApprovalsBody, ToolApprovalMethods } from './client/approvals.js'
export type {
  FilesResource,
  IncludeOptions,
  MessagesResource,
  RunCreateBody,
  RunlineClient,
  RunsResource,
  RunUpdateBody,
  StepListQuery,
  StepsResource,
  SubmitToolOutputsBody,
  ThreadCreateAndRunBody,
  ThreadsResource,
} from './client/client.js'
export { createRunlineClient } from './client/client.js'
export type { RunlineErrorFields, RunlineErrorInit, RunlineErrorKind } from './client/errors.js'
export {
  asRunlineError,
  isAbortError,
  isRunlineError,
  RunlineError,
  refusal,
  runlineErrorFields,
} from './client/errors.js'
export { preloadRunStreamReader } from './client/lazy.js'
export type { CursorPage, CursorPageResponse, CursorQuery, PagePromise } from './client/pagination.js'
export type { PollOptions } from './client/poll.js'
export type {
  ConversationsResource,
  ResponseCreateBody,
  ResponseRetrieveOptions,
  ResponseStreamOptions,
  ResponsesResource,
} from './client/responses.js'
export { sleep } from './client/sleep.js'
export type { RunEventStream } from './client/stream.js'
export type { FetchLike, HeadersOption, RequestOptions, RunlineClientOptions } from './client/transport.js'
export type {
  ActivitiesStepDetails,
  ActivityFunctionArgument,
  ActivityFunctionDefinition,
  AnyToolCall,
  AzureAISearchToolCall,
  AzureFunctionToolCall,
  BingCustomSearchToolCall,
  BingGroundingToolCall,
  BrowserAutomationStep,
  BrowserAutomationToolCall,
  ConnectedAgentToolCall,
  DeepResearchToolCall,
  FabricDataAgentToolCall,
  FoundryRunStatus,
  FoundryStepDeltaDetails,
  FoundryToolCall,
  FoundryToolCallType,
  IncompleteRunDetails,
  McpListToolsActivity,
  McpToolCall,
  McpToolCallDelta,
  OpenApiToolCall,
  OpenApiToolCallDelta,
  RequiredApprovalCall,
  RequiredMcpToolCall,
  RunlineToolApprovalEvent,
  SharepointGroundingToolCall,
  SubmitToolApprovalAction,
  ToolApproval,
  UrlCitationAnnotation,
  UrlCitationDeltaAnnotation,
} from './foundry-types.js'
export type {
  ParseRunStreamOptions,
  RunEventDecoder,
  RunEventSink,
  RunStreamSource,
  StreamFormat,
} from './parse.js'
export { createRunEventDecoder, parseRunStream, readRunStream } from './parse.js'
export { initialRunState } from './reduce.js'
export { responsesParts } from './responses/parts.js'
export { selectResponsesRun } from './responses/run.js'
export type { ResponsesTimelineRow } from './responses/select.js'
export { selectResponses } from './responses/select.js'
export type {
  Response,
  ResponseError,
  ResponseOutputItem,
  ResponsePartialImage,
  ResponseState,
  ResponseStreamEvent,
  ResponsesStreamEvent,
  ResponseUsage,
} from './responses/types.js'
export type { ResponsesCallbackAdapter, ResponsesFold, ResponsesParts } from './responses-parts.js'
export { RESPONSES_NOT_LOADED } from './responses-parts.js'
export type { TimelineItem } from './selectors.js'
export {
  selectError,
  selectHandledToolCalls,
  selectIncompleteReason,
  selectMessages,
  selectMessageText,
  selectRequiredToolCalls,
  selectRetry,
  selectRun,
  selectRunSteps,
  selectStatus,
  selectThreadId,
  selectTimeline,
  selectUsage,
} from './selectors.js'
export type { RunUiStatus } from './status.js'
export {
  isActiveStatus,
  isTerminalStatus,
  STATUS_WORDS,
  statusWords,
  TERMINAL_RUN_STATUSES,
} from './status.js'
export { selectStepToolCalls } from './step-tool-calls.js'
export type { CommitScheduler, RunStore, RunStoreOptions } from './store.js'
export { createRunStoreWithParts } from './store.js'
export type {
  AssistantStreamEvent,
  DoneEvent,
  ErrorObject,
  Message,
  RequiredActionFunctionToolCall,
  Run,
  RunlineLifecycleEvent,
  RunlineStateError,
  RunRetry,
  RunState,
  RunStatus,
  RunStep,
  RunStreamEvent,
  StreamErrorEvent,
  StreamPhase,
  Text,
  Thread,
  ToolCall,
  UnknownStreamEvent,
} from './types.js'
