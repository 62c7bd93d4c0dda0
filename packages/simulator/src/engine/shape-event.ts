import type { WireMessage, WireRun, WireRunStep, WireThread } from '../wire.js'
import type { WireShapes } from './records.js'

/** The shapes that change nothing: the engine's records already are Assistants-shaped. */
export const IDENTITY_SHAPES: WireShapes = {
  run: (run) => run,
  step: (step) => step,
  message: (message) => message,
  thread: (thread) => thread,
  messageDelta: (chunk) => chunk,
}

/**
 * An event's data in a face's wire shapes. Deltas and errors pass as they are; every other event
 * carries one object, told by the event's family (`thread.run.step.*`, `thread.message.*`, ...).
 */
export function shapeEvent(shapes: WireShapes, event: string, data: unknown): unknown {
  if (event === 'thread.message.delta') return shapes.messageDelta(data as { delta: object })
  if (event.endsWith('.delta') || event === 'error') return data
  if (event.startsWith('thread.run.step.')) return shapes.step(data as WireRunStep)
  if (event.startsWith('thread.message.')) return shapes.message(data as WireMessage)
  if (event.startsWith('thread.run.')) return shapes.run(data as WireRun)
  if (event === 'thread.created') return shapes.thread(data as WireThread)
  return data
}
