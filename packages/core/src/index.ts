export type { RunCallbacks } from './callbacks.js'
export { createRunCallbacks, foldRunStream } from './callbacks.js'
export { DeltaError, MAX_ARRAY_GROWTH, mergeDelta } from './merge.js'
export type { ParseRunStreamOptions, StreamFormat } from './parse.js'
export { eventFromSse, parseRunStream, streamFormatOf } from './parse.js'
export { initialRunState, reduceRun } from './reduce.js'
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
