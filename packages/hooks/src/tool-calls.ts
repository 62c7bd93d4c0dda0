import type { RequiredActionFunctionToolCall } from '@runline/core'
import { refusal } from '@runline/core'

/** One entry of `submit_tool_outputs`. */
export interface ToolOutput {
  tool_call_id: string
  output: string
}

/** What a client tool handler receives besides the parsed arguments. */
export interface ToolHandlerContext {
  /** Aborted when the run is cancelled, disconnected, reset or the component unmounts. */
  signal: AbortSignal
}

/**
 * What a handler returns to leave one call to the UI (e.g. a weather tool that only knows some
 * places): the call stays pending, and the UI's submit carries the other handlers' outputs with it.
 */
export const UNHANDLED: unique symbol = Symbol.for('runline.unhandled')

/**
 * A client-side implementation of a function tool. It gets the parsed `arguments` (the raw string
 * when they are not JSON) and returns the output: a string is sent as is, anything else as JSON,
 * {@link UNHANDLED} leaves the call to the UI.
 */
export type ToolHandler = (
  args: any,
  call: RequiredActionFunctionToolCall,
  context: ToolHandlerContext,
) => unknown

/** Client tool handlers by function name, e.g. `{ get_weather: async ({ location }) => ... }`. */
export type ToolHandlers = Readonly<Record<string, ToolHandler>>

/** Identifies one required action: the run and the exact set of calls it waits for (outputs or approvals). */
export function requiredActionKey(runId: string, calls: readonly { id: string }[]): string {
  return `${runId}:${calls
    .map((call) => call.id)
    .sort()
    .join(',')}`
}

function parseArguments(raw: string): unknown {
  try {
    return JSON.parse(raw === '' ? '{}' : raw)
  } catch {
    return raw
  }
}

/** A handler's return value as the wire's string output. */
export function outputToString(value: unknown): string {
  if (typeof value === 'string') return value
  return JSON.stringify(value ?? null) ?? 'null'
}

/**
 * Runs one handler. A handler that throws does not stop the run: its call gets
 * `{"error": "<message>"}` as output, so the model can tell the user what went wrong.
 */
export async function runToolHandler(
  handler: ToolHandler,
  call: RequiredActionFunctionToolCall,
  signal: AbortSignal,
  onToolError?: (error: unknown, call: RequiredActionFunctionToolCall) => void,
): Promise<string | typeof UNHANDLED> {
  try {
    const output = await handler(parseArguments(call.function.arguments), call, { signal })
    return output === UNHANDLED ? UNHANDLED : outputToString(output)
  } catch (error) {
    onToolError?.(error, call)
    return JSON.stringify({ error: error instanceof Error ? error.message : String(error) })
  }
}

/**
 * One output per pending call, in the run's order: the caller's output wins, else the one a client
 * handler produced. Refuses (throws, nothing is sent) when a pending call has no output or an output
 * names a call the run is not waiting for.
 */
export function mergeToolOutputs(
  calls: readonly RequiredActionFunctionToolCall[],
  handled: Readonly<Record<string, string>>,
  outputs: readonly ToolOutput[],
): ToolOutput[] {
  const given = new Map(outputs.map((output) => [output.tool_call_id, output.output]))
  const pending = new Set(calls.map((call) => call.id))
  const unknown = outputs.filter((output) => !pending.has(output.tool_call_id)).map((o) => o.tool_call_id)
  if (unknown.length > 0) {
    throw refusal(
      'unknown_tool_call',
      `The run is not waiting for tool call${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; nothing was sent.`,
      'tool_outputs',
    )
  }
  const missing = calls.filter((call) => !given.has(call.id) && handled[call.id] === undefined)
  if (missing.length > 0) {
    const names = missing.map((call) => `${call.function.name} (${call.id})`).join(', ')
    throw refusal(
      'missing_tool_outputs',
      `Missing tool output for ${names}; every pending call needs an output, so nothing was sent.`,
      'tool_outputs',
    )
  }
  return calls.map((call) => ({ tool_call_id: call.id, output: given.get(call.id) ?? handled[call.id]! }))
}
