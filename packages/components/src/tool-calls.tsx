'use client'

import type {
  CodeInterpreterToolCall,
  FileSearchToolCall,
  FunctionToolCall,
} from 'openai/resources/beta/threads/runs/steps'
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from 'react'
import type { FunctionCallState, ToolRenderInfo } from './context.js'
import { cx } from './cx.js'
import { jsonText, listOf, textOf } from './derive.js'
import { CodeIcon, FunctionIcon, SearchIcon } from './icons.js'
import { createArgumentsCache, formatPartialJson, type PartialJsonParser } from './partial-json.js'
import { type StepStatus, stepWords } from './step-words.js'
import { usePartSettings } from './timeline-context.js'

type DivProps = Omit<ComponentPropsWithoutRef<'div'>, 'children'> & { children?: ReactNode }

/** Props of `RunTimeline.ToolCall`. */
export interface ToolCallProps extends DivProps {
  /** The function call (arguments may still be streaming). */
  call: FunctionToolCall
  /** The status of its step; default `in_progress`. */
  stepStatus?: StepStatus
}

/** Works out a function call's state from its output, client handlers, its step and its arguments. */
export function functionCallState(
  call: FunctionToolCall,
  parser: PartialJsonParser,
  handledOutput: string | undefined,
  stepStatus: StepStatus,
): FunctionCallState {
  if (call.function?.output != null) return 'answered'
  if (handledOutput !== undefined) return 'handled'
  if (stepStatus === 'failed' || stepStatus === 'cancelled' || stepStatus === 'expired') return stepStatus
  if (stepStatus === 'in_progress' && parser.status !== 'complete') return 'streaming'
  return 'waiting'
}

const CALL_STATE_WORDS: Record<FunctionCallState, string> = {
  streaming: 'Writing arguments…',
  waiting: 'Waiting for output',
  handled: 'Handled by the app',
  answered: 'Output submitted',
  failed: 'Failed',
  cancelled: 'Cancelled',
  expired: 'Expired',
}

/**
 * A function call: its name, its arguments as pretty JSON that fills in while they stream (parsed
 * incrementally, fed only each delta's new characters), and its output once there is one. A renderer
 * in `toolRenderers` for the function's name replaces the default view. Renders one `div` with
 * `data-state` = streaming | waiting | handled | answered | failed | cancelled | expired.
 */
export const ToolCall = forwardRef<HTMLDivElement, ToolCallProps>(function ToolCall(
  { call, stepStatus = 'in_progress', children, className, ...props },
  ref,
) {
  const settings = usePartSettings()
  const name = textOf(call.function?.name) ?? 'function'
  // Some compatible servers send parsed arguments; show them as the JSON they stand for.
  const raw = jsonText(call.function?.arguments) ?? ''
  settings.argumentsCache.current ??= createArgumentsCache()
  const parser = settings.argumentsCache.current.parse(call.id, raw)
  const handledOutput = settings.handled[call.id]
  const state = functionCallState(call, parser, handledOutput, stepStatus)
  const output = jsonText(call.function?.output) ?? handledOutput ?? null
  const renderer = settings.toolRenderers[name]
  let body = children
  if (body === undefined) {
    const info: ToolRenderInfo = { args: parser.value, argumentsStatus: parser.status, output, state }
    body = renderer ? (
      renderer(call, info)
    ) : (
      <FunctionCallView name={name} raw={raw} parser={parser} info={info} />
    )
  }
  return (
    <div
      ref={ref}
      className={cx('rl-tool rl-tool--function', className)}
      data-state={state}
      data-name={name}
      data-custom={renderer ? '' : undefined}
      {...props}
    >
      {body}
    </div>
  )
})

function FunctionCallView({
  name,
  raw,
  parser,
  info,
}: {
  name: string
  raw: string
  parser: PartialJsonParser
  info: ToolRenderInfo
}): ReactNode {
  const pretty = formatPartialJson(parser, raw)
  return (
    <>
      <div className="rl-tool__head">
        <span className="rl-tool__icon">
          <FunctionIcon />
        </span>
        <code className="rl-tool__name">{name}</code>
        <span className="rl-chip" data-state={info.state}>
          {CALL_STATE_WORDS[info.state]}
        </span>
      </div>
      <div className="rl-tool__section">
        <span className="rl-tool__label">Arguments</span>
        <pre className="rl-code" data-json-status={parser.status}>
          <code>
            {pretty || ' '}
            {info.state === 'streaming' && <span className="rl-caret" aria-hidden="true" />}
          </code>
        </pre>
      </div>
      {info.output !== null && (
        <div className="rl-tool__section">
          <span className="rl-tool__label">Output</span>
          <pre className="rl-code rl-code--output">
            <code>{prettyIfJson(info.output)}</code>
          </pre>
        </div>
      )}
    </>
  )
}

/** Pretty-prints text that is JSON; leaves anything else as it is. */
export function prettyIfJson(text: string): string {
  const trimmed = text.trim()
  if (!/^[{[]/.test(trimmed)) return text
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2)
  } catch {
    return text
  }
}

/** Props of `RunTimeline.CodeInterpreter`. */
export interface CodeInterpreterProps extends DivProps {
  call: CodeInterpreterToolCall
  stepStatus?: StepStatus
}

