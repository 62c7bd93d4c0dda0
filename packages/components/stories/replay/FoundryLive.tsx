import { RunlineComponentsProvider, RunTimeline, type ToolApprovalDecision } from '@runline/components'
import { type ApprovalRule, RunlineProvider, useRunStream } from '@runline/hooks'
import { useEffect, useRef, useState } from 'react'
import { createFoundryFake } from '../../../hooks/src/test-utils/foundry-fake.js'
import { liveIds } from './foundry.js'
import './replay.css'

/** Props of {@link FoundryLive}. */
export interface FoundryLiveProps {
  /** The app's approval rule (`useRunStream`'s `approve`). */
  approve?: ApprovalRule
  /** Who decides, as `onDecision` reports it. */
  decidedBy?: string
}

/**
 * A live Foundry run in the page: `useRunStream` and the real controller, parser and reducer against
 * a fake Foundry server that speaks spec-shaped SSE (MCP tools listed, two calls awaiting approval).
 * The decisions a person makes are sent for real and listed below as an audit log (`onDecision`).
 */
export function FoundryLive(props: FoundryLiveProps) {
  const [fake] = useState(() => createFoundryFake({ ids: liveIds() }))
  return (
    <RunlineProvider client={fake.client}>
      <RunlineComponentsProvider>
        <FoundryRun {...props} />
      </RunlineComponentsProvider>
    </RunlineProvider>
  )
}

function FoundryRun({ approve, decidedBy }: FoundryLiveProps) {
  const run = useRunStream({ assistantId: 'asst_fdry_docs', approve })
  const [log, setLog] = useState<ToolApprovalDecision[]>([])
  const started = useRef(false)
  useEffect(() => {
    if (started.current) return
    started.current = true
    void run.start({ message: 'How do tool approvals work?' })
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
