import { RunlineComponentsProvider, RunTimeline } from '@runline/components'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { createLiveRun, type LiveRun, type LiveRunOptions } from './live.js'
import './replay.css'

/** Props of {@link LiveRunView}. */
export interface LiveRunViewProps extends LiveRunOptions {
  /** The user message that starts the run (it picks the simulator's scenario). */
  prompt: string
  /** What to render for the live handle; default: the styled `<RunTimeline>`. */
  view?: (run: LiveRun) => ReactNode
}

const defaultView = (run: LiveRun) => <RunTimeline run={run} />

/**
 * A live run against the in-page simulator: started once on mount, streamed by the core client into
 * a run store, and shown through a handle, so "Cancel run" and "Submit tool outputs" really call the
 * simulator and the run continues on a new stream.
 */
export function LiveRunView({ prompt, view = defaultView, ...options }: LiveRunViewProps) {
  const [run] = useState(() => createLiveRun(options))
  const started = useRef(false)
  useEffect(() => {
    if (started.current) return
    started.current = true
    void run.start(prompt)
  }, [run, prompt])
  return (
    <RunlineComponentsProvider>
      <div className="rl-frame">{view(run)}</div>
    </RunlineComponentsProvider>
  )
}
