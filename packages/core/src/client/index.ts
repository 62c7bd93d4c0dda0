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
} from './client.js'
export { createRunlineClient } from './client.js'
export type { RunlineErrorInit, RunlineErrorKind } from './errors.js'
export { isRunlineError, RunlineError } from './errors.js'
export type { CursorPage, CursorPageResponse, CursorQuery } from './pagination.js'
export { PagePromise } from './pagination.js'
export type { PollOptions } from './poll.js'
export { DEFAULT_POLL_INTERVAL_MS, POLL_STOP_STATUSES } from './poll.js'
export type { RunEventStream } from './stream.js'
export type { FetchLike, HeadersOption, RequestOptions, RunlineClientOptions } from './transport.js'
