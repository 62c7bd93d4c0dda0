// The client's own answers to a required action (tool handlers, an approval rule) run once per
// action: a second look at the same action gets the same promise, an aborted run leaves no trace.

/** One piece of work per required action. */
export interface OncePerAction<T> {
  /**
   * The work's result for this action key: started on the first call, the same promise after. An
   * aborted `signal` resolves it with null and forgets it, so a later resume runs the work again.
   */
  run(key: string, signal: AbortSignal, work: () => Promise<T>): Promise<T | null>
  /** The work of the current action, while there is one. */
  current(): Promise<T | null> | undefined
  /** A new run: forget the current action. */
  clear(): void
}

/** Creates the memo of one runner. */
export function oncePerAction<T>(): OncePerAction<T> {
  let current: { key: string; result: Promise<T | null> } | null = null
  return {
    run(key, signal, work) {
      if (current?.key !== key) {
        const result = work().then((value) => {
          if (signal.aborted && current?.key === key) current = null
          return signal.aborted ? null : value
        })
        current = { key, result }
      }
      return current.result
    },
    current: () => current?.result,
    clear() {
      current = null
    },
  }
}
