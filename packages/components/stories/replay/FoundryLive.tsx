import { RunlineComponentsProvider, RunTimeline, type ToolApprovalDecision } from '@runline/components'
import { createRunlineClient } from '@runline/core'
import { type ApprovalRule, RunlineProvider, useRunStream } from '@runline/hooks'
import { createSimulator, DEMO_ASSISTANT_ID } from '@runline/simulator'
import { useEffect, useRef, useState } from 'react'
import './replay.css'

/** Props of {@link FoundryLive}. */
export interface FoundryLiveProps {
  /** The app's approval rule (`useRunStream`'s `approve`). */
  approve?: ApprovalRule
  /** Who decides, as `onDecision` reports it. */
  decidedBy?: string
}

/**
 * A core client on the simulator's Foundry face in the page: every request gets `api-version=v1` and
 * the face's bearer token, as a Foundry project endpoint wants them.
 */
function createFoundryClient() {
  const { foundry } = createSimulator({ delayMs: 0, seed: 7 })
  const fetchFoundry = ((input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    url.searchParams.set('api-version', 'v1')
    const headers = new Headers(request.headers)
    headers.set('authorization', `Bearer ${foundry.token}`)
    return foundry.fetchLike(new Request(url, { ...init, method: request.method, headers, body: init?.body }))
  }) as typeof fetch
  return createRunlineClient({
    baseUrl: `https://runline-sim.services.ai.azure.com${foundry.basePath}`,
    fetch: fetchFoundry,
  })
}

/**
 * A live Foundry run in the page: `useRunStream` and the real controller, parser and reducer against
 * the simulator's Foundry face (its MCP scenario: tools listed, two calls awaiting approval).
 * The decisions a person makes are sent for real and listed below as an audit log (`onDecision`).
 */
export function FoundryLive(props: FoundryLiveProps) {
  const [client] = useState(createFoundryClient)
  return (
    <RunlineProvider client={client}>
      <RunlineComponentsProvider>
        <FoundryRun {...props} />
      </RunlineComponentsProvider>
    </RunlineProvider>
  )
}

function FoundryRun({ approve, decidedBy }: FoundryLiveProps) {
  const run = useRunStream({ assistantId: DEMO_ASSISTANT_ID, approve })
  const [log, setLog] = useState<ToolApprovalDecision[]>([])
  const started = useRef(false)
  useEffect(() => {
    if (started.current) return
    started.current = true
    void run.start({ message: 'Use the MCP tools, I will approve the calls' })
  }, [run])
  return (
    <div className="rl-frame">
      <RunTimeline
        run={run}
        decidedBy={decidedBy}
        onApprovalDecision={(decision) => setLog((entries) => [...entries, decision])}
      />
      <section className="rl-replay__audit" aria-label="Audit log">
        <h2>Audit log</h2>
        {log.length === 0 ? (
          <p>No decisions yet.</p>
        ) : (
          <ol>
            {log.map((entry) => (
              <li key={entry.callId}>
                {entry.approve ? 'Approved' : 'Denied'} {entry.serverLabel}/{entry.tool}
                {entry.by ? ` by ${entry.by}` : ''} · arguments sha256{' '}
                <code>{entry.argumentsHash?.slice(0, 12)}…</code>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  )
}
