import {
  type RunState,
  type RunStreamEvent,
  selectError,
  selectMessages,
  selectRunSteps,
  selectStatus,
} from '@runline/core'

/** Props of {@link EventInspector}. */
export interface EventInspectorProps {
  state: RunState
  /** The event that produced `state` (the last one applied), if any. */
  event: RunStreamEvent | undefined
}

const MAX_JSON = 1600

/**
 * The raw side of a replay: the event just applied (as JSON) and what the reducer made of it, so a
 * person stepping through a run sees cause and effect side by side.
 */
export function EventInspector({ state, event }: EventInspectorProps) {
  const error = selectError(state)
  const json = event ? JSON.stringify('data' in event ? event.data : null, null, 2) : ''
  return (
    <section className="rl-inspector" aria-label="Event inspector">
      <dl className="rl-inspector__facts">
        <dt>Reducer status</dt>
        <dd data-testid="inspector-status">{selectStatus(state)}</dd>
        <dt>Stream phase</dt>
        <dd>{state.phase}</dd>
        <dt>Run</dt>
        <dd>{state.run ? `${state.run.id} (${state.run.status})` : '—'}</dd>
        <dt>Steps / messages</dt>
        <dd>
          {selectRunSteps(state).length} / {selectMessages(state).length}
        </dd>
        <dt>Error</dt>
        <dd>{error ? `${error.code}: ${error.message}` : '—'}</dd>
      </dl>
      <details className="rl-inspector__event">
        <summary>{event ? `Last event: ${event.event}` : 'No event applied yet'}</summary>
        {event ? (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe: scrollable-region-focusable).
          <pre tabIndex={0}>{json.length > MAX_JSON ? `${json.slice(0, MAX_JSON)}\n…` : json}</pre>
        ) : null}
      </details>
    </section>
  )
}
