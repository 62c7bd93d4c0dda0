import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { SendIcon } from './icons.js'

/** Props of {@link Composer}. */
export interface ComposerProps {
  /** True while a run is active: nothing can be typed or sent (the timeline keeps "Cancel run"). */
  disabled: boolean
  onSend(text: string): void
  /** The "Answer get_weather automatically" switch. */
  autoWeather: boolean
  onAutoWeatherChange(value: boolean): void
  /** Words shown under the box while disabled, e.g. why. */
  hint?: string
}

/**
 * The message box: Enter sends, Shift+Enter adds a line (and Enter while an IME is composing
 * does neither). Disabled while a run is active; focus comes back when the run ends.
 */
export function Composer({ disabled, onSend, autoWeather, onAutoWeatherChange, hint }: ComposerProps) {
  const [text, setText] = useState('')
  const box = useRef<HTMLTextAreaElement>(null)
  const hintId = useId()
  const wasDisabled = useRef(disabled)

  useEffect(() => {
    // Give the keyboard back once the run the user started has ended.
    if (wasDisabled.current && !disabled) box.current?.focus()
    wasDisabled.current = disabled
  }, [disabled])

  const canSend = !disabled && text.trim() !== ''
  const send = () => {
    if (!canSend) return
    onSend(text.trim())
    setText('')
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    send()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
    event.preventDefault()
    send()
  }

  return (
    <form className="composer" onSubmit={onSubmit} data-disabled={disabled || undefined}>
      <div className="composer__box">
        <textarea
          ref={box}
          className="composer__input"
          aria-label="Message"
          aria-describedby={hintId}
          placeholder={
            disabled
              ? 'Waiting for the run to finish…'
              : 'Ask something — try “weather in Paris and in Tokyo”'
          }
          rows={1}
          value={text}
          disabled={disabled}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="demo-button demo-button--primary composer__send" disabled={!canSend}>
          <SendIcon />
          <span>Send</span>
        </button>
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
        <span id={hintId} className="composer__hint">
          {hint ?? (
            <>
              <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
            </>
          )}
        </span>
      </div>
    </form>
  )
}
