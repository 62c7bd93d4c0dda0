import { RunlineComponentsProvider, RunTimeline } from '@runline/components'
import { createRunlineClient } from '@runline/core'
import { RunlineProvider, useRunStream } from '@runline/hooks'
import { createSimulator, RESPONSES_MODEL } from '@runline/simulator'
import { useEffect, useRef, useState } from 'react'
import './replay.css'

/** The simulator's OpenAI face as the page's client sees it (requests never leave the page). */
const SIM_BASE_URL = 'http://sim.local/v1'

/** Props of {@link ResponsesLive}. */
export interface ResponsesLiveProps {
  /** The turn's user message; its words pick the simulator's scenario. */
  prompt: string
}

/**
 * A core client on the simulator's Responses face in the page: `/responses` and `/conversations`
 * through `sim.fetchLike`, as a proxy in front of OpenAI would serve them.
 */
function createResponsesClient() {
  const sim = createSimulator({ delayMs: 0, seed: 11 })
  return createRunlineClient({ baseUrl: SIM_BASE_URL, fetch: sim.fetchLike })
}

/**
 * A live Responses turn in the page: `useRunStream({ wire: 'responses', model: 'runline-sim' })` and
 * the real controller, parser and reducer against the simulator's Responses face. The turn starts in
 * a new conversation; what it waits for (an MCP approval) is answered by the person, for real, in the
 * turn's next response.
 */
export function ResponsesLive(props: ResponsesLiveProps) {
  const [client] = useState(createResponsesClient)
  return (
    <RunlineProvider client={client}>
      <RunlineComponentsProvider>
        <ResponsesTurn {...props} />
      </RunlineComponentsProvider>
    </RunlineProvider>
  )
}

function ResponsesTurn({ prompt }: ResponsesLiveProps) {
  const run = useRunStream({ wire: 'responses', model: RESPONSES_MODEL })
  const started = useRef(false)
  useEffect(() => {
    if (started.current) return
    started.current = true
    void run.start({ message: prompt })
  }, [run, prompt])
  return (
    <div className="rl-frame">
      <RunTimeline run={run} />
    </div>
  )
}
