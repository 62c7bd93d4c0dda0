/**
 * The event inspector's recorder. Recording must stay cheap on a 5,000-delta stream: `record` is a
 * counter bump and a ring-buffer write; the snapshot the UI reads is built at most once per
 * notification, and notifications are coalesced (one per frame) and only happen while someone listens.
 */

/** One recorded event. */
export interface LoggedEvent {
  /** 1-based position in the run's event sequence. */
  seq: number
  event: string
  data: unknown
  /** Milliseconds since the run began (`begin()`). */
  at: number
  /** Milliseconds since the previous event. */
  gap: number
}

/** Events of one type. */
export interface EventTypeCount {
  event: string
  count: number
  /** When the first of them arrived, ms since `begin()`. */
  firstAt: number
}

/** What the inspector renders. */
export interface EventLogSnapshot {
  /** Every event recorded since `begin()`. */
  total: number
  /** Counts per event type, in first-seen order. */
  counts: readonly EventTypeCount[]
  /** The most recent events, oldest first (at most `capacity`). */
  recent: readonly LoggedEvent[]
  /** Milliseconds from `begin()` to the last event; null before the first. */
  lastAt: number | null
  /** Milliseconds from `begin()` to the first event; null before it. */
  firstAt: number | null
}

/** Runs `flush` soon (once per frame in browsers); returns a cancel function. */
export type NotifyScheduler = (flush: () => void) => () => void

/** Options for {@link createEventLog}. */
export interface EventLogOptions {
  /** How many recent events to keep (default 500). */
  capacity?: number
  now?: () => number
  /** How subscribers are notified (default: at most every {@link NOTIFY_INTERVAL_MS} ms). */
  schedule?: NotifyScheduler
}

/** The recorder. `record` fits `useRunStream`'s `onEvent`. */
export interface EventLog {
  /** Starts a new run's log (clears counts and events; timings are relative to now). */
  begin(): void
  record(event: { event: string; data?: unknown }): void
  getSnapshot(): EventLogSnapshot
  subscribe(listener: () => void): () => void
}

const EMPTY: EventLogSnapshot = { total: 0, counts: [], recent: [], lastAt: null, firstAt: null }

/** How often an open inspector redraws while events pour in: often enough to watch, cheap on long streams. */
export const NOTIFY_INTERVAL_MS = 120

const intervalScheduler: NotifyScheduler = (flush) => {
  const id = setTimeout(flush, NOTIFY_INTERVAL_MS)
  return () => clearTimeout(id)
}

/** Creates an event log. */
export function createEventLog(options: EventLogOptions = {}): EventLog {
  const capacity = Math.max(1, options.capacity ?? 500)
  const now = options.now ?? (() => performance.now())
  const schedule = options.schedule ?? intervalScheduler

  let startedAt = now()
  let ring: LoggedEvent[] = []
  let head = 0 // next write position once the ring is full
  let counts = new Map<string, EventTypeCount>()
  let total = 0
  let lastAt: number | null = null
  let firstAt: number | null = null
  let snapshot: EventLogSnapshot = EMPTY
  let dirty = false
  let cancelNotify: (() => void) | null = null
  const listeners = new Set<() => void>()

  const notify = () => {
    cancelNotify = null
    for (const listener of listeners) listener()
  }
  const changed = () => {
    dirty = true
    if (listeners.size > 0 && !cancelNotify) cancelNotify = schedule(notify)
  }

  return {
    begin() {
      startedAt = now()
      ring = []
      head = 0
      counts = new Map()
      total = 0
      lastAt = null
      firstAt = null
      changed()
    },
    record({ event, data }) {
      const at = now() - startedAt
      total += 1
      const entry: LoggedEvent = { seq: total, event, data, at, gap: lastAt === null ? at : at - lastAt }
      if (ring.length < capacity) ring.push(entry)
      else {
        ring[head] = entry
        head = (head + 1) % capacity
      }
      const count = counts.get(event)
      if (count) count.count += 1
      else counts.set(event, { event, count: 1, firstAt: at })
      firstAt ??= at
      lastAt = at
      changed()
    },
    getSnapshot() {
      if (dirty) {
        dirty = false
        snapshot = {
          total,
          counts: [...counts.values()].map((c) => ({ ...c })),
          recent: head === 0 ? ring.slice() : [...ring.slice(head), ...ring.slice(0, head)],
          lastAt,
          firstAt,
        }
      }
      return snapshot
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && cancelNotify) {
          cancelNotify()
          cancelNotify = null
        }
      }
    },
  }
}

/** A one-line summary of an event's payload for the inspector (ids, statuses, delta text). */
export function describeEvent(event: string, data: unknown): string {
  if (typeof data !== 'object' || data === null) return ''
  const d = data as Record<string, any>
  if (event === 'thread.message.delta') {
    const parts = listOf(d.delta?.content)
    const text = parts.map((p) => p.text?.value ?? (p.type === 'image_file' ? '[image]' : '')).join('')
    return JSON.stringify(text)
  }
  if (event === 'thread.run.step.delta') {
    return listOf(d.delta?.step_details?.tool_calls)
      .map((c) => {
        const fragment = c.function?.arguments ?? c.code_interpreter?.input
        const outputs = listOf(c.code_interpreter?.outputs)
        if (outputs.length) return `${c.type} #${c.index} outputs: ${outputs.map((o) => o.type).join(', ')}`
        return `${c.function?.name ?? c.type} #${c.index}${fragment ? ` ${JSON.stringify(fragment)}` : ''}`
      })
      .join('; ')
  }
  if (event === 'error' || event === 'runline.error') return String(d.message ?? d.code ?? '')
  const bits = [d.id, d.type === 'tool_calls' || d.type === 'message_creation' ? d.type : null, d.status]
  return bits.filter((b) => typeof b === 'string' && b !== '').join(' · ')
}

// The inspector shows whatever the server sent, so a summary never assumes the payload's shape.
function listOf(value: unknown): Array<Record<string, any>> {
  return Array.isArray(value) ? value.filter((entry) => typeof entry === 'object' && entry !== null) : []
}
