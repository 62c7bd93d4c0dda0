// A seeded generator of Responses-API streams (one user turn: one or more responses), covering every
// output item type the reducer folds, for property tests and benchmarks. A little over ~350 lines: one
// builder per item type, kept together so the generator's coverage is read in one place.
import { seededRandom } from './recordings.js'

type Json = Record<string, any>

export type ResponsesTerminal = 'completed' | 'incomplete' | 'failed' | 'cancelled'

export interface GenerateResponsesOptions {
  /** The last response's terminal status (default: random). */
  terminal?: ResponsesTerminal
  /** Responses in the turn (default random 1–3; the ones before the last wait for tool outputs or approvals). */
  responses?: number
  /** Make the last response one message of one text part with this many deltas (for benchmarks). */
  textDeltas?: number
  /** Leave out `event:` lines on some events (the name is then the data's `type`). Default true. */
  dropEventLines?: boolean
}

export interface GeneratedResponses {
  /** The events, as JSON objects, in order. */
  events: Json[]
  /** The SSE text. */
  sse: string
  /** The item types and terminal statuses in the stream. */
  features: Set<string>
}

const WORDS = 'the quick brown fox jumps over 東京 café 🚀 data: [DONE] "quoted" \\ back\nline'.split(' ')

/** The kinds of output item a generated response may hold (`refusal`: a message with a refusal part; `widget_call`: a type no one knows). */
export const ITEM_KINDS = [
  'message',
  'refusal',
  'function_call',
  'reasoning',
  'file_search_call',
  'web_search_call',
  'code_interpreter_call',
  'image_generation_call',
  'mcp_list_tools',
  'mcp_call',
  'mcp_approval_request',
  'custom_tool_call',
  'widget_call',
] as const

