import type { RunState } from '@runline/core'
import { type ReactNode, useEffect, useId, useRef, useState } from 'react'
import type { ReplayTape } from './tape.js'
import './replay.css'

/** Playback speeds offered; `Infinity` jumps to the end ("Instant"). */
export const REPLAY_SPEEDS = [0.5, 1, 4, 16, Number.POSITIVE_INFINITY] as const

/** Events per second at 1×: about the pace of a real stream's deltas. */
export const EVENTS_PER_SECOND = 20

const TICK_MS = 50

/** Props of {@link ReplayPlayer}. */
export interface ReplayPlayerProps {
  tape: ReplayTape
  /** Where the replay starts: a position (events applied) or `'end'`. Default `'end'`. */
  initialPosition?: number | 'end'
  /** Start playing at once (from `initialPosition`). Default false. */
  autoPlay?: boolean
  /** What is replayed, e.g. a recording's file name; shown above the controls. */
  source?: string
  /** Renders the run at the current position. */
  children: (state: RunState, position: number) => ReactNode
}

// Inline SVG icons: the glyphs ⏮ ⏸ ⏭ are missing from many fonts (they render as boxes).
const ICON_PATHS = {
  previous: 'M3 2h2v12H3zM14 2v12L6 8z',
  play: 'M4 2v12l10-6z',
  pause: 'M3 2h4v12H3zM9 2h4v12H9z',
  next: 'M11 2h2v12h-2zM2 2v12l8-6z',
} as const

function Icon({ name }: { name: keyof typeof ICON_PATHS }) {
  return (
    <svg
      className="rl-replay__icon"
      viewBox="0 0 16 16"
      width="12"
      height="12"
      aria-hidden="true"
      focusable="false"
    >
      <path d={ICON_PATHS[name]} fill="currentColor" />
    </svg>
  )
}

function speedLabel(speed: number): string {
  return Number.isFinite(speed) ? `${speed}×` : 'Instant'
}

/**
 * A replay control: play/pause, step, speed and a slider to scrub to any event. What it renders is
 * the fold of `events[0..position)` through the core reducer, so every intermediate state of a run
 * can be looked at (and tested) exactly as a live stream would have produced it.
 */
export function ReplayPlayer({
  tape,
  initialPosition = 'end',
  autoPlay = false,
  source,
  children,
}: ReplayPlayerProps) {
  const start = initialPosition === 'end' ? tape.length : Math.min(tape.length, Math.max(0, initialPosition))
  const [position, setPosition] = useState(start)
  const [playing, setPlaying] = useState(autoPlay)
  const [speed, setSpeed] = useState<number>(1)
  const sliderId = useId()
  const speedId = useId()
  const carry = useRef(0)

  useEffect(() => {
    if (!playing) return
    if (!Number.isFinite(speed)) {
      setPosition(tape.length)
      setPlaying(false)
      return
    }
    carry.current = 0
    const timer = setInterval(() => {
      // Fractions carry over, so 0.5× advances every other tick and 16× several events per tick.
      carry.current += (speed * EVENTS_PER_SECOND * TICK_MS) / 1000
      const steps = Math.floor(carry.current)
      if (steps === 0) return
      carry.current -= steps
      setPosition((current) => Math.min(tape.length, current + steps))
    }, TICK_MS)
    return () => clearInterval(timer)
  }, [playing, speed, tape])

  useEffect(() => {
    if (playing && position >= tape.length) setPlaying(false)
  }, [playing, position, tape.length])

  const togglePlay = () => {
    if (playing) return setPlaying(false)
    // Playing from the end starts over.
    if (position >= tape.length) setPosition(0)
    setPlaying(true)
  }
  const step = (by: number) => {
    setPlaying(false)
    setPosition((current) => Math.min(tape.length, Math.max(0, current + by)))
  }

  const lastEvent = position > 0 ? tape.events[position - 1]?.event : undefined
  const where = `Event ${position} of ${tape.length}${lastEvent ? `: ${lastEvent}` : ' (before the first event)'}`

  return (
    <div className="rl-replay">
      <fieldset className="rl-replay__controls">
        <legend className="rl-replay__legend">Replay{source ? ` · ${source}` : ''}</legend>
        <div className="rl-replay__buttons">
          <button type="button" onClick={() => step(-1)} disabled={position === 0}>
            <Icon name="previous" />
            <span className="rl-replay__text">Previous event</span>
          </button>
          <button type="button" onClick={togglePlay} className="rl-replay__play">
            <Icon name={playing ? 'pause' : 'play'} />
            <span className="rl-replay__text">{playing ? 'Pause' : 'Play'}</span>
          </button>
          <button type="button" onClick={() => step(1)} disabled={position === tape.length}>
            <Icon name="next" />
            <span className="rl-replay__text">Next event</span>
          </button>
          <label htmlFor={speedId} className="rl-replay__speed">
            Speed
            <select id={speedId} value={String(speed)} onChange={(e) => setSpeed(Number(e.target.value))}>
              {REPLAY_SPEEDS.map((value) => (
                <option key={value} value={String(value)}>
                  {speedLabel(value)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="rl-replay__scrub">
          <label htmlFor={sliderId}>Event</label>
          <input
            id={sliderId}
            type="range"
            min={0}
            max={tape.length}
            step={1}
            value={position}
            aria-valuetext={where}
            onChange={(e) => {
              setPlaying(false)
              setPosition(Number(e.target.value))
            }}
          />
          <output htmlFor={sliderId} className="rl-replay__where">
            {where}
          </output>
        </div>
      </fieldset>
      <div className="rl-replay__stage">{children(tape.stateAt(position), position)}</div>
    </div>
  )
}
