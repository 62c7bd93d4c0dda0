// The SDK-vocabulary callbacks for the Responses wire's events, so an app's `onRunCreated`,
// `onTextDelta`, `onRunRequiresAction` work the same on both wires. The end callbacks (`onRunDone`,
// `onRunCompleted`) are the adapter's own, off `pendingResponsesRun` (once per turn).
import type { TextDelta } from 'openai/resources/beta/threads/messages'
import type { RunCallbacks } from '../callbacks.js'
import { isRecord } from '../merge.js'
import type { RunState, Text } from '../types.js'
import { pendingResponsesRun } from './run.js'

type Json = Record<string, any>

/**
 * Returns the handler of one adapter for `response.*` events (called with the state after the event).
 * A turn's first `response.created` is `onRunCreated`, a later one `onRunUpdated`; a response that
 * completed waiting for the client is `onRunRequiresAction`; `response.output_text.delta` is
 * `onTextCreated` (a part's first delta) and `onTextDelta` with a `Text`-shaped snapshot
 * (`{ value, annotations }`); `response.output_text.done` is `onTextDone`.
 */
export function responsesCallbacks(
  callbacks: RunCallbacks,
): (name: string, data: unknown, state: RunState) => void {
  const announced = new Set<string>()
  let openText: string | null = null

  const textOf = (state: RunState, e: Json): Text | null => {
    const list = state.responses ?? []
    const item = list[list.length - 1]?.output[e.output_index as number] as Json | undefined
    const part = isRecord(item) && Array.isArray(item.content) ? item.content[e.content_index] : undefined
    if (!isRecord(part) || typeof part.text !== 'string') return null
    return { value: part.text, annotations: (part.annotations ?? []) as Text['annotations'] }
  }

  return (name, data, state) => {
    if (!isRecord(data)) return
    const list = state.responses ?? []
    const last = list[list.length - 1]
    if (!last) return
    switch (name) {
      case 'response.created': {
        const id = isRecord(data.response) ? data.response.id : undefined
        if (typeof id !== 'string' || announced.has(id)) return
        const first = announced.size === 0
        announced.add(id)
        const run = pendingResponsesRun(state)
        if (run && first) callbacks.onRunCreated?.(run)
        else if (run) callbacks.onRunUpdated?.(run)
        return
      }
      case 'response.completed': {
        const run = pendingResponsesRun(state)
        if (run?.status === 'requires_action') callbacks.onRunRequiresAction?.(run)
        return
      }
      case 'response.output_text.delta': {
        if (!callbacks.onTextDelta && !callbacks.onTextCreated) return
        const text = textOf(state, data)
        if (!text) return
        const key = `${String(last.response.id)}:${data.output_index}:${data.content_index}`
        if (openText !== key) {
          openText = key
          callbacks.onTextCreated?.(text)
        }
        if (typeof data.delta === 'string' && data.delta !== '')
          callbacks.onTextDelta?.({ value: data.delta } as TextDelta, text)
        return
      }
      case 'response.output_text.done': {
        openText = null
        const text = callbacks.onTextDone ? textOf(state, data) : null
        // The Assistants snapshot is the message; here the output item stands in for it.
        const list = state.responses ?? []
        const item = list[list.length - 1]?.output[data.output_index as number]
        if (text && item) callbacks.onTextDone?.(text, item as never)
        return
      }
    }
  }
}
