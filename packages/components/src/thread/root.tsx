import {
  type RunHandle,
  type RunHandleLike,
  type ThreadHistorySource,
  type ThreadWire,
  threadHistories,
  type UseRunStreamOptions,
  useRunStream,
  useRunThread,
} from '@runline/hooks'
import { type ComponentPropsWithoutRef, forwardRef, type Ref, useMemo, useRef, useState } from 'react'
import type { FileUrl, ToolRenderers } from '../context.js'
import { cx } from '../cx.js'
import type { OutputSchemas } from '../required-action.js'
import {
  LIVE_ROW,
  RunThreadContext,
  type RunThreadContextValue,
  type ThreadSettings,
  ThreadSettingsContext,
} from './context.js'

/** Props of `RunThread.Root`. */
export interface RootProps extends ComponentPropsWithoutRef<'div'> {
  /** The assistant of the runs the thread starts (with the inside run; a given `run` has its own). */
  assistantId?: string
  /**
   * The wire (default `'assistants'`, or `runOptions.wire`): `'responses'` speaks OpenAI Responses
   * + Conversations (Foundry's new agents): `threadId` is then a conversation id, the first Send
   * creates a conversation, and the history is its items (`responsesHistory`). With your own `run`,
   * name the wire it speaks.
   */
  wire?: ThreadWire
  /** Responses wire: the model (or the server's agent profile) of the inside run (or `runOptions.model`). */
  model?: string
  /**
   * The conversation (a thread; Responses: a conversation id). Without one, the first Send creates
   * it (`onThreadCreated` says which); passing that id back keeps everything as it is. Another id
   * starts a fresh view of that conversation.
   */
  threadId?: string | null
  /** The first Send created a thread (Responses: a conversation). */
  onThreadCreated?: (threadId: string) => void
  /** A message is on its way (e.g. to name the conversation after its first message). */
  onSend?: (text: string, threadId: string) => void
  /**
   * The live run: a `useRunStream` handle, preferably its selector form (`useRunStream(options,
   * selector)`), so its owner does not re-render on every delta. Default: one made inside.
   */
  run?: RunHandle
  /**
   * Options of the run made inside (tools, resume, callbacks, `wire`, `model`, ...); the thread (or
   * conversation) and the assistant come from here.
   */
  runOptions?: Omit<UseRunStreamOptions, 'threadId' | 'conversationId' | 'assistantId'>
  /** Where the history comes from and how a turn is sent (default: the wire's, `threadHistories`). Keep it constant. */
  history?: ThreadHistorySource
  /** Messages per history page (default 30). */
  pageSize?: number
  /** Where images and generated files load from (every timeline of the thread). */
  fileUrl?: FileUrl
  /** Per-tool renderers for function calls (every timeline of the thread). */
  toolRenderers?: ToolRenderers
  /** Output schemas of the live run's tool-output form. */
  outputSchemas?: OutputSchemas
}

const selectNothing = () => 0

/** Which view of a thread is on: a new one when `threadId` names another thread than the one in view. */
interface Session {
  key: number
  given: string | null
  created: string | null
}

/**
 * Holds a conversation for the parts below it: its history, the message on its way and the live
 * run (`useRunThread`), shared through context. Renders one `div` with `data-state` = idle | active
 * and `data-status` (the live run's status).
 */
export const Root = forwardRef<HTMLDivElement, RootProps>(function Root(
  { threadId, onThreadCreated, ...props },
  ref,
) {
  const given = threadId ?? null
  const [session, setSession] = useState<Session>({ key: 0, given, created: null })
  let current = session
  if (given !== session.given) {
    // The thread the first Send created, handed back by the app, is the same view.
    current =
      given !== null && given === session.created
        ? { ...session, given }
        : { key: session.key + 1, given, created: null }
    setSession(current)
  }
  const latest = useRef(onThreadCreated)
  latest.current = onThreadCreated
  const [created] = useState(() => (id: string) => {
    setSession((s) => ({ ...s, created: id }))
    latest.current?.(id)
  })
  const inner: ThreadViewProps = {
    ...props,
    threadId: current.given ?? current.created,
    onThreadCreated: created,
    rootRef: ref,
  }
  return props.run ? (
    <ThreadView key={current.key} {...inner} run={props.run} />
  ) : (
    <ThreadWithOwnRun key={current.key} {...inner} />
  )
})

interface ThreadViewProps extends Omit<RootProps, 'threadId'> {
  threadId: string | null
  rootRef: Ref<HTMLDivElement>
}

/** A run made inside, for one thread (the session remounts it for another). */
function ThreadWithOwnRun({ assistantId, model, runOptions, ...props }: ThreadViewProps) {
  const [initialThread] = useState(props.threadId)
  const wire = props.wire ?? runOptions?.wire
  // The selector form: this component re-renders when the status or ids change, not per delta.
  const run = useRunStream(
    { ...runOptions, wire, model: model ?? runOptions?.model, assistantId, threadId: initialThread },
    selectNothing,
  )
  return <ThreadView {...props} wire={wire} run={run} />
}

function ThreadView({
  run,
  threadId,
  onThreadCreated,
  onSend,
  wire,
  history = threadHistories[wire ?? 'assistants'],
  pageSize,
  fileUrl,
  toolRenderers,
  outputSchemas,
  rootRef,
  assistantId: _assistantId,
  model: _model,
  runOptions: _runOptions,
  className,
  children,
  ...props
}: ThreadViewProps & { run: RunHandle }) {
  const thread = useRunThread({ run, threadId, wire, history, pageSize, onThreadCreated, onSend })
  const { store, cancel, submitToolOutputs, submitToolApprovals, handledToolCalls } = run
  // What the timeline calls: the same object while these stay (a new handle object per render must not re-render rows).
  // Every command the timeline's forms send goes through it: tool outputs, and approvals (Foundry MCP calls).
  const handle = useMemo<RunHandleLike>(
    () => ({ store, cancel, submitToolOutputs, submitToolApprovals, handledToolCalls }),
    [store, cancel, submitToolOutputs, submitToolApprovals, handledToolCalls],
  )
  const { turns, live } = thread
  const rows = useMemo(() => (live ? [...turns, LIVE_ROW] : turns), [turns, live])
  const turnNumber = useMemo(() => {
    const numbers = new Map<string, number>()
    for (const turn of turns) if (turn.kind === 'assistant') numbers.set(turn.key, numbers.size + 1)
    return (key: string) => numbers.get(key) ?? 0
  }, [turns])
  const value = useMemo<RunThreadContextValue>(
    () => ({ thread, run: handle, rows, turnNumber }),
    [thread, handle, rows, turnNumber],
  )
  const settings = useMemo<ThreadSettings>(
    () => ({ threadId: thread.threadId, history, fileUrl, toolRenderers, outputSchemas }),
    [thread.threadId, history, fileUrl, toolRenderers, outputSchemas],
  )
  return (
    <ThreadSettingsContext.Provider value={settings}>
      <RunThreadContext.Provider value={value}>
        <div
          ref={rootRef}
          className={cx('rl-thread', className)}
          data-state={thread.active ? 'active' : 'idle'}
          data-status={thread.status}
          {...props}
        >
          {children}
        </div>
      </RunThreadContext.Provider>
    </ThreadSettingsContext.Provider>
  )
}
