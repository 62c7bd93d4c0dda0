// Client tool handlers: run once per required action, their outputs recorded in the run state
// (`runline.tool_output`), and the submits already sent for an action, so a second one sends nothing.
import type { RequiredActionFunctionToolCall, RunState, RunStreamEvent } from '@runline/core'
import {
  mergeToolOutputs,
  requiredActionKey,
  runToolHandler,
  type ToolHandlers,
  type ToolOutput,
  UNHANDLED,
} from '../tool-calls.js'
import { oncePerAction } from './once-per-action.js'

/** The tool runner of one controller. */
export interface ToolRunner {
  /**
   * Runs the handlers of a required action in parallel, once per action. Resolves with every output
   * when all calls are handled, else null (the UI answers the rest).
   */
  run(
    runId: string,
    calls: readonly RequiredActionFunctionToolCall[],
    signal: AbortSignal,
  ): Promise<ToolOutput[] | null>
  /** Handlers still running for the current action (their outputs join a UI submit). */
  running(): Promise<unknown> | undefined
  /** The submit already sent for this action, if any. */
  submitted(key: string): Promise<RunState> | undefined
  /**
   * The latest submit since the runner was cleared (a new run, another run resumed), if any: a click
   * while the continuation streams. Not by run id: a Responses turn's next response has a new one.
   */
  latestSubmit(): Promise<RunState> | undefined
  /** Remembers a submit for its action until it fails. */
  remember(key: string, done: Promise<RunState>): void
  /** A new run: forget every action. */
  clear(): void
}

/** Creates the runner; `tools()` gives the latest handlers, `dispatch` records outputs. */
export function createToolRunner(
  tools: () => {
    tools?: ToolHandlers
    onToolError?: (error: unknown, call: RequiredActionFunctionToolCall) => void
  },
  dispatch: (event: RunStreamEvent) => void,
): ToolRunner {
  const action = oncePerAction<ToolOutput[]>()
  const sent = new Map<string, Promise<RunState>>()

  return {
    async run(runId, calls, signal) {
      const { tools: handlers = {}, onToolError } = tools()
      const mine = calls.filter((call) => typeof handlers[call.function.name] === 'function')
      if (mine.length === 0) return null
      // Aborted handlers (unmount, cancel) leave no trace: a later resume runs them again.
      const outputs = await action.run(requiredActionKey(runId, calls), signal, async () => {
        const done = await Promise.all(
          mine.map(async (call): Promise<ToolOutput | null> => {
            const output = await runToolHandler(handlers[call.function.name]!, call, signal, onToolError)
            if (output === UNHANDLED) return null
            if (!signal.aborted)
              dispatch({ event: 'runline.tool_output', data: { tool_call_id: call.id, output } })
            return { tool_call_id: call.id, output }
          }),
        )
        return done.filter((output) => output !== null)
      })
      if (!outputs || outputs.length !== calls.length) return null
      return mergeToolOutputs(calls, {}, outputs)
    },
    running: () => action.current(),
    submitted: (key) => sent.get(key),
    latestSubmit() {
      let latest: Promise<RunState> | undefined
      for (const done of sent.values()) latest = done
      return latest
    },
    remember(key, done) {
      sent.set(key, done)
      done.catch(() => sent.delete(key))
    },
    clear() {
      sent.clear()
      action.clear()
    },
  }
}
