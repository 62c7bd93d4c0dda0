// A seeded generator of Assistants streams in the recordings' shapes, for property tests and benchmarks.
import { seededRandom } from './recordings.js'

type Json = Record<string, any>

export interface GeneratedStream {
  /** The SSE text. */
  sse: string
  /** What the generator put in (for assertions that need to know). */
  features: Set<string>
}

export interface GenerateOptions {
  /** Number of text deltas in each text part (default random 3–40). */
  textDeltas?: number
  /** Force the run's terminal status. */
  terminal?: 'completed' | 'incomplete' | 'failed' | 'cancelled' | 'expired' | 'requires_action'
  /** One message step with one plain text part (a "long" reply, for benchmarks). */
  plainText?: boolean
}

const WORDS =
  'the quick brown fox jumps over a lazy dog — 東京 café naïve 🚀 data: [DONE] "quoted" \\ back'.split(' ')

/** Generates one run's SSE stream from a seed: same seed, same bytes. */
export function generateRunStream(seed: number, options: GenerateOptions = {}): GeneratedStream {
  const rnd = seededRandom(seed)
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  let idSeq = 0
  const id = (prefix: string) => `${prefix}_${seed.toString(36)}x${(idSeq++).toString(36).padStart(6, '0')}`
  const features = new Set<string>()
  const out: string[] = []
  const emit = (event: string, data: unknown) =>
    out.push(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  const t0 = 1_761_861_531
  const threadId = id('thread')
  const runId = id('run')
  const assistantId = 'asst_generated'
  const run: Json = {
    id: runId,
    object: 'thread.run',
    created_at: t0,
    assistant_id: assistantId,
    thread_id: threadId,
    status: 'queued',
    started_at: null,
    expires_at: t0 + 600,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    required_action: null,
    last_error: null,
    model: 'gpt-4o',
    instructions: null,
    tools: [{ type: 'code_interpreter' }, { type: 'file_search' }],
    tool_resources: {},
    metadata: {},
    temperature: 1.0,
    top_p: 1.0,
    max_completion_tokens: null,
    max_prompt_tokens: null,
    truncation_strategy: { type: 'auto', last_messages: null },
    incomplete_details: null,
    usage: null,
    response_format: 'auto',
    tool_choice: 'auto',
    parallel_tool_calls: true,
  }
  const runEvent = (event: string, patch: Json) => {
    Object.assign(run, patch)
    emit(event, { ...run })
  }
  if (rnd() < 0.5) emit('thread.created', { id: threadId, object: 'thread', created_at: t0, metadata: {} })
  runEvent('thread.run.created', {})
  runEvent('thread.run.queued', {})
  runEvent('thread.run.in_progress', { status: 'in_progress', started_at: t0 + 1 })

  const terminal =
    options.terminal ??
    pick([
      'completed',
      'completed',
      'incomplete',
      'failed',
      'cancelled',
      'expired',
      'requires_action',
    ] as const)
  features.add(`terminal:${terminal}`)
  const phases = options.plainText ? 1 : int(1, 3)
  const usage = () => ({
    prompt_tokens: int(10, 900),
    completion_tokens: int(1, 90),
    total_tokens: int(100, 999),
  })
  const stepBase = (type: string, details: Json): Json => ({
    id: id('step'),
    object: 'thread.run.step',
    created_at: t0 + 2,
    run_id: runId,
    assistant_id: assistantId,
    thread_id: threadId,
    type,
    status: 'in_progress',
    cancelled_at: null,
    completed_at: null,
    expires_at: t0 + 600,
    failed_at: null,
    last_error: null,
    step_details: details,
    usage: null,
  })
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ')
  const textDeltaCount = () => options.textDeltas ?? int(3, 40)

  const messageStep = (final: boolean) => {
    const msgId = id('msg')
    const step = stepBase('message_creation', {
      type: 'message_creation',
      message_creation: { message_id: msgId },
    })
    emit('thread.run.step.created', step)
    emit('thread.run.step.in_progress', step)
    const message: Json = {
      id: msgId,
      object: 'thread.message',
      created_at: t0 + 3,
      assistant_id: assistantId,
      thread_id: threadId,
      run_id: runId,
      status: 'in_progress',
      incomplete_details: null,
      incomplete_at: null,
      completed_at: null,
      role: 'assistant',
      content: [],
      attachments: [],
      metadata: {},
    }
    emit('thread.message.created', message)
    emit('thread.message.in_progress', message)
    const parts = options.plainText ? 1 : int(1, 3)
    const content: Json[] = []
    for (let index = 0; index < parts; index++) {
      const kind = index === 0 ? 'text' : pick(['text', 'text', 'image_file', 'image_url'])
      if (kind === 'image_file' || kind === 'image_url') {
        features.add(kind)
        const image =
          kind === 'image_file'
            ? { file_id: id('file'), detail: 'auto' }
            : { url: 'https://example.com/a.png', detail: 'low' }
        emit('thread.message.delta', {
          id: msgId,
          object: 'thread.message.delta',
          delta: { content: [{ index, type: kind, [kind]: image }] },
        })
        content.push({ type: kind, [kind]: image })
        continue
      }
      if (index > 0) features.add('multi-part')
      let value = ''
      const annotations: Json[] = []
      const n = textDeltaCount()
      for (let d = 0; d < n; d++) {
        const fragment = `${d === 0 ? '' : ' '}${words(int(1, 3))}`
        const text: Json = { value: fragment }
        if (d === 0) text.annotations = []
        if (d > 0 && !options.plainText && rnd() < 0.08) {
          const citation = rnd() < 0.6
          features.add(citation ? 'file_citation' : 'file_path')
          const marker = citation
            ? `【4:${annotations.length}†doc.txt】`
            : `sandbox:/mnt/data/out${annotations.length}.csv`
          const start = value.length
          const annotation: Json = citation
            ? {
                type: 'file_citation',
                text: marker,
                start_index: start,
                end_index: start + marker.length,
                file_citation: { file_id: id('file') },
              }
            : {
                type: 'file_path',
                text: marker,
                start_index: start,
                end_index: start + marker.length,
                file_path: { file_id: id('file') },
              }
          emit('thread.message.delta', {
            id: msgId,
            object: 'thread.message.delta',
            delta: {
              content: [
                {
                  index,
                  type: 'text',
                  text: { value: marker, annotations: [{ index: annotations.length, ...annotation }] },
                },
              ],
            },
          })
          value += marker
          annotations.push(annotation)
        }
        emit('thread.message.delta', {
          id: msgId,
          object: 'thread.message.delta',
          delta: { content: [{ index, type: 'text', text }] },
        })
        value += fragment
      }
      content.push({ type: 'text', text: { value, annotations } })
    }
    const incomplete = final && terminal === 'incomplete'
    emit(incomplete ? 'thread.message.incomplete' : 'thread.message.completed', {
      ...message,
      status: incomplete ? 'incomplete' : 'completed',
      incomplete_details: incomplete ? { reason: 'max_tokens' } : null,
      completed_at: incomplete ? null : t0 + 4,
      content,
    })
    emit('thread.run.step.completed', {
      ...step,
      status: 'completed',
      completed_at: t0 + 4,
      expires_at: null,
      usage: usage(),
    })
  }

  const toolStep = (): boolean => {
    const kind =
      terminal === 'requires_action'
        ? 'function'
        : pick(['code_interpreter', 'file_search', 'code_interpreter'])
    const step = stepBase('tool_calls', { type: 'tool_calls', tool_calls: [] })
    emit('thread.run.step.created', step)
    emit('thread.run.step.in_progress', step)
    const stepDelta = (toolCalls: Json[]) =>
      emit('thread.run.step.delta', {
        id: step.id,
        object: 'thread.run.step.delta',
        delta: { step_details: { type: 'tool_calls', tool_calls: toolCalls } },
      })
    if (kind === 'function') {
      const count = int(1, 3)
      if (count > 1) features.add('parallel-functions')
      features.add('function')
      const calls = Array.from({ length: count }, (_, index) => ({
        index,
        id: id('call'),
        args: JSON.stringify({
          location: pick(['Paris', 'Tokyo', 'Zürich', 'São Paulo']),
          unit: pick(['c', 'f']),
        }),
        sent: 0,
      }))
      for (const call of calls) {
        stepDelta([
          {
            index: call.index,
            id: call.id,
            type: 'function',
            function: { name: 'get_weather', arguments: '', output: null },
          },
        ])
      }
      // Interleave the argument fragments of the parallel calls.
      while (calls.some((c) => c.sent < c.args.length)) {
        const call = pick(calls.filter((c) => c.sent < c.args.length))
        const size = int(1, 6)
        stepDelta([
          {
            index: call.index,
            type: 'function',
            function: { arguments: call.args.slice(call.sent, call.sent + size) },
          },
        ])
        call.sent += size
      }
      const toolCalls = calls.map((c) => ({
        id: c.id,
        type: 'function',
        function: { name: 'get_weather', arguments: c.args },
      }))
      runEvent('thread.run.requires_action', {
        status: 'requires_action',
        required_action: { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: toolCalls } },
      })
      return true
    }
    if (kind === 'code_interpreter') {
      features.add('code_interpreter')
      const callId = id('call')
      stepDelta([
        { index: 0, id: callId, type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } },
      ])
      const code = 'import math\nprint(math.sqrt(2))\n'.repeat(int(1, 3))
      for (let i = 0; i < code.length; i += 5) {
        stepDelta([{ index: 0, type: 'code_interpreter', code_interpreter: { input: code.slice(i, i + 5) } }])
      }
      const outputs: Json[] = [{ type: 'logs', logs: '1.4142135623730951\n' }]
      stepDelta([
        { index: 0, type: 'code_interpreter', code_interpreter: { outputs: [{ index: 0, ...outputs[0] }] } },
      ])
      if (rnd() < 0.5) {
        features.add('code_image')
        const image = { type: 'image', image: { file_id: id('file') } }
        outputs.push(image)
        stepDelta([
          { index: 0, type: 'code_interpreter', code_interpreter: { outputs: [{ index: 1, ...image }] } },
        ])
      }
      emit('thread.run.step.completed', {
        ...step,
        status: 'completed',
        completed_at: t0 + 5,
        usage: usage(),
        step_details: {
          type: 'tool_calls',
          tool_calls: [{ id: callId, type: 'code_interpreter', code_interpreter: { input: code, outputs } }],
        },
      })
    } else {
      features.add('file_search')
      const callId = id('call')
      const rankingOptions = { ranker: 'default_2024_08_21', score_threshold: 0.0 }
      stepDelta([
        {
          index: 0,
          id: callId,
          type: 'file_search',
          file_search: { ranking_options: rankingOptions, results: [] },
        },
      ])
      emit('thread.run.step.completed', {
        ...step,
        status: 'completed',
        completed_at: t0 + 5,
        usage: usage(),
        step_details: {
          type: 'tool_calls',
          tool_calls: [
            {
              id: callId,
              type: 'file_search',
              file_search: {
                ranking_options: rankingOptions,
                results: [{ file_id: id('file'), file_name: 'doc.txt', score: 0.91, attributes: {} }],
              },
            },
          ],
        },
      })
    }
    return false
  }

  for (let phase = 0; phase < phases; phase++) {
    const last = phase === phases - 1
    if ((last && terminal === 'requires_action') || (!options.plainText && rnd() < 0.4)) {
      if (toolStep()) break
      if (last) messageStep(true)
    } else {
      messageStep(last)
    }
  }
  if (terminal !== 'requires_action') {
    const at = t0 + 9
    switch (terminal) {
      case 'completed':
        runEvent('thread.run.completed', {
          status: 'completed',
          completed_at: at,
          expires_at: null,
          usage: usage(),
        })
        break
      case 'incomplete':
        // Real streams name this `thread.run.completed` while the data says incomplete; do both.
        runEvent(rnd() < 0.5 ? 'thread.run.completed' : 'thread.run.incomplete', {
          status: 'incomplete',
          incomplete_details: { reason: 'max_completion_tokens' },
          usage: usage(),
        })
        break
      case 'failed':
        runEvent('thread.run.failed', {
          status: 'failed',
          failed_at: at,
          last_error: { code: 'server_error', message: 'Sorry, something went wrong.' },
        })
        break
      case 'cancelled':
        runEvent('thread.run.cancelling', { status: 'cancelling' })
        runEvent('thread.run.cancelled', { status: 'cancelled', cancelled_at: at })
        break
      case 'expired':
        runEvent('thread.run.expired', { status: 'expired' })
        break
    }
  }
  out.push('event: done\ndata: [DONE]\n\n')
  return { sse: out.join(''), features }
}
