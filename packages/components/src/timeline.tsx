import {
  initialRunState,
  type Message,
  type RunState,
  type RunStep,
  selectRun,
  selectTimeline,
  selectUsage,
  type TimelineItem,
} from '@runline/core'
import type { Run } from 'openai/resources/beta/threads/runs/runs'
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  memo,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { defaultFileUrl, type FileUrl, type ToolRenderers, useRunlineSettings } from './context.js'
import { cx } from './cx.js'
import {
  formatClock,
  formatCount,
  formatDuration,
  isoTime,
  runDuration,
  sameRecord,
  selectFileNames,
  stepEndedAt,
  timeOf,
} from './derive.js'
import { MessageContent } from './message-content.js'
import { type ArgumentsCache, createArgumentsCache } from './partial-json.js'
import { RequiredAction, type RequiredActionProps } from './required-action.js'
import { RowBoundary } from './row-boundary.js'
import { handleOf, type RunHandleLike, type RunSource, storeOf, useRunSelector } from './source.js'
import { displayStatusOf, isActiveStatus, statusTone, statusWords } from './status.js'
import { TimelineContext, type TimelineContextValue, usePartSettings } from './timeline-context.js'
import { CodeInterpreter, FileSearch, type StepStatus, stepWords, ToolCall } from './tool-calls.js'
import { warmUpRunTimeline } from './warm-up.js'
import { MeasuredRow, useWindowedRange } from './windowing.js'

type DivProps = ComponentPropsWithoutRef<'div'>
const EMPTY: Readonly<Record<string, never>> = Object.freeze({})

function useTimelineSource(explicit?: RunSource): RunSource {
  const timeline = useContext(TimelineContext)
  const source = explicit ?? timeline?.source
  if (!source) throw new Error('Runline: render this part inside <RunTimeline.Root run={...}> or pass `run`.')
  return source
}

/* ------------------------------------------------------------------------------------------------ */
/* Root                                                                                             */

/** Props of `RunTimeline.Root`. */
export interface RootProps extends DivProps {
  /** The run: `useRunStream()`'s handle, a `RunStore`, or a plain `RunState`. */
  run: RunSource
  /** Where file images and generated files load from (default: provider, else `/api/v1/files/:id/content`). */
  fileUrl?: FileUrl
  /** Per-tool overrides for function calls, by function name. */
  toolRenderers?: ToolRenderers
  /** Cache of incremental argument parsers (one per Root by default). */
  argumentsCache?: ArgumentsCache
  /** Added to markdown heading depth (default 2). */
  headingOffset?: number
}

/**
 * Holds a run for the parts below it. Renders one `div` with `data-status` (the display status, e.g.
 * `in_progress`, `requires_action`, `completed`, `error`) and `data-phase` (the stream's phase).
 */
const Root = forwardRef<HTMLDivElement, RootProps>(function Root(
  { run, fileUrl, toolRenderers, argumentsCache, headingOffset, className, children, ...props },
  ref,
) {
  const settings = useRunlineSettings()
  // Parts subscribe to the store; a new handle object (hooks re-render) must not change the context.
  const store = storeOf(run)
  const source: RunSource = store ?? run
  const handleRef = useRef<RunHandleLike | null>(null)
  handleRef.current = handleOf(run)
  const handled = useStableRecord(handleRef.current?.handledToolCalls)
  const [ownCache] = useState(createArgumentsCache)
  useEffect(warmUpRunTimeline, [])
  const fileNames = useRunSelector(source, selectFileNames)
  const status = useRunSelector(source, displayStatusOf)
  const phase = useRunSelector(source, selectPhase)
  const value = useMemo<TimelineContextValue>(
    () => ({
      source,
      handleRef,
      fileUrl: fileUrl ?? settings.fileUrl ?? defaultFileUrl,
      toolRenderers: toolRenderers ?? settings.toolRenderers ?? EMPTY,
      argumentsCache: argumentsCache ?? ownCache,
      fileNames,
      handled,
      headingOffset: headingOffset ?? settings.headingOffset ?? 2,
    }),
    [source, fileUrl, toolRenderers, argumentsCache, ownCache, fileNames, handled, headingOffset, settings],
  )
  return (
    <TimelineContext.Provider value={value}>
      <div
        ref={ref}
        className={cx('rl-timeline', className)}
        data-status={status}
        data-phase={phase}
        {...props}
      >
        {children}
      </div>
    </TimelineContext.Provider>
  )
})

