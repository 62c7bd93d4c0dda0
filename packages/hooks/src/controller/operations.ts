// Operations: one request chain at a time (start, submit, resume, cancel), each with its own abort
// signal. A new operation aborts the one before it; a cancel takes over its callers.
import { asRunlineError, isAbortError, type RunState } from '@runline/core'

/** One command in flight. */
export interface Operation {
  kind: 'start' | 'submit' | 'resume' | 'cancel'
  abort: AbortController
  /** The run this operation follows, when known at its start (a start learns it from its stream). */
  runId: string | null
  /** Settles with the state when the operation ended (never rejects). */
  done: Promise<RunState>
  /** The cancel that took over this operation's run: its callers get the cancel's outcome. */
  supersededBy?: Operation
}

/** The operation runner of one controller. */
export interface Operations {
  /** The operation in flight, if any. */
  readonly current: Operation | null
  /** Aborted by unmount and reset: ends waits that belong to no operation. */
  readonly session: AbortSignal
  /** Aborts the current operation and makes `kind` the current one. */
  begin(kind: Operation['kind'], runId: string | null): Operation
  /**
   * Runs an operation's body. Failures are handed to `fail` (aborts are quiet) and the promise
   * resolves with the state; a submit rejects with the `RunlineError` too (React Query mutations).
   */
  track(op: Operation, body: () => Promise<RunState>): Promise<RunState>
  /** Aborts the current operation, if any. */
  abort(): void
  /** Aborts the current operation and everything waiting on the session. */
  endSession(): void
}

/** Creates the runner; `getState` reads the run state, `fail` records a failure in it. */
export function createOperations(getState: () => RunState, fail: (error: unknown) => void): Operations {
  let current: Operation | null = null
  let session = new AbortController()

  const abort = () => {
    const op = current
    if (!op) return
    current = null
    op.abort.abort()
  }

  return {
    get current() {
      return current
    },
    get session() {
      return session.signal
    },
    begin(kind, runId) {
      const previous = current
      const op: Operation = { kind, abort: new AbortController(), runId, done: Promise.resolve(getState()) }
      if (previous && kind === 'cancel') previous.supersededBy = op
      abort()
      current = op
      return op
    },
    track(op, body) {
      const settled = body().then(
        // `start()` resolves when its run ends: after a cancel took over, with the cancel's outcome.
        (state) => (op.supersededBy ? op.supersededBy.done : state),
        (error) => {
          const quiet = op.abort.signal.aborted || isAbortError(error)
          if (!quiet) fail(error)
          if (op.supersededBy) return op.supersededBy.done
          if (op.kind === 'submit' && !quiet) throw asRunlineError(error)
          return getState()
        },
      )
      const done = settled.finally(() => {
        if (current === op) current = null
      })
      op.done = done.catch(() => getState())
      return done
    },
    abort,
    endSession() {
      abort()
      session.abort()
      session = new AbortController()
    },
  }
}
