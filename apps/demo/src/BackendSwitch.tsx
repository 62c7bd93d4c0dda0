import './backend.css'
import type { Backend } from './backend.js'
import { CHAT_WIRES } from './ChatView.js'

/** Props of {@link BackendSwitch}. */
export interface BackendSwitchProps {
  backends: readonly Backend[]
  value: string
  onChange(id: string): void
}

/**
 * The backend switch: a `<select>` named "Backend" listing what the server offers. Backends on a wire
 * this build cannot chat on yet are listed, disabled, so the choice is visible.
 */
export function BackendSwitch({ backends, value, onChange }: BackendSwitchProps) {
  return (
    <div className="backend-switch">
      <label className="sidebar__heading" htmlFor="backend-switch">
        Backend
      </label>
      <select
        id="backend-switch"
        className="backend-switch__select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {backends.map((backend) => {
          const ready = CHAT_WIRES.has(backend.wire)
          return (
            <option key={backend.id} value={backend.id} disabled={!ready}>
              {ready ? backend.label : `${backend.label} (coming in this build)`}
            </option>
          )
        })}
      </select>
    </div>
  )
}
