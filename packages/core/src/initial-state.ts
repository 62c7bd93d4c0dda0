// The run state before any event: where every run store and reducer starts.
import type { RunState } from './types.js'

/** The state before any event: no run, no steps, no messages, stream idle. */
export const initialRunState: RunState = Object.freeze({
  threadId: null,
  run: null,
  steps: Object.freeze({}),
  stepIds: Object.freeze([]),
  messages: Object.freeze({}),
  messageIds: Object.freeze([]),
  phase: 'idle',
  error: null,
  handledToolCalls: Object.freeze({}),
  retry: null,
  responses: Object.freeze([]),
  cancelRequested: false,
  pendingInput: null,
}) as RunState
