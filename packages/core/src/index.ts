export type { RunCallbacks } from './callbacks.js'
export { createRunCallbacks, foldRunStream } from './callbacks.js'
export type {
  CursorPage,
  CursorPageResponse,
  CursorQuery,
  FetchLike,
  FilesResource,
  HeadersOption,
  IncludeOptions,
  MessagesResource,
  PollOptions,
  RequestOptions,
  RunCreateBody,
  RunEventStream,
  RunlineClient,
  RunlineClientOptions,
  RunlineErrorInit,
  RunlineErrorKind,
  RunsResource,
  RunUpdateBody,
  StepListQuery,
  StepsResource,
  SubmitToolOutputsBody,
  ThreadCreateAndRunBody,
  ThreadsResource,
} from './client/index.js'
export {
  createRunlineClient,
  DEFAULT_POLL_INTERVAL_MS,
  isRunlineError,
  PagePromise,
  POLL_STOP_STATUSES,
  RunlineError,
} from './client/index.js'
export { DeltaError, MAX_ARRAY_GROWTH, mergeDelta } from './merge.js'
export type { ParseRunStreamOptions, RunEventSink, RunStreamSource, StreamFormat } from './parse.js'
export {
  createRunEventDecoder,
  eventFromSse,
  parseRunStream,
  readRunStream,
  streamFormatOf,
} from './parse.js'
export type { RunFolder } from './reduce.js'
export { createRunFolder, initialRunState, reduceRun } from './reduce.js'
export type { TimelineItem } from './selectors.js'
export {
  selectError,
  selectMessages,
  selectMessageText,
  selectRequiredToolCalls,
  selectRun,
  selectRunSteps,
  selectStatus,
  selectThreadId,
  selectTimeline,
  selectUsage,
} from './selectors.js'
export type { CommitScheduler, RunStore, RunStoreOptions } from './store.js'
export { createRunStore } from './store.js'
export type {
  AssistantStreamEvent,
  DoneEvent,
  ErrorObject,
  Message,
  RequiredActionFunctionToolCall,
  Run,
  RunlineLifecycleEvent,
  RunlineStateError,
  RunState,
  RunStatus,
  RunStep,
  RunStreamEvent,
  RunUiStatus,
  StreamErrorEvent,
  StreamPhase,
  Text,
  Thread,
  ToolCall,
  UnknownStreamEvent,
} from './types.js'
