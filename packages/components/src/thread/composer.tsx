import { type RunState, type RunUiStatus, selectRequiredApprovals } from '@runline/core'
import { useRunSelector } from '@runline/hooks'
import {
  type ComponentPropsWithoutRef,
  createContext,
  forwardRef,
  type KeyboardEvent,
  type ReactNode,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react'
import { cx } from '../cx.js'
import { useRunThreadContext } from './context.js'
import { useMergedRef } from './merge-ref.js'

interface ComposerContextValue {
  text: string
  setText(text: string): void
  /** Sends the text (when there is any and nothing is under way) and empties the box. */
  submit(): void
  canSend: boolean
  hintId: string
  /** A `ComposerHint` is rendered (the input is described by it). */
  hasHint: boolean
  setHasHint(value: boolean): void
  active: boolean
  status: RunUiStatus
}

const ComposerContext = createContext<ComposerContextValue | null>(null)

function useComposer(): ComposerContextValue {
  const value = useContext(ComposerContext)
  if (!value) throw new Error('Runline: render this part inside <RunThread.Composer>.')
  return value
}

/**
 * What the composer says while it waits for the live run, by the run's status and, when it requires
 * action, by what it waits for (tool outputs, or approvals of tool calls).
 */
export function composerHint(status: RunUiStatus, waitsForApproval = false): string {
  if (status === 'requires_action' && waitsForApproval)
    return 'The run is waiting for your approval — decide above.'
  if (status === 'requires_action') return 'The run is waiting for tool outputs — answer them above.'
  return 'The assistant is answering… use “Cancel run” to stop it.'
}

const waitsForApprovalOf = (state: RunState) => selectRequiredApprovals(state).length > 0

/** Props of `RunThread.Composer`. */
export interface ComposerProps extends ComponentPropsWithoutRef<'form'> {}

/**
 * The message form: holds the text for `ComposerInput`, `ComposerSend` and `ComposerHint` (its
 * default content is the first two). Submitting sends through the thread and empties the box; a
 * message that could not be sent comes back into it. One `form` with `data-state` = idle | busy.
 */
export const Composer = forwardRef<HTMLFormElement, ComposerProps>(function Composer(
  { className, children, onSubmit, ...props },
  ref,
) {
  const { thread } = useRunThreadContext()
  const [text, setText] = useState('')
  const hintId = useId()
  const [hasHint, setHasHint] = useState(false)
  const { active, status, send } = thread
  const canSend = !active && text.trim() !== ''
  const value = useMemo<ComposerContextValue>(() => {
    const submit = () => {
      if (!canSend) return
      const sent = text.trim()
      setText('')
      void send(sent).then((ok) => {
        if (!ok) setText((now) => (now === '' ? sent : now))
      })
    }
    return { text, setText, submit, canSend, hintId, hasHint, setHasHint, active, status }
  }, [text, canSend, hintId, hasHint, active, status, send])
  const handleSubmit: NonNullable<ComposerProps['onSubmit']> = (event) => {
    onSubmit?.(event)
    if (event.defaultPrevented) return
    event.preventDefault()
    value.submit()
  }
  return (
    <ComposerContext.Provider value={value}>
      <form
        ref={ref}
        className={cx('rl-thread__composer', className)}
        data-state={active ? 'busy' : 'idle'}
        onSubmit={handleSubmit}
        {...props}
      >
        {children ?? (
          <>
            <ComposerInput />
            <ComposerSend />
          </>
        )}
      </form>
    </ComposerContext.Provider>
  )
})

/** Props of `RunThread.ComposerInput`. */
export interface ComposerInputProps extends Omit<ComponentPropsWithoutRef<'textarea'>, 'value'> {
  /** Shown while a run is under way (default "Waiting for the run to finish…"). */
  busyPlaceholder?: string
}

/**
 * The message box, named "Message": Enter sends, Shift+Enter adds a line (Enter while an input
 * method is composing does neither). Disabled while a run is under way, described by the hint; the
 * keyboard comes back to it when the run ends. One `textarea` with `data-state` = idle | busy.
 */
export const ComposerInput = forwardRef<HTMLTextAreaElement, ComposerInputProps>(function ComposerInput(
  { className, placeholder, busyPlaceholder, onKeyDown, onChange, disabled, ...props },
  ref,
) {
  const { text, setText, submit, hintId, hasHint, active } = useComposer()
  const box = useRef<HTMLTextAreaElement | null>(null)
  const setRefs = useMergedRef(ref, box)
  useFocusWhenIdle(box, active)
  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    onKeyDown?.(event)
    if (event.defaultPrevented) return
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
    event.preventDefault()
    submit()
  }
  return (
    <textarea
      ref={setRefs}
      aria-label="Message"
      aria-describedby={hasHint ? hintId : undefined}
      className={cx('rl-thread__input', className)}
      data-state={active ? 'busy' : 'idle'}
      rows={1}
      placeholder={
        active ? (busyPlaceholder ?? 'Waiting for the run to finish…') : (placeholder ?? 'Message…')
      }
      value={text}
      disabled={disabled || active}
      onChange={(event) => {
        onChange?.(event)
        setText(event.target.value)
      }}
      onKeyDown={handleKeyDown}
      {...props}
    />
  )
})

/** Gives the keyboard back to the box once the run the user started has ended (if nothing else took it). */
function useFocusWhenIdle(box: { current: HTMLTextAreaElement | null }, active: boolean) {
  const wasActive = useRef(active)
  useEffect(() => {
    const element = box.current
    const focused = element?.ownerDocument.activeElement
    const free = !focused || focused === element?.ownerDocument.body
    if (wasActive.current && !active && element && free) element.focus()
    wasActive.current = active
  }, [active, box])
}

/** Props of `RunThread.ComposerSend`. */
export interface ComposerSendProps extends Omit<ComponentPropsWithoutRef<'button'>, 'type'> {}

/** The "Send" button: enabled when there is text and no run under way. One `button` with `data-state` = idle | busy. */
export const ComposerSend = forwardRef<HTMLButtonElement, ComposerSendProps>(function ComposerSend(
  { className, children, disabled, ...props },
  ref,
) {
  const { canSend, active } = useComposer()
  return (
    <button
      ref={ref}
      type="submit"
      className={cx('rl-button rl-button--primary rl-thread__send', className)}
      data-state={active ? 'busy' : 'idle'}
      disabled={disabled || !canSend}
      {...props}
    >
      {children ?? 'Send'}
    </button>
  )
})

/** Props of `RunThread.ComposerHint`. */
export interface ComposerHintProps extends ComponentPropsWithoutRef<'span'> {
  /** What it says while idle (default: how Enter and Shift+Enter work). */
  children?: ReactNode
}

/**
 * What the message box is waiting for (the input's description): why it is disabled while a run is
 * under way, else `children` (default: Enter to send, Shift+Enter for a new line). One `span`.
 */
export const ComposerHint = forwardRef<HTMLSpanElement, ComposerHintProps>(function ComposerHint(
  { className, children, ...props },
  ref,
) {
  const { hintId, setHasHint, active, status } = useComposer()
  const waitsForApproval = useRunSelector(useRunThreadContext().run, waitsForApprovalOf)
  useEffect(() => {
    setHasHint(true)
    return () => setHasHint(false)
  }, [setHasHint])
  return (
    <span
      ref={ref}
      id={hintId}
      className={cx('rl-thread__hint', className)}
      data-state={active ? 'busy' : 'idle'}
      {...props}
    >
      {active
        ? composerHint(status, waitsForApproval)
        : (children ?? (
            <>
              <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
            </>
          ))}
    </span>
  )
})
