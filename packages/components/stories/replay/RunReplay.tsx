import { defaultFileUrl, type FileUrl, RunlineComponentsProvider, RunTimeline } from '@runline/components'
import type { RunState } from '@runline/core'
import type { ReactNode } from 'react'
import { type LoadedReplay, type ReplayPosition, resolvePosition } from './catalog.js'
import { EventInspector } from './EventInspector.js'
import { ReplayPlayer } from './ReplayPlayer.js'

/** Props of {@link RunReplay}. */
export interface RunReplayProps {
  replay: LoadedReplay
  /** Where the replay starts. Default `'end'`. */
  at?: ReplayPosition
  /** Start playing at once. */
  autoPlay?: boolean
  /** What to render for a state; default: the styled `<RunTimeline>`. */
  view?: (state: RunState) => ReactNode
  /** Show the raw event inspector under the view. Default true. */
  inspector?: boolean
}

/** A `fileUrl` that serves the replay's own files (object URLs) and falls back to the proxy path. */
export function replayFileUrl(files: Readonly<Record<string, string>>): FileUrl {
  return (fileId) => files[fileId] ?? defaultFileUrl(fileId)
}

const defaultView = (state: RunState) => <RunTimeline run={state} />

/**
 * A run replayed through the core reducer with the replay control above it: the components see a
 * `RunState` exactly as a live stream would have left it after the chosen event.
 */
export function RunReplay({
  replay,
  at = 'end',
  autoPlay,
  view = defaultView,
  inspector = true,
}: RunReplayProps) {
  const { tape, files, label } = replay
  return (
    <RunlineComponentsProvider fileUrl={replayFileUrl(files)}>
      <ReplayPlayer
        tape={tape}
        initialPosition={resolvePosition(tape, at)}
        autoPlay={autoPlay}
        source={label}
      >
        {(state, position) => (
          <>
            {view(state)}
            {inspector && <EventInspector state={state} event={tape.events[position - 1]} />}
          </>
        )}
      </ReplayPlayer>
    </RunlineComponentsProvider>
  )
}
