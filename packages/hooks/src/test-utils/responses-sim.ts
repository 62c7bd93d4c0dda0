// The Responses wire's controller on the simulator's real Responses face (its fetch handler), for the
// wire's parity tests: a controller that records every end callback, and a way to wait for text.
import { type Run, selectResponses } from '@runline/core'
import type { RunControllerOptions } from '../controller/options.js'
import { createRunController, type RunController } from '../controller/run-controller.js'
import { createTestBackend, type TestBackendOptions } from './sim.js'

/** The resume pointer's key of a controller on model `runline-sim`. */
export const RESPONSES_KEY = 'runline:run:runline-sim'

/** A user message that makes the simulator ask for two `get_weather` calls. */
export const WEATHER = 'What is the weather in Paris and in Tokyo?'

/** A controller on the simulator's Responses face that records every end callback. */
export function responsesOnSim(
  options: Partial<RunControllerOptions> = {},
  backend: TestBackendOptions = {},
) {
  const sim = createTestBackend(backend)
  const ends: { done: Run[]; completed: Run[]; end: Run[] } = { done: [], completed: [], end: [] }
  const controller = createRunController({
    client: sim.client,
    wire: 'responses',
    model: 'runline-sim',
    scheduler: 'sync',
    pollIntervalMs: 5,
    onRunDone: (run) => ends.done.push(run),
    onRunCompleted: (run) => ends.completed.push(run),
    onRunEnd: (run) => ends.end.push(run),
    ...options,
  })
  /** The `POST /responses` bodies, in order. */
  const creates = () =>
    sim.requests.filter((r) => r.method === 'POST' && r.path === '/responses').map((r) => r.body as any)
  return { sim, controller, ends, creates }
}

/** Resolves once the controller's turn has streamed some text (the response is in flight). */
export async function untilText(controller: RunController): Promise<void> {
  for (let i = 0; i < 4000; i++) {
    const last = selectResponses(controller.getState()).at(-1)
    if (last && last.output_text.length > 0) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('the response never streamed')
}
