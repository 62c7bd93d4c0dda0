import { RunThread } from '@runline/components'
import { SendIcon } from './icons.js'

/** Props of {@link Composer}. */
export interface ComposerProps {
  /** The "Answer get_weather automatically" switch. */
  autoWeather: boolean
  onAutoWeatherChange(value: boolean): void
}

/**
 * The demo's message box, built from the kit's composer parts (they bring Enter to send, the
 * waiting while a run is under way and the hint) in the demo's own look, plus the weather switch.
 */
export function Composer({ autoWeather, onAutoWeatherChange }: ComposerProps) {
  return (
    <RunThread.Composer className="composer">
      <div className="composer__box">
        <RunThread.ComposerInput
          className="composer__input"
          placeholder="Ask something — try “weather in Paris and in Tokyo”"
        />
        <RunThread.ComposerSend className="demo-button demo-button--primary composer__send">
          <SendIcon />
          <span>Send</span>
        </RunThread.ComposerSend>
      </div>
      <div className="composer__footer">
        <label className="demo-switch">
          <input
            type="checkbox"
            checked={autoWeather}
            onChange={(event) => onAutoWeatherChange(event.target.checked)}
          />
          <span>Answer get_weather automatically</span>
        </label>
        <RunThread.ComposerHint className="composer__hint" />
      </div>
    </RunThread.Composer>
  )
}
