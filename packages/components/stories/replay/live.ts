import {
  createRunlineClient,
  createRunStore,
  isRunlineError,
  type RunEventStream,
  type RunlineClient,
  type RunStore,
  type RunStreamEvent,
} from '@runline/core'
import { createRunlineProxy } from '@runline/proxy'
import { DEMO_ASSISTANT_ID } from '@runline/simulator'
import { createSimulatorSession, SIM_BASE_URL } from './simulated.js'

/** One tool output, as `submit_tool_outputs` takes it. */
export interface LiveToolOutput {
  tool_call_id: string
  output: string
}

/**
 * A live run against the in-page simulator, shaped like the handle components take as `run`
 * (`{ store, cancel, submitToolOutputs }`): the store is fed by the core client's real SSE parsing.
 */
export interface LiveRun {
  store: RunStore
  /** `POST .../cancel`; the open stream then delivers `cancelling` and `cancelled`. */
  cancel(): Promise<unknown>
  /** `submit_tool_outputs` with `stream: true`; its events go into the same store. */
  submitToolOutputs(outputs: LiveToolOutput[]): Promise<unknown>
  /** Creates a thread with `prompt` and streams its run into the store (resolves at stream end). */
  start(prompt: string): Promise<void>
}

/** Options of {@link createLiveRun}. */
export interface LiveRunOptions {
  /** Simulator pace per delta in ms. Default 20 (the simulator's own default). */
  delayMs?: number
  /**
   * Put a `@runline/proxy` in front of the simulator whose `authorize` hook refuses every request,
   * so the run fails the way a browser sees a 403 from the proxy.
   */
  forbidden?: boolean
}

/** Creates a {@link LiveRun}; nothing is requested until `start`. */
export function createLiveRun(options: LiveRunOptions = {}): LiveRun {
  const session = createSimulatorSession({ delayMs: options.delayMs ?? 20 })
  const client: RunlineClient = options.forbidden ? forbiddenClient(session.sim.fetchLike) : session.client
  const store = createRunStore()
  const dispatch = (event: RunStreamEvent) => store.dispatch(event)

  const ids = () => {
    const state = store.getPendingState()
    const runId = state.run?.id
    const threadId = state.threadId ?? state.run?.thread_id
    if (!runId || !threadId) throw new Error('The run has not started yet')
    return { threadId, runId }
  }

  /** Reports a failed request the way the hooks do: a `runline.error` event with the HTTP status. */
  const fail = (error: unknown) => {
    dispatch({
      event: 'runline.error',
      data: isRunlineError(error)
        ? {
            code: error.code ?? `http_${error.status ?? error.kind}`,
            message: error.message,
            status: error.status,
          }
        : { code: 'client_error', message: String((error as Error)?.message ?? error) },
    })
  }

  const pump = async (open: () => Promise<RunEventStream>) => {
    dispatch({ event: 'runline.connecting', data: { threadId: store.getPendingState().threadId } })
    try {
      const stream = await open()
      await stream.forEach(dispatch)
    } catch (error) {
      fail(error)
    }
  }

  return {
    store,
    start: (prompt) =>
      pump(() =>
        client.threads.createAndRunStream({
          assistant_id: DEMO_ASSISTANT_ID,
          thread: { messages: [{ role: 'user', content: prompt }] },
        }),
      ),
    cancel: async () => {
      const { threadId, runId } = ids()
      try {
        return await client.runs.cancel(threadId, runId)
      } catch (error) {
        fail(error)
        return undefined
      }
    },
    submitToolOutputs: (tool_outputs) => {
      const { threadId, runId } = ids()
      return pump(() => client.runs.submitToolOutputsStream(threadId, runId, { tool_outputs }))
    },
  }
}

/** Where the in-page proxy is mounted, as the client sees it. */
const PROXY_BASE_URL = 'http://proxy.local/api/v1'

/** A client whose requests go through a real `@runline/proxy` that refuses them (403). */
function forbiddenClient(upstreamFetch: typeof fetch): RunlineClient {
  const proxy = createRunlineProxy({
    upstream: { url: SIM_BASE_URL, fetch: upstreamFetch },
    basePath: '/api/v1',
    assistantIds: [DEMO_ASSISTANT_ID],
    authorize: () => false,
  })
  return createRunlineClient({
    baseUrl: PROXY_BASE_URL,
    fetch: (input, init) => proxy(new Request(input, init)),
  })
}
