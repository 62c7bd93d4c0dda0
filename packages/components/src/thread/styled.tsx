import type { ReactNode } from 'react'
import { cx } from '../cx.js'
import { Composer, ComposerHint, ComposerInput, type ComposerProps, ComposerSend } from './composer.js'
import { Empty, LoadEarlier, Loading, ThreadError } from './notices.js'
import { Root, type RootProps } from './root.js'
import { Viewport, type ViewportProps } from './viewport.js'

/** Props of `<RunThread>`. */
export interface RunThreadProps extends RootProps {
  /** Draws a row (see `RunThread.Viewport`); keep it stable. */
  renderRow?: ViewportProps['renderRow']
  /** Virtualize long conversations (default: on past 30 rows). */
  windowing?: ViewportProps['windowing']
  /** Stick to the bottom while the reader is there (default true). */
  follow?: boolean
  /** What an empty conversation shows (default: "No messages yet"). Parts can `useRunThreadContext()` to send. */
  empty?: ReactNode
  /** In place of the default composer (built from the `Composer*` parts); `null` for none. */
  composer?: ReactNode
  /** Placeholder of the default composer's box. */
  placeholder?: string
}

/**
 * The drop-in conversation: the thread's history (each past run with its steps), the message you
 * sent (at once, then the server's copy), the live run with "Cancel run" and the tool-output form,
 * and a composer ("Message", "Send"; waiting while a run is under way). It sticks to the bottom
 * while you are there, windows long threads and pages to earlier messages. Built only from the
 * public parts. `children` go between the conversation and the composer (e.g. a banner).
 *
 * ```tsx
 * <RunlineProvider client={client}><RunThread assistantId="asst_runline_demo" /></RunlineProvider>
 * // The Responses wire: the thread is a conversation, its items the history.
 * <RunThread wire="responses" model="runline-sim" threadId={conversationId} onThreadCreated={setConversationId} />
 * ```
 */
export function RunThreadDefault({
  renderRow,
  windowing,
  follow,
  empty,
  composer,
  placeholder,
  className,
  children,
  ...rootProps
}: RunThreadProps): ReactNode {
  return (
    <Root {...rootProps} className={cx('rl-thread--styled', className)}>
      <Viewport renderRow={renderRow} windowing={windowing} follow={follow}>
        <LoadEarlier />
        <Loading />
        <Empty>{empty}</Empty>
      </Viewport>
      <div className="rl-thread__footer">
        <ThreadError />
        {children}
        {composer === undefined ? <DefaultComposer placeholder={placeholder} /> : composer}
      </div>
    </Root>
  )
}

/** Props of `RunThread.DefaultComposer`. */
export interface DefaultComposerProps extends ComposerProps {
  /** Placeholder of the box while idle. */
  placeholder?: string
  /** Extra controls in the footer, before the hint (e.g. a switch). */
  footer?: ReactNode
}

/** The styled composer: the box and "Send" in one rounded field, the hint below. */
export function DefaultComposer({
  placeholder,
  footer,
  className,
  ...props
}: DefaultComposerProps): ReactNode {
  return (
    <Composer {...props} className={cx('rl-thread__composer--styled', className)}>
      <div className="rl-thread__field">
        <ComposerInput placeholder={placeholder} />
        <ComposerSend />
      </div>
      <div className="rl-thread__composer-footer">
        {footer}
        <ComposerHint />
      </div>
    </Composer>
  )
}
