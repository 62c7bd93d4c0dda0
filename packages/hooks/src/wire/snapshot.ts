import type { Message, Run, RunlineClient, RunStep } from '@runline/core'

/** What `runline.snapshot` carries: the server's view of one run. */
export interface RunSnapshot {
  run: Run
  steps: RunStep[]
  messages: Message[]
  threadId: string
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = []
  for await (const item of items) all.push(item)
  return all
}

/**
 * The server's state of a run: retrieve + every step + the messages this run wrote, oldest first
 * (the order a stream shows them in), so the store ends where an unbroken stream would.
 */
export async function fetchRunSnapshot(
  client: RunlineClient,
  threadId: string,
  runId: string,
  options: { signal?: AbortSignal; include?: readonly string[] } = {},
): Promise<RunSnapshot> {
  const { signal } = options
  const stepQuery = options.include?.length
    ? { order: 'asc' as const, limit: 100, include: [...options.include] as never }
    : { order: 'asc' as const, limit: 100 }
  const [run, steps, messages] = await Promise.all([
    client.runs.retrieve(threadId, runId, { signal }),
    collect(client.steps.list(threadId, runId, stepQuery, { signal })),
    collect(client.messages.list(threadId, { run_id: runId, order: 'asc', limit: 100 }, { signal })),
  ])
  return { run, steps, messages, threadId }
}
