// The Responses wire (OpenAI Responses + Conversations; Foundry's new agents): a run is one user
// turn, a response in the run's conversation; tool outputs and approvals are the input items of the
// turn's next response; re-attach is `GET /responses/{id}?stream=true&starting_after=N`. The store
// folds every response of the turn (core's Responses fold, which this wire gives it), so the wire reads
// where it is from there.
import {
  asRunlineError,
  type Response,
  type ResponseCreateBody,
  type RunlineClient,
  type RunStore,
  type RunStreamEvent,
  sleep,
} from '@runline/core'
import type { StartParams } from '../controller/options.js'
// Through the module a Responses history loads them from: one chunk holds the fold for both.
import { responsesParts } from '../responses-parts.js'
import { withNetworkRetries } from './retry.js'
import type { RunAnswers, RunWire, WireStream } from './wire.js'

/** What the Responses wire reads from the controller's options (read afresh at each call). */
export interface ResponsesWireOptions {
  client: RunlineClient
  /** The model, or the agent profile's name the server expands. */
  model?: string
  responseParams?: Partial<ResponseCreateBody>
}

type InputItems = Exclude<ResponseCreateBody['input'], string | undefined>

const ACTIVE: ReadonlySet<string> = new Set(['queued', 'in_progress'])
const REATTACH_ATTEMPTS = 3
const MAX_POLL_WAIT_MS = 30_000

/**
 * Creates the Responses wire; `options()` gives the controller's latest options. `store` is the run
 * store it feeds: the wire gives it the Responses fold (this module is loaded on first use, so an app
 * on the Assistants wire ships none), and reads its newest state (where the turn's responses and their
 * last `sequence_number` are).
 */
