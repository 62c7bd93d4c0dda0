// A module of the controller's that loads on first use: the wires and the run phases are dynamic
// imports, so a page's start chunk holds what a run view shows and the code that drives a run comes
// in idle time (the controller preloads it once mounted) or with the first Send. Every caller shares
// the one load (double clicks, a StrictMode remount and a resume share it); a failed load is not
// kept, so the next call tries again.
import { RunlineError } from '@runline/core'

/** A module that loads on first use, or ahead of it by `preload`. */
export interface LazyModule<T> {
  /** The module; rejects with a `RunlineError` of kind `'network'` when it could not be loaded. */
  load(): Promise<T>
  /** Starts the load now; a failure is left for the next `load` to report (and retry). */
  preload(): void
  /** The module once loaded, else null. */
  readonly loaded: T | null
}

/** Creates a {@link LazyModule}; `what` names it in the error of a failed load. */
export function lazyModule<T>(load: () => Promise<T>, what: string): LazyModule<T> {
  let loaded: T | null = null
  let loading: Promise<T> | null = null
  const get = (): Promise<T> => {
    if (loaded) return Promise.resolve(loaded)
    loading ??= load().then(
      (module) => {
        loaded = module
        return module
      },
      (error: unknown) => {
        loading = null
        const detail = error instanceof Error ? error.message : String(error)
        throw new RunlineError(`Runline's ${what} could not be loaded (${detail}); nothing was sent`, {
          kind: 'network',
          cause: error,
        })
      },
    )
    return loading
  }
  return {
    load: get,
    preload: () => {
      get().catch(() => {})
    },
    get loaded() {
      return loaded
    },
  }
}
