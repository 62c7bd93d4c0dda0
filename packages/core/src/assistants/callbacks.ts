// The Assistants half of the one callback adapter (`createRunCallbacks` hands it every event of the
// Assistants family with the state after it): the `AssistantStream` vocabulary on the wire it comes
// from. It tracks the current content part and tool call the way `AssistantStream` does, to know when
// one is done. The rest (onEvent, onError, the run's end) is the adapter's own (callbacks.ts).
import type { MessageDelta } from 'openai/resources/beta/threads/messages'
import type { ToolCallDelta } from 'openai/resources/beta/threads/runs/steps'
import type { AssistantsCallbackAdapter } from '../assistants-parts.js'
import type { RunCallbacks } from '../callbacks.js'
import { hasId, isRecord } from '../merge.js'
import { isTerminalStatus } from '../status.js'
import { selectStepToolCalls } from '../step-tool-calls.js'
import type { Message, Run, RunState, RunStep, ToolCall } from '../types.js'

/**
 * Returns the handler of one adapter for the Assistants family (called with each event's name and
 * data, and the state after it). An event whose data has no id is skipped, as the reducer refuses it.
 */
export function assistantsCallbacks(callbacks: RunCallbacks): AssistantsCallbackAdapter {
  let textPart: { messageId: string; index: number } | null = null
  // Calls announced but not done yet, per step. Parallel calls interleave their fragments, so a
  // call is done when its step ends or the run stops for action, not when another index shows up.
  let openCalls: { stepId: string; indexes: number[] } | null = null

  const finishText = (state: RunState) => {
    if (!textPart) return
    const message = state.messages[textPart.messageId]
    const part = message?.content?.[textPart.index]
    if (message && part?.type === 'text') callbacks.onTextDone?.(part.text, message)
    textPart = null
  }
  const finishToolCalls = (state: RunState) => {
    if (!openCalls) return
    const calls = selectStepToolCalls(state.steps[openCalls.stepId]) as ToolCall[]
    for (const index of openCalls.indexes) {
      const call = calls[index]
      if (call) callbacks.onToolCallDone?.(call)
    }
    openCalls = null
  }

  return (name, data, state) => {
    // Without a previous state to compare with, an API object without an id is still skipped.
    if (name.startsWith('thread.') && !hasId(data)) return
    switch (name) {
      case 'thread.run.created':
        callbacks.onRunCreated?.(data as Run)
        break
      case 'thread.run.queued':
      case 'thread.run.in_progress':
      case 'thread.run.cancelling':
        callbacks.onRunUpdated?.(data as Run)
        break
      case 'thread.run.requires_action':
        finishToolCalls(state)
        callbacks.onRunRequiresAction?.(data as Run)
        break
      case 'thread.run.step.created':
        callbacks.onRunStepCreated?.(data as RunStep)
        break
      case 'thread.run.step.delta': {
        const event = data as { id: string; delta: { step_details?: unknown } | null }
        const snapshot = state.steps[event.id]
        if (!snapshot || typeof event.delta !== 'object' || event.delta === null) break
        callbacks.onRunStepDelta?.(event.delta, snapshot)
        // Foundry types a delta's details `mcp` or `openapi`; its calls are placed the same way.
        const details: unknown = event.delta.step_details
        if (!isRecord(details) || !Array.isArray(details.tool_calls)) break
        const calls = selectStepToolCalls(snapshot) as ToolCall[]
        for (const delta of entries(details.tool_calls as ToolCallDelta[])) {
          const call = calls[delta.index]
          if (!call) continue
          if (openCalls?.stepId !== snapshot.id) {
            finishToolCalls(state)
            openCalls = { stepId: snapshot.id, indexes: [] }
          }
          // Like AssistantStream: a call's first delta announces it; later ones are its deltas.
          if (openCalls.indexes.includes(delta.index)) callbacks.onToolCallDelta?.(delta, call)
          else {
            openCalls.indexes.push(delta.index)
            callbacks.onToolCallCreated?.(call)
          }
        }
        break
      }
      case 'thread.run.step.completed':
      case 'thread.run.step.failed':
      case 'thread.run.step.cancelled':
      case 'thread.run.step.expired': {
        const step = data as RunStep
        if (openCalls?.stepId === step.id) finishToolCalls(state)
        callbacks.onRunStepDone?.(step, state.steps[step.id] ?? step)
        break
      }
      case 'thread.message.created':
        finishText(state)
        callbacks.onMessageCreated?.(data as Message)
        break
      case 'thread.message.delta': {
        const event = data as { id: string; delta: MessageDelta | null }
        const snapshot = state.messages[event.id]
        if (!snapshot || typeof event.delta !== 'object' || event.delta === null) break
        callbacks.onMessageDelta?.(event.delta, snapshot)
        for (const part of entries(event.delta.content)) {
          const current = snapshot.content?.[part.index]
          if (part.type !== 'text' || current?.type !== 'text') continue
          if (!textPart || textPart.messageId !== snapshot.id || textPart.index !== part.index) {
            finishText(state)
            textPart = { messageId: snapshot.id, index: part.index }
            callbacks.onTextCreated?.(current.text)
          }
          if (part.text) callbacks.onTextDelta?.(part.text, current.text)
        }
        break
      }
      case 'thread.message.completed':
      case 'thread.message.incomplete':
        finishText(state)
        callbacks.onMessageDone?.(data as Message)
        break
    }
    // The run ended (its terminal event, or a snapshot after a drop, a reload, a cancel): calls still
    // open are done, before the adapter's own end callbacks.
    if (state.run && isTerminalStatus(state.run.status)) finishToolCalls(state)
  }
}

/** A delta's array when every entry is an object, else none (the reducer refuses such a delta whole). */
function entries<T extends object>(list: readonly T[] | null | undefined): readonly T[] {
  return Array.isArray(list) && list.every((entry): boolean => isRecord(entry)) ? list : []
}