/**
 * A code interpreter call: the input code (as it streams), its logs and its images (through
 * `fileUrl`). Renders one `div` with `data-state` = the step's status.
 */
export const CodeInterpreter = forwardRef<HTMLDivElement, CodeInterpreterProps>(function CodeInterpreter(
  { call, stepStatus = 'in_progress', children, className, ...props },
  ref,
) {
  const { fileUrl } = usePartSettings()
  const input = textOf(call.code_interpreter?.input) ?? ''
  const outputs = listOf(call.code_interpreter?.outputs)
  const running = stepStatus === 'in_progress'
  return (
    <div ref={ref} className={cx('rl-tool rl-tool--code', className)} data-state={stepStatus} {...props}>
      {children ?? (
        <>
          <div className="rl-tool__head">
            <span className="rl-tool__icon">
              <CodeIcon />
            </span>
            <span className="rl-tool__title">Code interpreter</span>
            {stepStatus !== 'completed' && (
              <span className="rl-chip" data-state={running ? 'streaming' : stepStatus}>
                {running ? (outputs.length ? 'Running…' : 'Writing code…') : stepWords(stepStatus)}
              </span>
            )}
          </div>
          <div className="rl-tool__section">
            <span className="rl-tool__label">Input</span>
            <pre className="rl-code" data-language="python">
              <code className="language-python">
                {normalizeNewlines(input) || ' '}
                {running && outputs.length === 0 && <span className="rl-caret" aria-hidden="true" />}
              </code>
            </pre>
          </div>
          {outputs.length > 0 && (
            <div className="rl-tool__section">
              <span className="rl-tool__label">Output</span>
              {outputs.map((output, i) => {
                const imageNumber = outputs.slice(0, i + 1).filter((o) => o.type === 'image').length
                return output.type === 'logs' ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: outputs are placed by index
                  <pre key={i} className="rl-code rl-code--logs">
                    <code>{textOf(output.logs)}</code>
                  </pre>
                ) : output.type === 'image' && output.image?.file_id ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: outputs are placed by index
                  <figure key={i} className="rl-tool__image">
                    <img src={fileUrl(output.image.file_id)} alt={`Code interpreter output ${imageNumber}`} />
                  </figure>
                ) : null
              })}
            </div>
          )}
        </>
      )}
    </div>
  )
})

/** Props of `RunTimeline.FileSearch`. */
export interface FileSearchProps extends DivProps {
  call: FileSearchToolCall
  stepStatus?: StepStatus
}

/**
 * A file search call: its results ranked by score (file name, score, and the matched text when the
 * run asked for it with `include[]`). Renders one `div` with `data-state` = the step's status.
 */
export const FileSearch = forwardRef<HTMLDivElement, FileSearchProps>(function FileSearch(
  { call, stepStatus = 'in_progress', children, className, ...props },
  ref,
) {
  const results = listOf(call.file_search?.results).sort((a, b) => b.score - a.score)
  const ranker = textOf(call.file_search?.ranking_options?.ranker)
  const running = stepStatus === 'in_progress'
  return (
    <div ref={ref} className={cx('rl-tool rl-tool--search', className)} data-state={stepStatus} {...props}>
      {children ?? (
        <>
          <div className="rl-tool__head">
            <span className="rl-tool__icon">
              <SearchIcon />
            </span>
            <span className="rl-tool__title">File search</span>
            <span
              className="rl-chip"
              data-state={running ? 'streaming' : stepStatus === 'completed' ? 'neutral' : stepStatus}
            >
              {running
                ? 'Searching…'
                : stepStatus === 'completed'
                  ? `${results.length} ${results.length === 1 ? 'result' : 'results'}`
                  : stepWords(stepStatus)}
            </span>
            {ranker && <span className="rl-tool__note">ranker {ranker}</span>}
          </div>
          {results.length > 0 && (
            <ol className="rl-results" aria-label="File search results">
              {results.map((result, i) => {
                const snippet = listOf(result.content)
                  .map((part) => textOf(part.text) ?? '')
                  .join('\n')
                  .trim()
                const score = Number.isFinite(result.score) ? result.score : 0
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a file can match more than once; rank keeps keys unique
                  <li key={`${result.file_id}-${i}`} className="rl-result">
                    <div className="rl-result__head">
                      <span className="rl-result__rank" aria-hidden="true">
                        {i + 1}
                      </span>
                      <span className="rl-result__name">
                        {textOf(result.file_name) || textOf(result.file_id)}
                      </span>
                      <span className="rl-result__score">
                        <span className="rl-visually-hidden">score </span>
                        {score.toFixed(3)}
                      </span>
                      <span className="rl-result__bar" aria-hidden="true">
                        <span style={{ width: `${Math.round(Math.min(1, Math.max(0, score)) * 100)}%` }} />
                      </span>
                    </div>
                    {snippet && <blockquote className="rl-result__snippet">{snippet}</blockquote>}
                  </li>
                )
              })}
            </ol>
          )}
        </>
      )}
    </div>
  )
})

// The model's code sometimes carries \r\n; show it as plain newlines.
function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
}
