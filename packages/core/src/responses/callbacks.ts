// The Responses half of the one callback adapter (`createRunCallbacks` hands it every `response.*`
// event with the state after it), so an app's callbacks mean the same on both wires. It does not
// re-read the events' payloads: it finds the item an event touched at its `output_index` in the fold's
// output and reports it in the Assistants vocabulary (responses/views.ts). An event is one of three
// kinds: an item was added (`response.output_item.added`), is done (`response.output_item.done`), or
// grew by a fragment (any other item event carrying a `delta`). The end callbacks (`onRunDone`,
// `onRunCompleted`) are the adapter's own, off `selectResponsesRun` (once per turn).
import type { RunCallbacks } from '../callbacks.js'
import { isRecord } from '../merge.js'
import type { RunState, Text } from '../types.js'
import { endsResponse } from './parse.js'
import { selectResponsesRun } from './run.js'
import type { ResponseState } from './types.js'
import {
  type ItemPlace,
  isMessageItem,
  isToolCallItem,
  messageDeltaOf,
  messageOf,
  stepOf,
  toolCallDeltaOf,
  toolCallOf,
} from './views.js'

type Json = Record<string, any>

/** A text part of the turn: its response, its item's `output_index`, its `content_index`. */
interface PartKey {
  responseId: string
  outputIndex: number
  contentIndex: number
}

/**
 * Returns the handler of one adapter for `response.*` events (called with the state after the event).
 * Runs: a turn's first `response.created` is `onRunCreated`, a later one and `response.queued` /
 * `.in_progress` `onRunUpdated`; a response that completed waiting for the client is
 * `onRunRequiresAction`. Items: a message item is `onRunStepCreated` (`message_creation`) and
 * `onMessageCreated`, then `onMessageDelta` per text or refusal fragment, `onMessageDone`,
 * `onRunStepDone`; a tool-call item is `onRunStepCreated` (`tool_calls`) and `onToolCallCreated`, then
 * `onRunStepDelta` and `onToolCallDelta` per fragment, `onToolCallDone`, `onRunStepDone`. Text: like
 * `AssistantStream`, a part's first fragment is `onTextCreated`, each fragment `onTextDelta`, and the
 * part is `onTextDone` when another part begins or its message is done. Items a response left open
 * are done when it ends.
 */
export function responsesCallbacks(
  callbacks: RunCallbacks,
): (name: string, data: unknown, state: RunState) => void {
  const announced = new Set<string>()
  let openText: PartKey | null = null
  // Output indexes of the latest response's items that were added and are not done yet.
  const openItems = new Set<number>()

  const latest = (state: RunState): ResponseState | undefined => {
    const list = state.responses
    return list && list.length > 0 ? list[list.length - 1] : undefined
  }
  const placeOf = (rs: ResponseState, threadId: string): ItemPlace => {
    const response = rs.response as unknown as Json
    return {
      runId: String(response.id ?? ''),
      threadId,
      createdAt: typeof response.created_at === 'number' ? response.created_at : 0,
      model: typeof response.model === 'string' ? response.model : '',
    }
  }

  const finishText = (state: RunState, threadId: string) => {
    const key = openText
    openText = null
    const rs = latest(state)
    if (!key || !callbacks.onTextDone || rs?.response.id !== key.responseId) return
    const item = rs.output[key.outputIndex]
    if (!isMessageItem(item)) return
    const message = messageOf(item, placeOf(rs, threadId))
    const part = message.content[key.contentIndex]
    if (part?.type === 'text') callbacks.onTextDone(part.text, message)
  }

  const added = (item: Json, place: ItemPlace, state: RunState) => {
    if (isMessageItem(item)) {
      finishText(state, place.threadId)
      callbacks.onRunStepCreated?.(stepOf(item, place, false))
      callbacks.onMessageCreated?.(messageOf(item, place))
    } else if (isToolCallItem(item)) {
      callbacks.onRunStepCreated?.(stepOf(item, place, false))
      callbacks.onToolCallCreated?.(toolCallOf(item))
    }
  }

  const done = (item: Json, place: ItemPlace, state: RunState) => {
    const step = stepOf(item, place, true)
    if (isMessageItem(item)) {
      finishText(state, place.threadId)
      callbacks.onMessageDone?.(messageOf(item, place))
      callbacks.onRunStepDone?.(step, step)
    } else if (isToolCallItem(item)) {
      callbacks.onToolCallDone?.(toolCallOf(item))
      callbacks.onRunStepDone?.(step, step)
    }
  }

  const grew = (item: Json, place: ItemPlace, data: Json, state: RunState) => {
    const fragment = data.delta as string
    if (isToolCallItem(item)) {
      const delta = toolCallDeltaOf(item, fragment)
      callbacks.onRunStepDelta?.({ type: 'tool_calls', tool_calls: [delta] }, stepOf(item, place, false))
      callbacks.onToolCallDelta?.(delta, toolCallOf(item))
      return
    }
    if (!isMessageItem(item) || typeof data.content_index !== 'number') return
    const delta = messageDeltaOf(item, data.content_index, fragment)
    if (!delta) return
    const message = messageOf(item, place)
    callbacks.onMessageDelta?.(delta, message)
    const part = message.content[data.content_index]
    const textDelta = delta.content?.[0]
    if (part?.type !== 'text' || textDelta?.type !== 'text') return
    const key = { responseId: place.runId, outputIndex: data.output_index, contentIndex: data.content_index }
    if (!sameKey(openText, key)) {
      finishText(state, place.threadId)
      openText = key
      callbacks.onTextCreated?.(part.text as Text)
    }
    if (fragment !== '') callbacks.onTextDelta?.(textDelta.text!, part.text as Text)
  }

  return (name, data, state) => {
    if (!isRecord(data)) return
    const run = selectResponsesRun(state)
    const rs = latest(state)
    if (!run || !rs) return
    if (name === 'response.created') {
      const id = isRecord(data.response) ? data.response.id : undefined
      if (typeof id !== 'string' || announced.has(id)) return
      const first = announced.size === 0
      announced.add(id)
      openItems.clear()
      if (first) callbacks.onRunCreated?.(run)
      else callbacks.onRunUpdated?.(run)
      return
    }
    if (name === 'response.queued' || name === 'response.in_progress') {
      callbacks.onRunUpdated?.(run)
      return
    }
    const place = placeOf(rs, run.thread_id)
    if (endsResponse(name)) {
      finishText(state, place.threadId)
      for (const index of openItems) {
        const item = rs.output[index]
        if (isRecord(item)) done(item, place, state)
      }
      openItems.clear()
      if (run.status === 'requires_action') callbacks.onRunRequiresAction?.(run)
      return
    }
    const index = data.output_index
    if (typeof index !== 'number') return
    const item = rs.output[index]
    if (!isRecord(item)) return
    if (name === 'response.output_item.added') {
      openItems.add(index)
      added(item, place, state)
    } else if (name === 'response.output_item.done') {
      // Announced or not (a stream re-attached past its start), a done item is reported done.
      openItems.delete(index)
      done(item, place, state)
    } else if (typeof data.delta === 'string') grew(item, place, data, state)
  }
}

function sameKey(a: PartKey | null, b: PartKey): boolean {
  return (
    a !== null &&
    a.responseId === b.responseId &&
    a.outputIndex === b.outputIndex &&
    a.contentIndex === b.contentIndex
  )
}
