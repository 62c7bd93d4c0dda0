'use client'
// Responses tool items that have an Assistants part already: `function_call` (→ `ToolCall`),
// `code_interpreter_call` (→ `CodeInterpreter`) and `file_search_call` (→ `FileSearch`). Each item is
// read into the Assistants call shape once per item object, so streaming re-renders stay cheap.
import type { RunState } from '@runline/core'
import { useRunSelector } from '@runline/hooks'
import type {
  CodeInterpreterToolCall,
  FileSearchToolCall,
  FunctionToolCall,
} from 'openai/resources/beta/threads/runs/steps'
import { type ReactNode, useMemo } from 'react'
import { Section } from '../foundry/card-parts.js'
import { useTimelineSourceOrEmpty } from '../timeline-context.js'
import { CodeInterpreter, FileSearch, ToolCall } from '../tool-calls.js'
import { imageSrc } from './image.js'
import { partStatus } from './part-status.js'

type Json = Readonly<Record<string, unknown>>

const str = (value: unknown): string => (typeof value === 'string' ? value : '')
const records = (value: unknown): Json[] =>
  Array.isArray(value) ? value.filter((v): v is Json => v !== null && typeof v === 'object') : []

// The turn's function outputs by call id, from any `function_call_output` item a response sent
// back or was sent with (a past turn's `input`); keyed on the `responses` array, which the reducer
// replaces whenever anything changes.
const outputsByList = new WeakMap<object, Readonly<Record<string, string>>>()
const NO_OUTPUTS: Readonly<Record<string, string>> = Object.freeze({})
function selectFunctionOutputs(state: RunState): Readonly<Record<string, string>> {
  const list = state.responses
  if (!list || list.length === 0) return NO_OUTPUTS
  let outputs = outputsByList.get(list)
  if (!outputs) {
    const found: Record<string, string> = {}
    for (const rs of list) {
      for (const item of [...(rs.input ?? []), ...rs.output] as readonly (Json | undefined)[]) {
        if (item?.type === 'function_call_output' && typeof item.call_id === 'string')
          found[item.call_id] = typeof item.output === 'string' ? item.output : JSON.stringify(item.output)
      }
    }
    outputs = Object.keys(found).length ? found : NO_OUTPUTS
    outputsByList.set(list, outputs)
  }
  return outputs
}

/**
 * A `function_call` item as `RunTimeline.ToolCall`: name, arguments filling in as they stream
 * (`id` is the `call_id`, so client handlers and the tool-output form match it), and its output when
 * a later response of the turn carried the `function_call_output`.
 */
export function ResponsesFunctionCall({ item }: { item: Json }): ReactNode {
  const outputs = useRunSelector(useTimelineSourceOrEmpty(), selectFunctionOutputs)
  const callId = str(item.call_id) || str(item.id)
  const output = Object.hasOwn(outputs, callId) ? outputs[callId]! : null
  const call = useMemo(
    (): FunctionToolCall => ({
      id: callId,
      type: 'function',
      function: { name: str(item.name), arguments: str(item.arguments), output },
    }),
    [item, callId, output],
  )
  return <ToolCall call={call} stepStatus={partStatus(item)} />
}

/**
 * A `code_interpreter_call` item as `RunTimeline.CodeInterpreter`: the code as it streams and the
 * logs; image outputs come as URLs (not file ids), so they are drawn below it when the URL is safe.
 */
export function ResponsesCodeInterpreter({ item }: { item: Json }): ReactNode {
  const call = useMemo(
    (): CodeInterpreterToolCall => ({
      id: str(item.id),
      type: 'code_interpreter',
      code_interpreter: {
        input: str(item.code),
        outputs: records(item.outputs).flatMap((o) =>
          o.type === 'logs' ? [{ type: 'logs' as const, logs: str(o.logs) }] : [],
        ),
      },
    }),
    [item],
  )
  const images = records(item.outputs).flatMap((o) => {
    const src = o.type === 'image' ? imageSrc(o.url) : null
    return src ? [src] : []
  })
  return (
    <>
      <CodeInterpreter call={call} stepStatus={partStatus(item)} />
      {images.map((src, i) => (
        <figure key={src} className="rl-tool__image">
          <img src={src} alt={`Code interpreter output ${i + 1}`} />
        </figure>
      ))}
    </>
  )
}

/**
 * A `file_search_call` item: its queries, then `RunTimeline.FileSearch` with the results (ranked,
 * named by `filename`, with the text when the request asked for `file_search_call.results`).
 */
export function ResponsesFileSearch({ item }: { item: Json }): ReactNode {
  const queries = Array.isArray(item.queries)
    ? item.queries.filter((q): q is string => typeof q === 'string')
    : []
  const call = useMemo(
    (): FileSearchToolCall => ({
      id: str(item.id),
      type: 'file_search',
      file_search: {
        results: records(item.results).map((r) => ({
          file_id: str(r.file_id),
          file_name: str(r.filename),
          score: typeof r.score === 'number' ? r.score : 0,
          content: typeof r.text === 'string' ? [{ type: 'text' as const, text: r.text }] : [],
        })),
      },
    }),
    [item],
  )
  return (
    <>
      <FileSearch call={call} stepStatus={partStatus(item)} />
      <Section label="Queries">
        {queries.length > 0 && (
          <ul className="rl-queries" aria-label="File search queries">
            {queries.map((q, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: queries are placed by index
              <li key={i}>{q}</li>
            ))}
          </ul>
        )}
      </Section>
    </>
  )
}
