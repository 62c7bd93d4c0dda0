import { initialRunState, type RunState, type RunStreamEvent, reduceRun } from '@runline/core'

/** A recorded sequence of events and the run state after any prefix of it. */
export interface ReplayTape {
  readonly events: readonly RunStreamEvent[]
  /** Number of events; positions go from 0 (nothing applied) to `length` (all applied). */
  readonly length: number
  /** The fold of `events[0..position)` through `reduceRun`. */
  stateAt(position: number): RunState
  /** The first position at which `predicate` holds for the event just applied, or -1. */
  positionAfter(predicate: (event: RunStreamEvent, index: number) => boolean): number
}

/** Options of {@link createReplayTape}. */
export interface ReplayTapeOptions {
  /** State before the first event. Default: `initialRunState`. */
  initialState?: RunState
  /** Keep a state every this many events; a scrub folds at most this many events. Default 64. */
  checkpointEvery?: number
}

/**
 * Folds `events` once, keeping a checkpoint state every few events, so that any position is at most
 * `checkpointEvery` reductions away (scrubbing a 5,000-delta stream stays instant) without holding
 * one snapshot per event. `reduceRun` is pure, so checkpoints are never written again.
 */
export function createReplayTape(
  events: readonly RunStreamEvent[],
  options: ReplayTapeOptions = {},
): ReplayTape {
  const every = Math.max(1, options.checkpointEvery ?? 64)
  const checkpoints: RunState[] = []
  let state = options.initialState ?? initialRunState
  for (let i = 0; i <= events.length; i++) {
    if (i % every === 0) checkpoints.push(state)
    if (i < events.length) state = reduceRun(state, events[i]!)
  }
  // The last position asked for: playing forward costs one reduction per event.
  let lastPosition = 0
  let lastState = checkpoints[0]!

  const clamp = (position: number) => Math.min(events.length, Math.max(0, Math.trunc(position)))

  return {
    events,
    length: events.length,
    stateAt(position) {
      const target = clamp(position)
      if (target === lastPosition) return lastState
      const base = Math.floor(target / every) * every
      let from = base
      let current = checkpoints[base / every]!
      if (lastPosition > base && lastPosition < target) {
        from = lastPosition
        current = lastState
      }
      for (let i = from; i < target; i++) current = reduceRun(current, events[i]!)
      lastPosition = target
      lastState = current
      return current
    },
    positionAfter(predicate) {
      const index = events.findIndex(predicate)
      return index === -1 ? -1 : index + 1
    },
  }
}