function selectPhase(state: RunState) {
  return state.phase
}

function useStableRecord(
  record: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> {
  const ref = useRef<Readonly<Record<string, string>>>(record ?? EMPTY)
  if (!sameRecord(ref.current, record ?? EMPTY)) ref.current = record ?? EMPTY
  return ref.current
}

/* ------------------------------------------------------------------------------------------------ */
/* Status, Usage, Error, Cancel                                                                     */

/** Props of `RunTimeline.Status`. */
export interface StatusProps extends DivProps {
  /** Defaults to the Root's run. */
  run?: RunSource
}

/**
 * The run's status in words ("Queued", "In progress", "Requires action", "Completed", ...), as
 * `role="status"` so changes are announced. One `div` with `data-status` and `data-tone`.
 */
const Status = forwardRef<HTMLDivElement, StatusProps>(function Status(
  { run, className, children, ...props },
  ref,
) {
  const status = useRunSelector(useTimelineSource(run), displayStatusOf)
  return (
    <div
      ref={ref}
      role="status"
      className={cx('rl-badge', className)}
      data-status={status}
      data-tone={statusTone(status)}
      {...props}
    >
      {children ?? statusWords(status)}
    </div>
  )
})

/** Token usage as the API reports it. */
export type Usage = Run.Usage | RunStep.Usage

/** Props of `RunTimeline.Usage`. */
export interface UsageProps extends Omit<ComponentPropsWithoutRef<'dl'>, 'children'> {
  /** Usage to show; defaults to the Root run's usage (null until the run ends). */
  usage?: Usage | null
  children?: ReactNode
}

/**
 * Prompt, completion and total tokens as a `dl`. Renders nothing while there is no usage. One `dl`
 * with `data-state="ready"`.
 */
const UsagePart = forwardRef<HTMLDListElement, UsageProps>(function Usage(
  { usage: given, className, children, ...props },
  ref,
) {
  const timeline = useContext(TimelineContext)
  const fromRun = useRunSelector(timeline?.source ?? initialRunState, selectUsage)
  const usage = given === undefined ? fromRun : given
  if (!usage) return null
  return (
    <dl ref={ref} className={cx('rl-usage', className)} data-state="ready" {...props}>
      {children ?? <UsageEntries usage={usage} />}
    </dl>
  )
})

/** The three `dt`/`dd` pairs of a usage list. */
export function UsageEntries({ usage }: { usage: Usage }): ReactNode {
  return (
    <>
      <div className="rl-usage__item">
        <dt>Prompt</dt>
        <dd>{formatCount(usage.prompt_tokens)}</dd>
      </div>
      <div className="rl-usage__item">
        <dt>Completion</dt>
        <dd>{formatCount(usage.completion_tokens)}</dd>
      </div>
      <div className="rl-usage__item" data-total="">
        <dt>Total tokens</dt>
        <dd>{formatCount(usage.total_tokens)}</dd>
      </div>
    </>
  )
}

/** One problem to show: a stream/client error, the run's `last_error`, or why it is incomplete. */
export interface RunProblem {
  kind: 'stream' | 'run' | 'incomplete'
  code: string
  message: string
}

const INCOMPLETE_WORDS: Record<string, string> = {
  max_completion_tokens: 'the completion token limit was reached',
  max_prompt_tokens: 'the prompt token limit was reached',
  max_tokens: 'the token limit was reached',
  content_filter: 'the content filter stopped it',
}

/** The problems a run state holds, in the order they matter. */
export function runProblems(
  streamError: RunState['error'],
  lastError: Run['last_error'] | undefined,
  incomplete: Run['incomplete_details'] | undefined,
): RunProblem[] {
  const problems: RunProblem[] = []
  if (streamError) problems.push({ kind: 'stream', code: streamError.code, message: streamError.message })
  if (lastError && !(streamError && streamError.message === lastError.message)) {
    problems.push({ kind: 'run', code: lastError.code, message: lastError.message })
  }
  if (incomplete) {
    const reason = incomplete.reason ?? 'unknown'
    problems.push({
      kind: 'incomplete',
      code: reason,
      message: `The run ended early: ${INCOMPLETE_WORDS[reason] ?? reason.replace(/_/g, ' ')} (${reason}).`,
    })
  }
  return problems
}

const selectStreamError = (state: RunState) => state.error
const selectLastError = (state: RunState) => state.run?.last_error ?? null
const selectIncomplete = (state: RunState) => state.run?.incomplete_details ?? null

/** Props of `RunTimeline.Error`. */
export interface ErrorProps extends DivProps {
  /** An error to show instead of the run's own problems. */
  error?: { code?: string; message: string } | null
  run?: RunSource
}

/**
 * The run's problems (stream error, `last_error`, `incomplete_details`) as one `role="alert"` with
 * their messages. Renders nothing when there are none. `data-kind` names the first problem's kind.
 */
const ErrorPart = forwardRef<HTMLDivElement, ErrorProps>(function RunError(
  { error, run, className, children, ...props },
  ref,
) {
  const timeline = useContext(TimelineContext)
  const source = run ?? timeline?.source ?? initialRunState
  const streamError = useRunSelector(source, selectStreamError)
  const lastError = useRunSelector(source, selectLastError)
  const incomplete = useRunSelector(source, selectIncomplete)
  const problems: RunProblem[] =
    error === undefined
      ? runProblems(streamError, lastError, incomplete)
      : error
        ? [{ kind: 'stream', code: error.code ?? 'error', message: error.message }]
        : []
  if (problems.length === 0) return null
  return (
    <div
      ref={ref}
      role="alert"
      className={cx('rl-alert', className)}
      data-kind={problems[0]!.kind}
      data-tone={problems.every((p) => p.kind === 'incomplete') ? 'warning' : 'danger'}
      {...props}
    >
      {children ??
        problems.map((problem) => (
          <p key={problem.kind} className="rl-alert__line" data-code={problem.code}>
            {problem.message}
          </p>
        ))}
    </div>
  )
})

/** Props of `RunTimeline.Cancel`. */
export interface CancelProps extends Omit<ComponentPropsWithoutRef<'button'>, 'onClick'> {
  run?: RunSource
}

/**
 * The "Cancel run" button: shown while the run is active (queued, in progress, requires action) and
 * the source can cancel; it calls `source.cancel()` once and waits. One `button` with `data-state`
 * = idle | pending.
 */
const Cancel = forwardRef<HTMLButtonElement, CancelProps>(function Cancel(
  { run, className, children, disabled, ...props },
  ref,
) {
  const timeline = useContext(TimelineContext)
  const source = run ?? timeline?.source ?? initialRunState
  const status = useRunSelector(source, displayStatusOf)
  const [pending, setPending] = useState(false)
  const inFlight = useRef(false)
  const handle = run ? handleOf(run) : timeline?.handleRef.current
  if (!isActiveStatus(status) || !handle?.cancel) return null
  const onClick = async () => {
    if (inFlight.current) return
    inFlight.current = true
    setPending(true)
    try {
      await (run ? handleOf(run) : timeline?.handleRef.current)?.cancel?.()
    } catch {
      // The handle reports failures in the run state (shown by RunTimeline.Error).
    } finally {
      inFlight.current = false
      setPending(false)
    }
  }
  return (
    <button
      ref={ref}
      type="button"
      className={cx('rl-button rl-button--quiet', className)}
      data-state={pending ? 'pending' : 'idle'}
      disabled={disabled || pending}
      onClick={onClick}
      {...props}
    >
      {children ?? 'Cancel run'}
    </button>
  )
})

/* ------------------------------------------------------------------------------------------------ */
/* Step, Message                                                                                    */

/** Props of `RunTimeline.Step`. */
export interface StepProps extends Omit<ComponentPropsWithoutRef<'article'>, 'children'> {
  item: TimelineItem
  /** Defaults to the step's header and body. */
  children?: ReactNode
}

/** What kind of row an item is: a message, one tool type, several tools, or a message no step names. */
export function itemKind(item: TimelineItem): string {
  if (!item.step) return 'message'
  if (item.step.type === 'message_creation') return 'message'
  const types = new Set(item.toolCalls.map((call) => call?.type))
  if (types.size === 1) return [...types][0] ?? 'tool_calls'
  return 'tool_calls'
}

/** The state a row shows: its step's status, else its message's, else completed. */
function itemState(item: TimelineItem): string {
  return item.step?.status ?? item.message?.status ?? 'completed'
}

/**
 * One step of the run (or a message no step names). One `article` with `data-state` = the step's
 * status (in_progress | completed | failed | cancelled | expired) and `data-kind` = message |
 * function | code_interpreter | file_search | tool_calls.
 */
const Step = forwardRef<HTMLElement, StepProps>(function Step({ item, className, children, ...props }, ref) {
  const state = itemState(item)
  const kind = itemKind(item)
  return (
    <article
      ref={ref}
      className={cx('rl-step', className)}
      data-state={state}
      data-kind={kind}
      data-role={item.message?.role}
      aria-label={stepLabel(item, kind)}
      {...props}
    >
      {children ?? <StepContent item={item} />}
    </article>
  )
})

const KIND_WORDS: Record<string, string> = {
  message: 'Message',
  function: 'Function call',
  code_interpreter: 'Code interpreter',
  file_search: 'File search',
  tool_calls: 'Tool calls',
}

function stepLabel(item: TimelineItem, kind: string): string {
  if (item.message?.role === 'user') return 'Your message'
  if (kind === 'function') {
    const names = item.toolCalls.map((call) => (call?.type === 'function' ? call.function?.name : null))
    return `Function call: ${names.filter(Boolean).join(', ')}`
  }
  return KIND_WORDS[kind] ?? 'Step'
}

/** The default inside of a step: a header (kind, status, timing, usage) and its body. */
export function StepContent({ item }: { item: TimelineItem }): ReactNode {
  const step = item.step
  const status = (step?.status ?? 'completed') as StepStatus
  return (
    <>
      <StepHeader item={item} />
      {step?.last_error && (
        // Not an alert: the run's own error is announced once by RunTimeline.Error.
        <p className="rl-step__error" data-code={step.last_error.code}>
          {step.last_error.message}
        </p>
      )}
      {item.message ? (
        <MessagePart message={item.message} />
      ) : step?.type === 'message_creation' ? (
        <NoMessageYet status={status} />
      ) : null}
      {item.toolCalls.map((call, i) => {
        if (!call) return null
        // biome-ignore-start lint/suspicious/noArrayIndexKey: tool calls are placed by index
        switch (call.type) {
          case 'function':
            return <ToolCall key={call.id ?? i} call={call} stepStatus={status} />
          case 'code_interpreter':
            return <CodeInterpreter key={call.id ?? i} call={call} stepStatus={status} />
          case 'file_search':
            return <FileSearch key={call.id ?? i} call={call} stepStatus={status} />
          default:
            return null
        }
        // biome-ignore-end lint/suspicious/noArrayIndexKey: tool calls are placed by index
      })}
      {step?.type === 'tool_calls' && item.toolCalls.length === 0 && (
        <p className="rl-muted">Choosing a tool…</p>
      )}
    </>
  )
}

/**
 * The body of a message-creation step whose message is not there: "Writing…" while the step runs;
 * once it ended without one (cancelled, failed, expired), the step's end in words. Its `last_error`,
 * if any, is shown just above by StepContent.
 */
function NoMessageYet({ status }: { status: StepStatus }): ReactNode {
  if (status === 'in_progress') return <p className="rl-muted">Writing…</p>
  if (status === 'completed') return null
  return (
    <p className="rl-muted rl-step__ended" data-state={status}>
      {stepWords(status)} before the message was written.
    </p>
  )
}

function StepHeader({ item }: { item: TimelineItem }): ReactNode {
  const step = item.step
  const kind = itemKind(item)
  const role = item.message?.role
  // Tool rows name their tool in the call's own head; the step header just says what it is.
  const title =
    role === 'user'
      ? 'You'
      : kind === 'message'
        ? 'Assistant'
        : item.toolCalls.length > 1
          ? `${item.toolCalls.length} tool calls`
          : 'Tool call'
  return (
    <StepHead
      title={title}
      started={timeOf(step?.created_at ?? item.message?.created_at)}
      ended={step ? stepEndedAt(step) : timeOf(item.message?.completed_at)}
      status={step?.status ?? item.message?.status}
      usage={step?.usage ?? null}
    />
  )
}

// Memoized on plain values: a text delta changes the row's item but not its header, so the
// streaming message does not re-format its times on every commit.
const StepHead = memo(function StepHead({
  title,
  started,
  ended,
  status,
  usage,
}: {
  title: string
  started: number | null
  ended: number | null
  status: string | undefined
  usage: RunStep.Usage | null
}) {
  return (
    <header className="rl-step__head">
      <span className="rl-step__title">{title}</span>
      {status && status !== 'completed' && (
        <span className="rl-chip" data-state={status === 'in_progress' ? 'streaming' : status}>
          {stepWords(status)}
        </span>
      )}
      <span className="rl-step__meta">
        {started != null && (
          <time dateTime={isoTime(started)} title="Started">
            {formatClock(started)}
          </time>
        )}
        {started != null && ended != null && (
          <>
            <span aria-hidden="true"> – </span>
            <time dateTime={isoTime(ended)} title="Ended">
              {formatClock(ended)}
            </time>
            <span className="rl-step__duration" title="Duration">
              {formatDuration(ended - started)}
            </span>
          </>
        )}
        {usage && (
          <span
            className="rl-step__usage"
            title={`Prompt ${formatCount(usage.prompt_tokens)} · completion ${formatCount(usage.completion_tokens)}`}
          >
            {formatCount(usage.total_tokens)} tokens
          </span>
        )}
      </span>
    </header>
  )
})

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
const MessagePart = forwardRef<HTMLDivElement, MessageProps>(function Message(
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

/* ------------------------------------------------------------------------------------------------ */
/* Log                                                                                              */

/** Windowing options of `RunTimeline.Log`. */
export interface WindowingOptions {
  /** Window once there are more rows than this (default 40). */
  threshold?: number
  /** Height assumed for unmeasured rows, in px (default 140). */
  estimate?: number
  /** Extra px rendered beyond the viewport (default 600). */
  overscan?: number
}

/** Props of `RunTimeline.Log`. */
export interface LogProps extends Omit<DivProps, 'children'> {
  /** Rows to show; defaults to the Root run's `selectTimeline`. */
  items?: readonly TimelineItem[]
  /**
   * Draws one row. Rows are memoized: one re-renders only when its item (or this function) changes,
   * so keep it stable (module scope or useCallback).
   */
  renderItem?: (item: TimelineItem) => ReactNode
  /** Virtualize long timelines (default: on past 40 rows). `false` renders every row. */
  windowing?: boolean | WindowingOptions
  /** Keep scrolled to the newest row while the reader is at the bottom (default true). */
  follow?: boolean
  /** Shown when there are no rows. */
  empty?: ReactNode
}

const defaultRenderItem = (item: TimelineItem) => <Step item={item} />

/**
 * The streaming transcript: `role="log"` with `aria-live="polite"`. Rows are memoized on their
 * TimelineItem (a text delta re-renders only the streaming row) and long timelines are windowed:
 * only rows near the viewport render, spacers keep the scroll height. One scrolling `div` with
 * `data-state` = empty | ready and `data-windowed`.
 */
const Log = forwardRef<HTMLDivElement, LogProps>(function Log(
  { items: given, renderItem = defaultRenderItem, windowing, follow = true, empty, className, ...props },
  ref,
) {
  const timeline = useContext(TimelineContext)
  const fromRun = useRunSelector(timeline?.source ?? initialRunState, selectTimeline)
  const items = given ?? fromRun
  const options = typeof windowing === 'object' ? windowing : {}
  const enabled = windowing === false ? false : windowing === true || items.length > (options.threshold ?? 40)
  const scroller = useRef<HTMLDivElement | null>(null)
  const setRefs = useCallback(
    (element: HTMLDivElement | null) => {
      scroller.current = element
      if (typeof ref === 'function') ref(element)
      else if (ref) ref.current = element
    },
    [ref],
  )
  const keyAt = useCallback((i: number) => items[i]?.id ?? String(i), [items])
  const stick = useFollow(scroller, follow, items)
  const range = useWindowedRange(scroller, {
    count: items.length,
    keyAt,
    estimate: options.estimate ?? 140,
    overscan: options.overscan ?? 600,
    enabled,
    onRowsResized: stick,
  })
  useSpacerFollow(stick, enabled, range.after)
  const rows: ReactNode[] = []
  for (let i = range.start; i < range.end; i++) {
    const item = items[i]!
    rows.push(
      <MeasuredRow
        key={item.id}
        rowKey={item.id}
        observe={range.observe}
        className="rl-row"
        state={itemState(item)}
        last={enabled && i === range.end - 1}
      >
        <Row item={item} renderItem={renderItem} />
      </MeasuredRow>,
    )
  }
  return (
    <div
      ref={setRefs}
      role="log"
      aria-live="polite"
      aria-label={props['aria-label'] ?? 'Run transcript'}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      tabIndex={0}
      className={cx('rl-log', className)}
      data-state={items.length ? 'ready' : 'empty'}
      data-windowed={enabled ? '' : undefined}
      {...props}
    >
      {enabled && <div className="rl-log__spacer" aria-hidden="true" style={{ height: range.before }} />}
      {items.length === 0 ? (empty ?? <p className="rl-log__empty">No steps yet.</p>) : rows}
      {enabled && <div className="rl-log__spacer" aria-hidden="true" style={{ height: range.after }} />}
    </div>
  )
})

const Row = memo(function Row({
  item,
  renderItem,
}: {
  item: TimelineItem
  renderItem: (item: TimelineItem) => ReactNode
}) {
  return (
    <RowBoundary item={item}>
      <RenderedItem item={item} renderItem={renderItem} />
    </RowBoundary>
  )
})

/** Calls `renderItem` below the boundary, so an error it throws is caught there too. */
function RenderedItem({
  item,
  renderItem,
}: {
  item: TimelineItem
  renderItem: (item: TimelineItem) => ReactNode
}): ReactNode {
  return renderItem(item)
}

/**
 * Sticks the log to the bottom while the reader is there and lets go once they scroll up. Returns
 * `stick`, which scrolls to the bottom when following; it runs from ResizeObserver callbacks (rows
 * and the log itself changed size), after layout, so it never forces a layout of its own. A layout
 * read in a commit effect would, on every streamed commit.
 */
function useFollow(
  scroller: { current: HTMLDivElement | null },
  follow: boolean,
  items: unknown,
): () => void {
  const atBottom = useRef(true)
  const following = useRef(follow)
  following.current = follow
  const stick = useCallback(() => {
    const element = scroller.current
    if (!following.current || !atBottom.current || !element) return
    const bottom = element.scrollHeight - element.clientHeight
    if (bottom > 0 && element.scrollTop < bottom) element.scrollTop = bottom
  }, [scroller])
  useEffect(() => {
    const element = scroller.current
    if (!element) return
    // Scroll events come after layout too; programmatic scrolls to the bottom keep atBottom true.
    const onScroll = () => {
      atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48
    }
    element.addEventListener('scroll', onScroll, { passive: true })
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(stick) : null
    resize?.observe(element)
    return () => {
      element.removeEventListener('scroll', onScroll)
      resize?.disconnect()
    }
  }, [scroller, stick])
  // Without ResizeObserver (old browsers, jsdom) follow after each commit instead.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run whenever the rows change
  useEffect(() => {
    if (typeof ResizeObserver !== 'function') stick()
  }, [items, follow, stick])
  return stick
}

/**
 * A windowed log grows below the window through its bottom spacer, which no row observer sees:
 * follow when the spacer's height changes (when rows are added, not on every text delta).
 */
function useSpacerFollow(stick: () => void, enabled: boolean, after: number): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the spacer changes
  useEffect(() => {
    if (enabled) stick()
  }, [enabled, after, stick])
}

/* ------------------------------------------------------------------------------------------------ */
/* Run summary (header)                                                                             */

/** Model, run id and duration of the run, for the default header. */
function RunSummary(): ReactNode {
  const run = useRunSelector(useTimelineSource(), selectRun)
  if (!run) return null
  const duration = runDuration(run)
  return (
    <span className="rl-summary">
      {run.model && <span className="rl-summary__model">{run.model}</span>}
      <code className="rl-summary__id" title="Run id">
        {run.id}
      </code>
      {duration !== null && <span title="Duration">{formatDuration(duration)}</span>}
    </span>
  )
}

/* ------------------------------------------------------------------------------------------------ */
/* The styled default                                                                               */

/** Props of `<RunTimeline>`. */
export interface RunTimelineProps extends Omit<RootProps, 'children'> {
  /** Show the tool-output form under the log when the run requires action (default true). */
  requiredAction?: boolean
  /** Passed to the form: per-tool output schemas. */
  outputSchemas?: RequiredActionProps['outputSchemas']
  /** Virtualize long timelines (see `RunTimeline.Log`). */
  windowing?: LogProps['windowing']
  /** Draws a row; defaults to `RunTimeline.Step`. Keep it stable. */
  renderItem?: LogProps['renderItem']
  /** Label of the transcript (default "Run transcript"). */
  logLabel?: string
}

/**
 * The drop-in timeline: status, run summary, usage and "Cancel run" in a header; problems as an
 * alert; the transcript as a windowed `role="log"`; and, when the run requires action, the
 * tool-output form. Built only from the public parts.
 */
function RunTimelineDefault({
  requiredAction = true,
  outputSchemas,
  windowing,
  renderItem,
  logLabel,
  className,
  ...rootProps
}: RunTimelineProps): ReactNode {
  return (
    <Root {...rootProps} className={cx('rl-timeline--styled', className)}>
      <div className="rl-timeline__header">
        <Status />
        <RunSummary />
        <span className="rl-timeline__spacer" />
        <UsagePart className="rl-usage--compact" />
        <Cancel />
      </div>
      <ErrorPart />
      <Log windowing={windowing} renderItem={renderItem} aria-label={logLabel ?? 'Run transcript'} />
      {requiredAction && <RequiredActionFromRoot outputSchemas={outputSchemas} />}
    </Root>
  )
}

function RequiredActionFromRoot({ outputSchemas }: { outputSchemas?: RequiredActionProps['outputSchemas'] }) {
  const timeline = useContext(TimelineContext)!
  const run = timeline.handleRef.current ?? timeline.source
  return <RequiredAction run={run} outputSchemas={outputSchemas} />
}

/**
 * `<RunTimeline run={...} />`, the styled default, with the headless parts attached for custom
 * layouts: `RunTimeline.Root`, `.Log`, `.Step`, `.Message`, `.ToolCall`, `.CodeInterpreter`,
 * `.FileSearch`, `.Status`, `.Usage`, `.Error`, `.Cancel`.
 */
export const RunTimeline = Object.assign(RunTimelineDefault, {
  Root,
  Log,
  Step,
  Message: MessagePart,
  ToolCall,
  CodeInterpreter,
  FileSearch,
  Status,
  Usage: UsagePart,
  Error: ErrorPart,
  Cancel,
})
