// The Assistants wire (OpenAI's v2 protocol; Foundry classic agents speak it too): runs on threads,
// tool outputs (and Foundry's tool approvals) by `submit_tool_outputs`, reconcile by retrieve + steps
// + messages.
import {
  asRunlineError,
  assistantsParts,
  isRunlineError,
  isTerminalStatus,
  type RunCreateBody,
  type RunlineClient,
  type RunStore,
  type ThreadCreateAndRunBody,
} from '@runline/core'
import type { RunCreateParams } from 'openai/resources/beta/threads/runs/runs'
import type { StartMessage, StartParams } from '../controller/options.js'
import { withNetworkRetries } from './retry.js'
import { fetchRunSnapshot } from './snapshot.js'
import type { RunWire } from './wire.js'

/** What the Assistants wire reads from the controller's options (read afresh at each call). */
export interface AssistantsWireOptions {
  client: RunlineClient
  assistantId?: string
  params?: Partial<RunCreateBody>
}

const ACTIVE_RUN = /already has an active run (\S+?)\.?$/

/**
 * Creates the Assistants wire; `options()` gives the controller's latest options. `store` is the run
 * store it feeds: the wire gives it the Assistants fold (this module is loaded on first use, so a
 * page has none of that fold at start).
 */
export function createAssistantsWire(options: () => AssistantsWireOptions, store: RunStore): RunWire {
  store.addAssistants(assistantsParts)
  // The run's `include` (e.g. file search contents): reconciling asks for the steps the same way.
  let include: readonly string[] | undefined

  return {
    async start({ threadId, params }, signal) {
      const { client } = options()
      const body = runBody(options(), params)
      include = body.include ?? undefined
      return threadId
        ? client.runs.stream(threadId, body, { signal })
        : client.threads.createAndRunStream(createAndRunBody(body, params.thread), { signal })
    },

    answer({ threadId, runId }, answers, signal) {
      const { client } = options()
      const approvals = answers.toolApprovals ?? []
      // Foundry takes approvals on submit_tool_outputs; alone, they go without a `tool_outputs` key.
      if (answers.toolOutputs.length === 0 && approvals.length > 0)
        return client.runs.submitToolApprovalsStream(
          threadId,
          runId,
          { tool_approvals: approvals },
          { signal },
        )
      return client.runs.submitToolOutputsStream(
        threadId,
        runId,
        { tool_outputs: [...answers.toolOutputs], tool_approvals: approvals },
        { signal },
      )
    },

    async cancel(target, signal) {
      try {
        const run = await options().client.runs.cancel(target.threadId, target.runId, { signal })
        return [{ event: 'runline.snapshot', data: { run } }]
      } catch (error) {
        // 400: the run ended (or was cancelled) meanwhile; following it shows how it ended.
        if (asRunlineError(error).kind === 'api' && asRunlineError(error).status === 400) return []
        throw error
      }
    },

    async follow({ threadId, runId }, emit, { signal, until, pollIntervalMs }) {
      const { client } = options()
      const snapshot = async () => {
        const data = await withNetworkRetries(signal, () =>
          fetchRunSnapshot(client, threadId, runId, { signal, include }),
        )
        if (!signal.aborted) emit({ event: 'runline.snapshot', data })
        return data
      }
      // 'attention': the run needs the caller (requires_action) or ended.
      const stops = (status: string) =>
        isTerminalStatus(status) || (until === 'attention' && status === 'requires_action')
      const first = await snapshot()
      if (!stops(first.run.status)) {
        // While the run goes on, refresh the whole view at the server's pace (openai-poll-after-ms), so
        // text keeps coming after a drop or a reload instead of jumping to the end; an idle run is
        // asked less and less often.
        let last = first.messages
        await withNetworkRetries(signal, () =>
          client.runs.poll(threadId, runId, {
            signal,
            pollIntervalMs,
            backoff: 2,
            until: (run) => stops(run.status),
            onPending: async () => {
              const next = await snapshot()
              const changed = JSON.stringify(next.messages) !== JSON.stringify(last)
              last = next.messages
              return changed
            },
          }),
        )
        await snapshot()
      }
      if (!signal.aborted) emit({ event: 'done', data: '[DONE]' })
    },

    async waitForEnd(target, { cancel, signal, pollIntervalMs }) {
      const { client } = options()
      if (cancel) await this.cancel(target, signal)
      const run = await client.runs.poll(target.threadId, target.runId, {
        signal,
        pollIntervalMs,
        backoff: 2,
        // requires_action: someone (this page's form, another tab) has to answer; keep looking.
        until: (polled) => isTerminalStatus(polled.status),
      })
      return [{ event: 'runline.snapshot', data: { run } }]
    },

    activeRunOf(error, threadId) {
      if (!isRunlineError(error) || error.kind !== 'api' || error.status !== 400) return null
      const runId = ACTIVE_RUN.exec(error.message)?.[1]
      return runId ? { threadId, runId } : null
    },
  }
}

function additionalMessage(message: StartMessage): RunCreateParams.AdditionalMessage {
  return typeof message === 'string' ? { role: 'user', content: message } : message
}

/** The run body: the caller's parameters over the controller's defaults, the message appended. */
function runBody(defaults: AssistantsWireOptions, params: StartParams): RunCreateBody {
  const { message, threadId: _thread, thread: _newThread, ...runParams } = params
  const body = {
    ...defaults.params,
    ...runParams,
    assistant_id: runParams.assistant_id ?? defaults.params?.assistant_id ?? defaults.assistantId ?? '',
  } as RunCreateBody
  if (message !== undefined)
    body.additional_messages = [...(body.additional_messages ?? []), additionalMessage(message)]
  return body
}

type ThreadMessage = NonNullable<NonNullable<ThreadCreateAndRunBody['thread']>['messages']>[number]

/** The run body as a `createAndRun` body: the message goes into the new thread. */
function createAndRunBody(body: RunCreateBody, thread: StartParams['thread']): ThreadCreateAndRunBody {
  const {
    additional_messages,
    additional_instructions,
    include: _include,
    reasoning_effort: _effort,
    ...rest
  } = body
  // Same shape on both endpoints (role, content, attachments, metadata).
  const extra = (additional_messages ?? []) as ThreadMessage[]
  const messages: ThreadMessage[] = [...(thread?.messages ?? []), ...extra]
  const instructions =
    additional_instructions && rest.instructions
      ? `${rest.instructions} ${additional_instructions}`
      : rest.instructions
  return {
    ...(rest as Omit<ThreadCreateAndRunBody, 'thread'>),
    ...(instructions !== undefined ? { instructions } : {}),
    thread: { ...thread, messages },
  }
}
