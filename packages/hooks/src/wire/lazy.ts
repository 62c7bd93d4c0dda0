// A wire whose module loads on first use (see controller/lazy-module.ts): each wire is a dynamic
// import that brings the run store its wire's fold, so an app on the Assistants wire never downloads
// the Responses wire, and neither is in a page's start chunk.
import { preloadRunStreamReader, type RunStore } from '@runline/core'
import { type LazyModule, lazyModule } from '../controller/lazy-module.js'
import type { AssistantsWireOptions } from './assistants.js'
import type { ResponsesWireOptions } from './responses.js'
import type { RunWire } from './wire.js'

/** A {@link RunWire} whose module loads on first use, or ahead of it by `preload`. */
export interface LazyWire extends RunWire {
  /**
   * Starts the load now, with the client's stream reader the wire reads with (a chunk of its own too);
   * a failure is left for the first call to report (and retry).
   */
  preload(): void
}

/**
 * The controller's wire, `'assistants'` or `'responses'`, loaded on first use: the loaded wire gives
 * `store` its fold. `options()` gives the controller's latest options.
 */
export function lazyWireOf(
  kind: 'assistants' | 'responses' | undefined,
  options: () => AssistantsWireOptions & ResponsesWireOptions,
  store: RunStore,
): LazyWire {
  return kind === 'responses'
    ? lazyWire(() => import('./responses.js').then((m) => m.createResponsesWire(options, store)))
    : lazyWire(() => import('./assistants.js').then((m) => m.createAssistantsWire(options, store)))
}

/** A {@link RunWire} that loads the real one the first time a method is called (or `preload` is). */
export function lazyWire(load: () => Promise<RunWire>): LazyWire {
  const wire: LazyModule<RunWire> = lazyModule(load, 'wire code')
  return {
    preload: () => {
      wire.preload()
      preloadRunStreamReader()
    },
    start: async (request, signal) => (await wire.load()).start(request, signal),
    answer: async (target, answers, signal) => (await wire.load()).answer(target, answers, signal),
    cancel: async (target, signal) => (await wire.load()).cancel(target, signal),
    follow: async (target, emit, options) => (await wire.load()).follow(target, emit, options),
    waitForEnd: async (target, options) => (await wire.load()).waitForEnd(target, options),
    // Asked only about a start that failed, which loaded the wire first; before that, nothing to say.
    activeRunOf: (error, threadId) => wire.loaded?.activeRunOf(error, threadId) ?? null,
  }
}
