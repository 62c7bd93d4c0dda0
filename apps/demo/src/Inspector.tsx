import { memo, useState, useSyncExternalStore } from 'react'
import { describeEvent, type EventLog, type LoggedEvent } from './event-log.js'
import { CloseIcon } from './icons.js'

// While a run streams, every redraw replaces the whole list (new events push the old ones out), so
// each row costs style, layout and paint several times a second: keep a screenful or two.
const VISIBLE_ROWS = 40

const ms = (value: number | null) =>
  value === null ? '—' : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`

/** One event row; the JSON is only built when the row is opened. */
const EventRow = memo(function EventRow({ entry }: { entry: LoggedEvent }) {
  const [open, setOpen] = useState(false)
  return (
    <li className="inspector__event" data-event={entry.event}>
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          <span className="inspector__seq">#{entry.seq}</span>
          <span className="inspector__name">{entry.event}</span>
          <span className="inspector__time" title={`${entry.gap.toFixed(1)} ms after the previous event`}>
            +{entry.at.toFixed(0)} ms
          </span>
          <span className="inspector__detail">{describeEvent(entry.event, entry.data)}</span>
        </summary>
        {open ? <pre className="inspector__json">{JSON.stringify(entry.data, null, 2)}</pre> : null}
      </details>
    </li>
  )
})

/** Props of {@link Inspector}. */
export interface InspectorProps {
  log: EventLog
  onClose(): void
}

/**
 * The event inspector: the current run's raw events as they arrived — counts per type, timings,
 * and the most recent events (open one to see its JSON). Redraws a few times per second at most.
 */
export function Inspector({ log, onClose }: InspectorProps) {
  const snapshot = useSyncExternalStore(log.subscribe, log.getSnapshot, log.getSnapshot)
  const rows = snapshot.recent.slice(-VISIBLE_ROWS).reverse()
  const span =
    snapshot.lastAt !== null && snapshot.firstAt !== null ? snapshot.lastAt - snapshot.firstAt : null
  const rate = span && span > 0 ? Math.round((snapshot.total / span) * 1000) : null

  return (
    <aside className="inspector" aria-labelledby="inspector-title">
      <header className="inspector__header">
        <h2 id="inspector-title">Event inspector</h2>
        <button
          type="button"
          className="demo-icon-button"
          aria-label="Close event inspector"
          onClick={onClose}
        >
          <CloseIcon />
        </button>
      </header>
      {/* The frame is there before the first event, so a run's first redraw only fills it in. */}
      <dl className="inspector__stats">
        <div>
          <dt>Events</dt>
          <dd data-testid="inspector-total">{snapshot.total.toLocaleString('en')}</dd>
        </div>
        <div>
          <dt>First event</dt>
          <dd>{ms(snapshot.firstAt)}</dd>
        </div>
        <div>
          <dt>Last event</dt>
          <dd>{ms(snapshot.lastAt)}</dd>
        </div>
        <div>
          <dt>Rate</dt>
          <dd>{rate === null ? '—' : `${rate.toLocaleString('en')}/s`}</dd>
        </div>
      </dl>
      <table className="inspector__counts">
        <caption>Events by type</caption>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Count</th>
            <th scope="col">First at</th>
          </tr>
        </thead>
        <tbody>
          {snapshot.counts.map((row) => (
            <tr key={row.event}>
              <th scope="row">{row.event}</th>
              <td>{row.count.toLocaleString('en')}</td>
              <td>{ms(row.firstAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="inspector__subtitle">
        Latest events
        {snapshot.total > rows.length
          ? ` (last ${rows.length} of ${snapshot.total.toLocaleString('en')})`
          : ''}
      </h3>
      {snapshot.total === 0 ? (
        <p className="inspector__empty">
          Send a message: the run's raw stream events appear here as they arrive.
        </p>
      ) : (
        <ol className="inspector__events">
          {rows.map((entry) => (
            <EventRow key={entry.seq} entry={entry} />
          ))}
        </ol>
      )}
      <p className="inspector__note">Times are measured from Send (or from re-attaching after a reload).</p>
    </aside>
  )
}
