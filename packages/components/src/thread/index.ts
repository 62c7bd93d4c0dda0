// The conversation: headless parts (one DOM node each, state as `data-state`, props spread onto
// the node) and the styled default built from them, assembled here into the `RunThread` namespace.

import { Composer, ComposerHint, ComposerInput, ComposerSend } from './composer.js'
import { Empty, LoadEarlier, Loading, ThreadError } from './notices.js'
import { Root } from './root.js'
import { DefaultComposer, RunThreadDefault } from './styled.js'
import { Live, Turn, UserMessage } from './turns.js'
import { Viewport } from './viewport.js'

export type {
  ComposerHintProps,
  ComposerInputProps,
  ComposerProps,
  ComposerSendProps,
} from './composer.js'
export type { LiveRow, RunThreadContextValue, ThreadRow } from './context.js'
export { useRunThreadContext } from './context.js'
export type { EmptyProps, LoadEarlierProps, LoadingProps, ThreadErrorProps } from './notices.js'
export type { RootProps as RunThreadRootProps } from './root.js'
export type { DefaultComposerProps, RunThreadProps } from './styled.js'
export type { LiveProps, TurnProps, UserMessageProps } from './turns.js'
export { renderThreadRow } from './turns.js'
export type { ViewportProps } from './viewport.js'

/**
 * `<RunThread assistantId threadId? />` (or `wire="responses" model`), the whole conversation styled, with the headless parts
 * attached for custom layouts: `RunThread.Root`, `.Viewport`, `.UserMessage`, `.Turn`, `.Live`,
 * `.LoadEarlier`, `.Loading`, `.Empty`, `.Error`, `.Composer`, `.ComposerInput`, `.ComposerSend`,
 * `.ComposerHint`, and `.DefaultComposer` (the styled composer).
 */
export const RunThread = Object.assign(RunThreadDefault, {
  Root,
  Viewport,
  UserMessage,
  Turn,
  Live,
  LoadEarlier,
  Loading,
  Empty,
  Error: ThreadError,
  Composer,
  ComposerInput,
  ComposerSend,
  ComposerHint,
  DefaultComposer,
})
