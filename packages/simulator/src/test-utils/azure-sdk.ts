/**
 * Microsoft's `@azure/ai-agents` (1.1.0) against the simulator's Foundry face, over TLS on loopback:
 * the client, a policy that adds `tool_approvals` (1.1.0 cannot send them), and a check of every
 * event the SDK hands back (its deserializers return the raw string for what they cannot read).
 */
import { AgentsClient } from '@azure/ai-agents'
import type { Simulator } from '../simulator.js'
import { type HttpsFront, startHttpsFront } from './https-front.js'

type Credential = ConstructorParameters<typeof AgentsClient>[1]
type Policy = Parameters<AgentsClient['pipeline']['addPolicy']>[0]

/** The header through which a test hands approvals to the policy (never sent to the server). */
export const APPROVALS_HEADER = 'x-test-tool-approvals'

/** Moves the approvals a call carries in {@link APPROVALS_HEADER} into its JSON body as `tool_approvals`. */
export const toolApprovalsPolicy: Policy = {
  name: 'runlineTestToolApprovals',
  sendRequest: (request, next) => {
    const approvals = request.headers.get(APPROVALS_HEADER)
    if (approvals !== undefined) {
      request.headers.delete(APPROVALS_HEADER)
      const body = typeof request.body === 'string' ? JSON.parse(request.body) : {}
      request.body = JSON.stringify({ ...body, tool_approvals: JSON.parse(approvals) })
    }
    return next(request)
  },
}

/** A client, the TLS front it talks to, and the scopes its credential was asked for. */
export interface SdkSetup {
  client: AgentsClient
  front: HttpsFront
  scopes: string[]
}

/** Fronts the Foundry face with TLS and builds the SDK's client on it, trusting only that certificate. */
export async function sdkClient(sim: Simulator, token = sim.foundry.token): Promise<SdkSetup> {
  const front = await startHttpsFront((request) => sim.foundry.fetch(request))
  const scopes: string[] = []
  const credential: Credential = {
    getToken: async (requested) => {
      scopes.push(...[requested].flat())
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 }
    },
  }
  const client = new AgentsClient(`${front.origin}${sim.foundry.basePath}`, credential, {
    tlsOptions: { ca: front.ca },
    retryOptions: { maxRetries: 0 },
  })
  client.pipeline.addPolicy(toolApprovalsPolicy)
  return { client, front, scopes }
}

/** One streamed event as the SDK yields it. */
export interface SdkEvent {
  event: string
  data: any
}

/** Everything the SDK could not read, or read without the fields a UI needs (empty: all fine). */
export function eventProblems(events: readonly SdkEvent[], where: string): string[] {
  const problems: string[] = []
  for (const [index, { event, data }] of events.entries()) {
    const at = `${where}#${index} ${event}`
    if (event === 'done') continue
    if (typeof data === 'string') {
      problems.push(`${at}: the SDK could not deserialize it (raw string)`)
      continue
    }
    if (event === 'error') problems.push(`${at}: ${JSON.stringify(data)}`)
    else if (event === 'thread.message.delta') {
      if (!Array.isArray(data.delta?.content)) problems.push(`${at}: delta without content`)
    } else if (event === 'thread.run.step.delta') {
      if (typeof data.delta !== 'object') problems.push(`${at}: step delta without delta`)
    } else if (event.startsWith('thread.message.')) problems.push(...messageProblems(data, at))
    else if (event.startsWith('thread.run.step.')) problems.push(...stepProblems(data, at))
    else if (event.startsWith('thread.run.')) {
      if (typeof data.status !== 'string' || !(data.createdAt instanceof Date))
        problems.push(`${at}: not a run`)
    } else if (event !== 'thread.created') problems.push(`${at}: unknown event`)
  }
  return problems
}

/** A message as the SDK read it: content parts, text parts with their annotations. */
export function messageProblems(message: any, at: string): string[] {
  if (!Array.isArray(message.content)) return [`${at}: message without content`]
  return message.content
    .filter((part: any) => part.type === 'text' && !Array.isArray(part.text?.annotations))
    .map(() => `${at}: text without annotations`)
}

/** A step as the SDK read it: details always, tool calls for a tool_calls step. */
export function stepProblems(step: any, at: string): string[] {
  if (!step.stepDetails) return [`${at}: step without step_details`]
  if (step.stepDetails.type === 'tool_calls' && !Array.isArray(step.stepDetails.toolCalls))
    return [`${at}: tool_calls step without tool_calls`]
  return []
}

/** Collects a stream the SDK returned. */
export async function collect(stream: AsyncIterable<SdkEvent>): Promise<SdkEvent[]> {
  const events: SdkEvent[] = []
  for await (const event of stream) events.push(event)
  return events
}
