import type { RunlineClient, RunStore, RunStreamEvent } from '@runline/core'

/** Run statuses in which the assistant may still be writing text. */
const WRITING: ReadonlySet<string> = new Set(['queued', 'in_progress', 'cancelling'])

/** Options of {@link createCatchUp}. */
export interface CatchUpOptions {
  client: RunlineClient
  /** The live run's store (`useRunStream(...).store`). */
  store: RunStore
  /** Wait between two message fetches (default 500 ms). */
  intervalMs?: number
  /** Sees each snapshot it dispatches (the event inspector shows them). */
  onSnapshot?: (event: RunStreamEvent) => void
}

/** Follows the live run's events and fetches its text while nothing streams. */
export interface CatchUp {
  /** Feed every event of the run (the hook's `onEvent`). */
  note(event: { event: string }): void
  dispose(): void
}

/**
 * After a reload the hooks re-attach to a run by polling `runs.retrieve` (the API cannot re-open a
 * run's stream), and their snapshot (retrieve + steps + messages) is only taken when it starts and
 * when the run stops. So that the text keeps coming in between, this refetches the run's messages
 * every `intervalMs` while the run is followed by polling — from a `runline.snapshot` until the next
 * stream event, `done`, or the run stops writing — and dispatches them as a `runline.snapshot`.
 */
export function createCatchUp({ client, store, intervalMs = 500, onSnapshot }: CatchUpOptions): CatchUp {
  let polling = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: AbortController | null = null

  const writingRun = () => {
    const run = store.getState().run
    return run && WRITING.has(run.status) ? run : null
  }
  const stop = () => {
    polling = false
    clearTimeout(timer)
    timer = undefined
    inFlight?.abort()
    inFlight = null
  }
  const tick = async () => {
    timer = undefined
    const run = writingRun()
    if (!polling || !run) return stop()
    const abort = new AbortController()
    inFlight = abort
    try {
      const page = await client.messages.list(
        run.thread_id,
        { run_id: run.id, order: 'asc', limit: 100 },
        { signal: abort.signal },
      )
      // The hooks may have taken their final snapshot meanwhile: never overwrite it with older text.
      if (polling && !abort.signal.aborted && writingRun()?.id === run.id) {
        const event: RunStreamEvent = { event: 'runline.snapshot', data: { messages: page.data } }
        store.dispatch(event)
        onSnapshot?.(event)
      }
    } catch {
      // A failed fetch is retried on the next tick; the hooks report real failures of the run.
    }
    if (inFlight === abort) inFlight = null
    if (polling && !abort.signal.aborted) timer = setTimeout(tick, intervalMs)
  }

  return {
    note({ event }) {
      if (event === 'runline.snapshot') {
        if (polling) return
        polling = true
        timer = setTimeout(tick, intervalMs)
      } else if (event.startsWith('thread.') || event === 'done' || event.startsWith('runline.')) {
        // A stream is feeding the store again (or the run was reset / failed / disconnected).
        stop()
      }
    },
    dispose: stop,
  }
}
