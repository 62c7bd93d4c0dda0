// Test helpers: real run states from the real recordings, the seeded generator and the simulator.
import {
  type AssistantStreamEvent,
  createRunStore,
  initialRunState,
  parseRunStream,
  type RunState,
  type RunStore,
  reduceRun,
} from '@runline/core'
import { readRecordingText, readResponsesRecording } from '@runline/fixtures'
import { createSimulator, FILE_SEARCH_CONTENT_INCLUDE } from '@runline/simulator'

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })
}

/** Every event of an SSE text, parsed by core's real parser. */
export async function eventsOf(sse: string): Promise<AssistantStreamEvent[]> {
  const events: AssistantStreamEvent[] = []
  for await (const event of parseRunStream(streamOf(sse))) events.push(event as AssistantStreamEvent)
  return events
}

/** Folds events with core's reducer. */
export function fold(events: readonly AssistantStreamEvent[], from: RunState = initialRunState): RunState {
  let state = from
  for (const event of events) state = reduceRun(state, event)
  return state
}

/** The SSE text of a real recording (by file name), from the repository's copy (`@runline/fixtures`). */
export function recording(name: string): string {
  return readRecordingText(name)
}

/** A real recording folded to its final state. */
export async function recordingState(name: string): Promise<RunState> {
  return fold(await eventsOf(recording(name)))
}

/** A real Responses recording (JSONL, one event a line) framed as SSE the way the server sent it. */
export function responsesSse(name: string): string {
  let out = ''
  for (const line of readResponsesRecording(name).split('\n')) {
    if (line.trim() === '') continue
    const type = (JSON.parse(line) as { type?: unknown }).type
    out += `event: ${String(type)}\ndata: ${line}\n\n`
  }
  return out
}

/** A real Responses recording folded to its final state (or its first `count` events). */
export async function responsesState(name: string, count = Number.POSITIVE_INFINITY): Promise<RunState> {
  return fold((await eventsOf(responsesSse(name))).slice(0, count))
}

/** POSTs JSON to a simulator's v1 API, as the proxy would. */
function poster(sim: ReturnType<typeof createSimulator>) {
  return (path: string, body: unknown) =>
    sim.fetch(
      new Request(`http://sim.test/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'openai-beta': 'assistants=v2' },
        body: JSON.stringify(body),
      }),
    )
}

/** A simulator run on a fresh thread for a prompt (fixed clock and seed), as SSE events. */
export async function simulatedEvents(prompt: string): Promise<{
  events: AssistantStreamEvent[]
  submit: (outputs: Array<{ tool_call_id: string; output: string }>) => Promise<AssistantStreamEvent[]>
}> {
  const sim = createSimulator({ delayMs: 0, now: () => 1_761_861_531_000 })
  const include = `?include[]=${encodeURIComponent(FILE_SEARCH_CONTENT_INCLUDE)}`
  const post = poster(sim)
  const response = await post(`/threads/runs${include}`, {
    assistant_id: 'asst_runline_demo',
    stream: true,
    thread: { messages: [{ role: 'user', content: prompt }] },
  })
  const events = await eventsOf(await response.text())
  const submit = async (outputs: Array<{ tool_call_id: string; output: string }>) => {
    const run = fold(events).run!
    const next = await post(`/threads/${run.thread_id}/runs/${run.id}/submit_tool_outputs`, {
      stream: true,
      tool_outputs: outputs,
    })
    return eventsOf(await next.text())
  }
  return { events, submit }
}

/**
 * A paced simulator run (the `slow` scenario, or whatever `prompt` picks) cancelled through the
 * simulator's own cancel endpoint as soon as its first step is created: every event of its stream.
 */
export async function simulatedCancelledEvents(prompt: string): Promise<AssistantStreamEvent[]> {
  const sim = createSimulator({ delayMs: 2, now: () => 1_761_861_531_000 })
  const post = poster(sim)
  const response = await post('/threads/runs', {
    assistant_id: 'asst_runline_demo',
    stream: true,
    thread: { messages: [{ role: 'user', content: prompt }] },
  })
  const events: AssistantStreamEvent[] = []
  let cancelled: Promise<Response> | null = null
  for await (const event of parseRunStream(response.body!)) {
    events.push(event as AssistantStreamEvent)
    if (event.event === 'thread.run.step.created' && !cancelled) {
      const step = event.data as { thread_id: string; run_id: string }
      cancelled = post(`/threads/${step.thread_id}/runs/${step.run_id}/cancel`, {})
    }
  }
  await cancelled
  return events
}

/** A simulator run folded to its final state. */
export async function simulatedState(prompt: string): Promise<RunState> {
  return fold((await simulatedEvents(prompt)).events)
}

/** A store that commits every event at once (tests have no animation frames to wait for). */
export function syncStore(initialState?: RunState): RunStore {
  return createRunStore({ scheduler: 'sync', ...(initialState ? { initialState } : {}) })
}

/** A state with `count` completed message steps (for windowing). */
export function manyStepsState(count: number): RunState {
  const t0 = 1_761_861_531
  const events: unknown[] = [
    {
      event: 'thread.run.created',
      data: {
        id: 'run_many',
        object: 'thread.run',
        thread_id: 'thread_many',
        status: 'in_progress',
        created_at: t0,
        model: 'gpt-4o',
      },
    },
  ]
  for (let i = 0; i < count; i++) {
    const stepId = `step_${i}`
    const msgId = `msg_${i}`
    events.push(
      {
        event: 'thread.run.step.created',
        data: {
          id: stepId,
          object: 'thread.run.step',
          run_id: 'run_many',
          thread_id: 'thread_many',
          created_at: t0 + i,
          type: 'message_creation',
          status: 'completed',
          completed_at: t0 + i + 1,
          step_details: { type: 'message_creation', message_creation: { message_id: msgId } },
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        },
      },
      {
        event: 'thread.message.completed',
        data: {
          id: msgId,
          object: 'thread.message',
          thread_id: 'thread_many',
          run_id: 'run_many',
          role: 'assistant',
          status: 'completed',
          created_at: t0 + i,
          content: [{ type: 'text', text: { value: `Row number ${i}.`, annotations: [] } }],
        },
      },
    )
  }
  return fold(events as AssistantStreamEvent[])
}
