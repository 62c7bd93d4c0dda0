// A wire whose module loads on first use: the Responses wire is a dynamic import, so an app on the
// Assistants wire never downloads it. Every call waits for the same one load (double clicks, a
// StrictMode remount and a resume share it); a failed load rejects that call, and the next call
// tries again.
import type { RunWire } from './wire.js'

/** A {@link RunWire} that loads the real one the first time a method is called. */
export function lazyWire(load: () => Promise<RunWire>): RunWire {
  let wire: RunWire | null = null
  let loading: Promise<RunWire> | null = null
  const get = (): Promise<RunWire> => {
    if (wire) return Promise.resolve(wire)
    loading ??= load().then(
      (loaded) => {
        wire = loaded
        return loaded
      },
      (error: unknown) => {
        loading = null
        throw error
      },
    )
    return loading
  }
  return {
    start: async (request, signal) => (await get()).start(request, signal),
    answer: async (target, answers, signal) => (await get()).answer(target, answers, signal),
    cancel: async (target, signal) => (await get()).cancel(target, signal),
    follow: async (target, emit, options) => (await get()).follow(target, emit, options),
    waitForEnd: async (target, options) => (await get()).waitForEnd(target, options),
    // Asked only about a start that failed, which loaded the wire first; before that, nothing to say.
    activeRunOf: (error, threadId) => wire?.activeRunOf(error, threadId) ?? null,
  }
}