/** Generates one turn's Responses stream from a seed: same seed, same bytes. */
export function generateResponsesStream(
  seed: number,
  options: GenerateResponsesOptions = {},
): GeneratedResponses {
  const rnd = seededRandom(seed)
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  let idSeq = 0
  const id = (prefix: string) => `${prefix}_${seed.toString(36)}x${(idSeq++).toString(36)}`
  const text = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ')
  /** `whole` split into `n` fragments (some empty). */
  const split = (whole: string, n: number) => {
    const cuts = Array.from({ length: n - 1 }, () => int(0, whole.length)).sort((a, b) => a - b)
    const out: string[] = []
    let at = 0
    for (const cut of [...cuts, whole.length]) {
      out.push(whole.slice(at, cut))
      at = cut
    }
    return out
  }
  const features = new Set<string>()
  const events: Json[] = []
  let seq = 0
  const emit = (type: string, body: Json) => events.push({ type, sequence_number: seq++, ...body })

  const count = options.responses ?? int(1, 3)
  const terminal = options.terminal ?? pick(['completed', 'incomplete', 'failed', 'cancelled'] as const)
  for (let r = 0; r < count; r++) {
    seq = 0
    const last = r === count - 1
    const response: Json = {
      id: id('resp'),
      object: 'response',
      created_at: 1_764_000_000 + r,
      status: 'in_progress',
      background: false,
      error: null,
      incomplete_details: null,
      model: 'runline-sim',
      output: [],
      parallel_tool_calls: true,
      previous_response_id: r > 0 ? 'previous' : null,
      tools: [],
      usage: null,
      metadata: {},
    }
    emit('response.created', { response: { ...response } })
    emit('response.in_progress', { response: { ...response } })
    const output: Json[] = []
    let kinds: string[]
    if (last && options.textDeltas !== undefined) kinds = ['long']
    else if (!last)
      kinds = [pick(['function_call', 'mcp_approval_request']), ...(rnd() < 0.5 ? ['function_call'] : [])]
    else kinds = Array.from({ length: int(1, 5) }, () => pick(ITEM_KINDS))
    for (const kind of kinds) {
      const index = output.length
      const item = genItem(kind, index)
      output.push(item)
      features.add(item.type)
    }
    const final: Json = { ...response, output, status: last ? terminal : 'completed' }
    if (final.status === 'completed' || final.status === 'incomplete') {
      final.usage = { input_tokens: int(10, 99), output_tokens: int(1, 99), total_tokens: 200 }
    }
    if (final.status === 'incomplete') final.incomplete_details = { reason: 'max_output_tokens' }
    if (final.status === 'failed') {
      final.error = { code: 'server_error', message: 'The model failed.' }
      emit('error', { code: 'server_error', message: 'The model failed.', param: null })
    }
    features.add(final.status)
    emit(final.status === 'cancelled' ? 'response.cancelled' : `response.${final.status}`, {
      response: final,
    })
  }

  // Items and parts have their keys in the order OpenAI sends them (the recordings' order), so a
  // benchmark on generated streams meets the shapes real streams have.
  function genItem(kind: string, output_index: number): Json {
    const itemId = id(kind.slice(0, 3))
    const at = { item_id: itemId, output_index }
    const added = (item: Json) => emit('response.output_item.added', { output_index, item: { ...item } })
    const done = (item: Json) => {
      emit('response.output_item.done', { output_index, item })
      return item
    }
    switch (kind) {
      case 'long':
      case 'message': {
        const base = { id: itemId, type: 'message', status: 'in_progress', content: [], role: 'assistant' }
        added(base)
        const parts: Json[] = []
        const n = kind === 'long' ? 1 : int(1, 2)
        for (let c = 0; c < n; c++) {
          emit('response.content_part.added', {
            ...at,
            content_index: c,
            part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
          })
          const whole = kind === 'long' ? text(options.textDeltas!) : text(int(1, 30))
          const deltas = kind === 'long' ? whole.split(/(?= )/) : split(whole, int(1, 12))
          for (const delta of deltas)
            emit('response.output_text.delta', { ...at, content_index: c, delta, logprobs: [] })
          const annotations: Json[] = []
          if (kind !== 'long' && rnd() < 0.5) {
            const annotation = {
              type: 'url_citation',
              url: 'https://example.com',
              title: 'Example',
              start_index: 0,
              end_index: 3,
            }
            emit('response.output_text.annotation.added', {
              ...at,
              content_index: c,
              annotation_index: 0,
              annotation,
            })
            annotations.push(annotation)
          }
          emit('response.output_text.done', { ...at, content_index: c, text: whole, logprobs: [] })
          const part = { type: 'output_text', annotations, logprobs: [], text: whole }
          emit('response.content_part.done', { ...at, content_index: c, part })
          parts.push(part)
        }
        return done({ ...base, status: 'completed', content: parts })
      }
      case 'refusal': {
        const base = { id: itemId, type: 'message', status: 'in_progress', content: [], role: 'assistant' }
        added(base)
        emit('response.content_part.added', {
          ...at,
          content_index: 0,
          part: { type: 'refusal', refusal: '' },
        })
        const whole = text(int(1, 8))
        for (const delta of split(whole, int(1, 5)))
          emit('response.refusal.delta', { ...at, content_index: 0, delta })
        emit('response.refusal.done', { ...at, content_index: 0, refusal: whole })
        const part = { type: 'refusal', refusal: whole }
        emit('response.content_part.done', { ...at, content_index: 0, part })
        return done({ ...base, status: 'completed', content: [part] })
      }
      case 'function_call':
      case 'mcp_call':
      case 'custom_tool_call': {
        const args = JSON.stringify({ location: text(int(1, 4)) })
        const key = kind === 'custom_tool_call' ? 'input' : 'arguments'
        const base: Json =
          kind === 'function_call'
            ? {
                id: itemId,
                type: kind,
                status: 'in_progress',
                arguments: '',
                call_id: id('call'),
                name: 'get_weather',
              }
            : kind === 'mcp_call'
              ? {
                  id: itemId,
                  type: kind,
                  server_label: 'runline_docs',
                  name: 'search',
                  arguments: '',
                  status: 'in_progress',
                }
              : { id: itemId, type: kind, call_id: id('call'), name: 'grammar', input: '' }
        added(base)
        if (kind === 'mcp_call') emit('response.mcp_call.in_progress', at)
        const prefix =
          kind === 'function_call'
            ? 'function_call_arguments'
            : kind === 'mcp_call'
              ? 'mcp_call_arguments'
              : 'custom_tool_call_input'
        for (const delta of split(args, int(1, 10))) emit(`response.${prefix}.delta`, { ...at, delta })
        emit(`response.${prefix}.done`, { ...at, [key]: args })
        const failed = kind === 'mcp_call' && rnd() < 0.3
        if (kind === 'mcp_call') emit(failed ? 'response.mcp_call.failed' : 'response.mcp_call.completed', at)
        const final: Json = { ...base, [key]: args }
        if (kind === 'function_call') final.status = 'completed'
        if (kind === 'mcp_call')
          Object.assign(final, { status: failed ? 'failed' : 'completed', output: failed ? null : 'ok' })
        return done(final)
      }
      case 'reasoning': {
        const base = { id: itemId, type: 'reasoning', summary: [], encrypted_content: `gAAAA${id('enc')}` }
        added(base)
        const summary: Json[] = []
        for (let s = 0; s < int(0, 2); s++) {
          emit('response.reasoning_summary_part.added', {
            ...at,
            summary_index: s,
            part: { type: 'summary_text', text: '' },
          })
          const whole = text(int(1, 10))
          for (const delta of split(whole, int(1, 5)))
            emit('response.reasoning_summary_text.delta', { ...at, summary_index: s, delta })
          emit('response.reasoning_summary_text.done', { ...at, summary_index: s, text: whole })
          emit('response.reasoning_summary_part.done', {
            ...at,
            summary_index: s,
            part: { type: 'summary_text', text: whole },
          })
          summary.push({ type: 'summary_text', text: whole })
        }
        const final: Json = { ...base, summary }
        if (rnd() < 0.5) {
          emit('response.content_part.added', {
            ...at,
            content_index: 0,
            part: { type: 'reasoning_text', text: '' },
          })
          const whole = text(int(1, 10))
          for (const delta of split(whole, int(1, 4)))
            emit('response.reasoning_text.delta', { ...at, content_index: 0, delta })
          emit('response.reasoning_text.done', { ...at, content_index: 0, text: whole })
          emit('response.content_part.done', {
            ...at,
            content_index: 0,
            part: { type: 'reasoning_text', text: whole },
          })
          final.content = [{ type: 'reasoning_text', text: whole }]
        }
        return done(final)
      }
      case 'file_search_call':
      case 'web_search_call': {
        const base: Json =
          kind === 'file_search_call'
            ? { id: itemId, type: kind, status: 'in_progress', queries: [], results: null }
            : { id: itemId, type: kind, status: 'in_progress', action: { type: 'search', query: text(2) } }
        added(base)
        for (const step of ['in_progress', 'searching', 'completed']) emit(`response.${kind}.${step}`, at)
        return done(
          kind === 'file_search_call'
            ? { ...base, status: 'completed', queries: [text(2)] }
            : { ...base, status: 'completed' },
        )
      }
      case 'code_interpreter_call': {
        const base = {
          id: itemId,
          type: kind,
          status: 'in_progress',
          code: '',
          container_id: 'cntr_1',
          outputs: null,
        }
        added(base)
        emit('response.code_interpreter_call.in_progress', at)
        const code = `print(${JSON.stringify(text(int(1, 6)))})`
        for (const delta of split(code, int(1, 8)))
          emit('response.code_interpreter_call_code.delta', { ...at, delta })
        emit('response.code_interpreter_call_code.done', { ...at, code })
        emit('response.code_interpreter_call.interpreting', at)
        emit('response.code_interpreter_call.completed', at)
        return done({ ...base, status: 'completed', code, outputs: [{ type: 'logs', logs: text(3) }] })
      }
      case 'image_generation_call': {
        const base = { id: itemId, type: kind, status: 'in_progress', result: null }
        added(base)
        emit('response.image_generation_call.in_progress', at)
        emit('response.image_generation_call.generating', at)
        for (let p = 0; p < int(0, 2); p++) {
          emit('response.image_generation_call.partial_image', {
            ...at,
            partial_image_index: p,
            partial_image_b64: `iVBOR${p}`,
          })
        }
        emit('response.image_generation_call.completed', at)
        return done({ ...base, status: 'completed', result: 'iVBORfinal' })
      }
      case 'mcp_list_tools': {
        const base = { id: itemId, type: kind, server_label: 'runline_docs', tools: [] }
        added(base)
        emit('response.mcp_list_tools.in_progress', at)
        emit('response.mcp_list_tools.completed', at)
        return done({ ...base, tools: [{ name: 'search', input_schema: {} }] })
      }
      case 'mcp_approval_request': {
        const item = {
          id: itemId,
          type: kind,
          server_label: 'runline_docs',
          name: 'search',
          arguments: '{"q":"x"}',
        }
        added(item)
        return done(item)
      }
      default: {
        // An item type this version does not know: kept whole.
        const item = { id: itemId, type: kind, payload: { note: text(2) } }
        added(item)
        return done({ ...item, status: 'completed' })
      }
    }
  }

  const drop = options.dropEventLines ?? true
  let sse = ''
  for (const event of events) {
    const line = JSON.stringify(event)
    sse += drop && rnd() < 0.2 ? `data: ${line}\n\n` : `event: ${event.type}\ndata: ${line}\n\n`
  }
  return { events, sse, features }
}
