import './backend.css'
import type { Backend } from './backend.js'

/** Props of {@link BackendSwitch}. */
export interface BackendSwitchProps {
  backends: readonly Backend[]
  value: string
  onChange(id: string): void
}

/** The backend switch: a `<select>` named "Backend" listing what the server offers. */
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
        {backends.map((backend) => (
          <option key={backend.id} value={backend.id}>
            {backend.label}
          </option>
        ))}
      </select>
    </div>
  )
}