export function createResponsesWire(options: () => ResponsesWireOptions, store: RunStore): RunWire {
  store.addResponses(responsesParts)
  const state = store.getPendingState
  /** The store's copy of the response, when the store holds it (else after a reload: nothing). */
  const held = (responseId: string) => {
    const list = state().responses ?? []
    const last = list[list.length - 1]
    return last?.response.id === responseId ? last : undefined
  }
  /** True once the store's latest response stopped (ended, or waits for the client). */
  const settled = () => {
    const list = state().responses ?? []
    const status = list[list.length - 1]?.response.status
    return typeof status === 'string' && !ACTIVE.has(status)
  }
  /** A stream that ends with `done` where the turn's response did: Responses streams send no `[DONE]`. */
  const ending = (stream: WireStream, first: RunStreamEvent[] = []): WireStream => ({
    async forEach(onEvent) {
      for (const event of first) onEvent(event)
      await stream.forEach(onEvent)
      if (settled()) onEvent({ event: 'done', data: '[DONE]' })
    },
  })

  const create = (body: ResponseCreateBody, signal: AbortSignal) =>
    options().client.responses.stream(body, { signal })

  /** Emits the server's response as a lifecycle event (the fold takes it as the final word). */
  const lifecycle = (response: Response): RunStreamEvent =>
    ({
      event: `response.${response.status ?? 'in_progress'}`,
      data: { type: `response.${response.status ?? 'in_progress'}`, response },
    }) as unknown as RunStreamEvent

  /** Retrieves the response until it stops, at the caller's pace, doubling while nothing changes. */
  const poll = async (id: string, emit: (event: RunStreamEvent) => void, signal: AbortSignal, ms = 1000) => {
    for (let wait = ms; ; wait = Math.min(wait * 2, MAX_POLL_WAIT_MS)) {
      const response = await withNetworkRetries(signal, () =>
        options().client.responses.retrieve(id, { signal }),
      )
      if (signal.aborted) return
      emit(lifecycle(response))
      if (!ACTIVE.has(String(response.status))) return
      await sleep(wait, signal)
    }
  }

  return {
    async start({ threadId, params }, signal) {
      const { client } = options()
      // The conversation holds the turns (the thread's role); a first message creates it.
      const conversation = threadId ?? (await client.conversations.create({}, { signal })).id
      const stream = await create(
        responseBody(options(), inputOf(params), { conversation }) as ResponseCreateBody,
        signal,
      )
      // A new conversation: the store learns its id as it learns a created thread's.
      const announce: RunStreamEvent[] = threadId
        ? []
        : [{ event: 'runline.connecting', data: { threadId: conversation } }]
      return ending(stream, announce)
    },

    async answer({ threadId, runId }, answers, signal) {
      // One request answers all: the outputs and the approvals are the next response's input items.
      const where = threadId ? { conversation: threadId } : { previous_response_id: runId }
      const items = answerItems(answers)
      const stream = await create(responseBody(options(), items, where) as ResponseCreateBody, signal)
      // The API never echoes input items: the store learns them here, and the next response it
      // begins keeps them (the function cards show their outputs, the approval rows the decisions).
      return ending(stream, [{ event: 'runline.input_items', data: { items } }])
    },

    async cancel({ runId }, signal) {
      // A turn that waits for the client has nothing running server-side: the controller's
      // `runline.cancelling` is its end (core derives `cancelled`), no request needed.
      if (held(runId) && settled()) return []
      try {
        const response = await options().client.responses.cancel(runId, { signal })
        return [lifecycle(response)]
      } catch (error) {
        // Not a background response, or it ended meanwhile: following it shows how it ended.
        const refused = asRunlineError(error)
        if (refused.kind === 'api' && (refused.status === 400 || refused.status === 404)) return []
        throw error
      }
    },

    async follow({ runId }, emit, { signal, pollIntervalMs }) {
      const { client } = options()
      let known = held(runId)?.response
      if (!known) {
        known = await withNetworkRetries(signal, () => client.responses.retrieve(runId, { signal }))
        if (signal.aborted) return
        // Only a background response can be streamed again; anything else comes from retrieve.
        if (!known.background || !ACTIVE.has(String(known.status))) emit(lifecycle(known))
      }
      // Re-attach where the store stopped: the server replays only the events after it.
      for (let attempt = 1; known.background && !settled() && attempt <= REATTACH_ATTEMPTS; attempt++) {
        const sequence = held(runId)?.sequence ?? -1
        try {
          const stream = await client.responses.retrieveStream(runId, {
            signal,
            ...(sequence >= 0 ? { starting_after: sequence } : {}),
          })
          await stream.forEach(emit)
        } catch (error) {
          if (signal.aborted) return
          if (asRunlineError(error).kind !== 'network') throw error
          await sleep(250 * attempt, signal)
        }
      }
      if (signal.aborted) return
      if (!settled()) await poll(runId, emit, signal, pollIntervalMs)
      if (!signal.aborted) emit({ event: 'done', data: '[DONE]' })
    },

    async waitForEnd(target, { cancel, signal, pollIntervalMs }) {
      // Cancelling is recorded like the controller's own cancel, so a turn waiting for the client ends.
      const events: RunStreamEvent[] = cancel
        ? [{ event: 'runline.cancelling' }, ...(await this.cancel(target, signal))]
        : []
      await poll(target.runId, (event) => events.push(event), signal, pollIntervalMs)
      return events
    },

    // Conversations take concurrent responses: no run ever holds one.
    activeRunOf: () => null,
  }
}

/** The turn's input: the message as a user message, then any items the caller passed. */
function inputOf(params: StartParams): InputItems {
  const items: InputItems = []
  const { message } = params
  if (typeof message === 'string') items.push({ role: 'user', content: message })
  else if (message) items.push({ role: 'user', content: String(message.content) })
  if (params.input) items.push(...params.input)
  return items
}

/** The answers as input items: `function_call_output` per output, `mcp_approval_response` per decision. */
function answerItems(answers: RunAnswers): InputItems {
  return [
    ...answers.toolOutputs.map((output) => ({
      type: 'function_call_output' as const,
      call_id: output.tool_call_id,
      output: output.output,
    })),
    ...(answers.toolApprovals ?? []).map((approval) => ({
      type: 'mcp_approval_response' as const,
      approval_request_id: approval.tool_call_id,
      approve: approval.approve,
    })),
  ]
}

/**
 * The `POST /responses` body: the defaults, the model, the input, where it goes. `background: true`
 * so a dropped stream or a reload re-attaches (`starting_after`) and `cancel` can stop it.
 */
function responseBody(
  defaults: ResponsesWireOptions,
  input: InputItems,
  where: { conversation: string } | { previous_response_id: string },
): Partial<ResponseCreateBody> {
  return {
    ...defaults.responseParams,
    model: defaults.responseParams?.model ?? defaults.model,
    input,
    background: true,
    ...where,
  }
}
