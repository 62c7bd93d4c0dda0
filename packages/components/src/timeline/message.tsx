'use client'

import type { Message } from '@runline/core'
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from 'react'
import { cx } from '../cx.js'
import { MessageContent } from '../message-content.js'
import { usePartSettings } from '../timeline-context.js'

/** Props of `RunTimeline.Message`. */
export interface MessageProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  message: Message
  /** Defaults to the message's content: markdown, citation chips, images. */
  children?: ReactNode
}

/**
 * A message's content, rendered as safe markdown while it streams, with citation chips and images.
 * One `div` with `data-state` = in_progress | completed | incomplete and `data-role`.
 */
export const MessagePart = forwardRef<HTMLDivElement, MessageProps>(function Message(
  { message, className, children, ...props },
  ref,
) {
  const { fileUrl, fileNames, headingOffset } = usePartSettings()
  const streaming = message.status === 'in_progress'
  return (
    <div
      ref={ref}
      className={cx('rl-message', className)}
      data-state={message.status}
      data-role={message.role}
      aria-busy={streaming || undefined}
      {...props}
    >
      {children ?? (
        <>
          <MessageContent
            message={message}
            fileUrl={fileUrl}
            fileNames={fileNames}
            headingOffset={headingOffset}
            caret={streaming}
          />
          {/* The markdown draws the caret at the end of its last text; an empty message shows it here. */}
          {streaming && (message.content ?? []).length === 0 && (
            <span className="rl-caret" aria-hidden="true" />
          )}
          {message.status === 'incomplete' && (
            <p className="rl-muted rl-message__cut">
              Cut short{message.incomplete_details?.reason ? ` (${message.incomplete_details.reason})` : ''}.
            </p>
          )}
        </>
      )}
    </div>
  )
})
