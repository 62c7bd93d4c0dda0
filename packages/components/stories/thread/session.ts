import { createRunlineClient, type RunlineClient } from '@runline/core'
import { DEMO_ASSISTANT_ID, RESPONSES_MODEL } from '@runline/simulator'
import { createSimulatorSession, SIM_BASE_URL } from '../replay/simulated.js'

/** A simulator in the page with a thread on it, and a client whose run streams arrive at a readable pace. */
export interface ThreadSession {
  client: RunlineClient
  /** The seeded thread; null for a conversation that has not started. */
  threadId: string | null
}

/** Earlier questions, in turn: a markdown answer with a code block, and a code-interpreter run. */
const QUESTIONS = [
  'How does Runline stream a run?',
  'Calculate the mean of 12, 7, 30 and 5 with code',
  'What do the deltas look like?',
  'Calculate the total of 3, 9 and 27 with code',
]

/**
 * A fresh in-page simulator (fixed clock and seed: the same ids and text on every load) holding a
 * thread of `turns` question-and-answer turns (none: no thread). The seeding runs stream at full
 * speed; runs the story starts stream one delta every `paceMs`, so they can be watched.
 */
export async function threadSession({
  turns,
  paceMs = 15,
}: {
  turns: number
  paceMs?: number
}): Promise<ThreadSession> {
  const { sim, client: seeding } = createSimulatorSession({ fixedClock: true, seed: 11 })
  let threadId: string | null = null
  if (turns > 0) {
    threadId = (await seeding.threads.create()).id
    for (let i = 0; i < turns; i++) {
      await seeding.messages.create(threadId, { role: 'user', content: QUESTIONS[i % QUESTIONS.length]! })
      const stream = await seeding.runs.stream(threadId, { assistant_id: DEMO_ASSISTANT_ID })
      await stream.forEach(() => {})
    }
  }
  return {
    client: createRunlineClient({ baseUrl: SIM_BASE_URL, fetch: paced(sim.fetchLike, paceMs) }),
    threadId,
  }
}

/** Earlier turns of a Responses conversation: a markdown answer, and a weather loop. */
const RESPONSES_QUESTIONS = ['How does Runline stream a turn?', 'What is the weather in Lisbon?']

/**
 * A fresh in-page simulator (fixed clock and seed) holding a Responses conversation of `turns`
 * turns played as the Responses wire plays them (a function call answered by the next response's
 * `function_call_output`), or none: no conversation. Turns the story starts stream one text delta
 * every `paceMs`. `threadId` is the conversation's id.
 */
export async function responsesSession({
  turns,
  paceMs = 15,
}: {
  turns: number
  paceMs?: number
}): Promise<ThreadSession> {
  const { sim, client: seeding } = createSimulatorSession({ fixedClock: true, seed: 12 })
  let threadId: string | null = null
  if (turns > 0) {
    const conversation = (await seeding.conversations.create()).id
    threadId = conversation
    const respond = (input: Parameters<typeof seeding.responses.create>[0]['input']) =>
      seeding.responses.create({ model: RESPONSES_MODEL, conversation, input })
    for (let i = 0; i < turns; i++) {
      let response = await respond(RESPONSES_QUESTIONS[i % RESPONSES_QUESTIONS.length]!)
      for (;;) {
        const calls = response.output.flatMap((item) => (item.type === 'function_call' ? [item] : []))
        if (calls.length === 0) break
        response = await respond(
          calls.map((call) => ({
            type: 'function_call_output' as const,
            call_id: call.call_id,
            output: '{"temperature": 19, "unit": "c", "sky": "clear"}',
          })),
        )
      }
    }
  }
  return {
    client: createRunlineClient({ baseUrl: SIM_BASE_URL, fetch: paced(sim.fetchLike, paceMs) }),
    threadId,
  }
}

/** A fetch whose event streams hold each text delta (either wire's) back by `ms`. */
function paced(fetchLike: typeof fetch, ms: number): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fetchLike(input, init)
    if (!response.body || !response.headers.get('content-type')?.includes('text/event-stream'))
      return response
    const body = response.body
      .pipeThrough(new TextDecoderStream())
      .pipeThrough(deltasEvery(ms))
      .pipeThrough(new TextEncoderStream())
    return new Response(body, { status: response.status, headers: response.headers })
  }) as typeof fetch
}

const TEXT_DELTA = /^event: (thread\.message\.delta|response\.output_text\.delta)\n/

function deltasEvery(ms: number): TransformStream<string, string> {
  let buffer = ''
  return new TransformStream({
    async transform(chunk, controller) {
      buffer += chunk
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const event = buffer.slice(0, end + 2)
        buffer = buffer.slice(end + 2)
        if (TEXT_DELTA.test(event)) await new Promise((resolve) => setTimeout(resolve, ms))
        controller.enqueue(event)
      }
    },
    flush(controller) {
      if (buffer) controller.enqueue(buffer)
    },
  })
}
