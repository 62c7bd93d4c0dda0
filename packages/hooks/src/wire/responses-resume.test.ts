// Resuming a Responses turn, through the simulator's real Responses face: after a drop (re-attach with
// `starting_after`), after a reload (a background response streamed again, a waiting turn answered by the
// tool handlers), and a foreground response (retrieve, then poll).
import { selectResponses, selectStatus } from '@runline/core'
import { describe, expect, it } from 'vitest'
import { createRunController } from '../controller/run-controller.js'
import {
  responsesOnSim as controllerOn,
  RESPONSES_KEY as KEY,
  untilText,
  WEATHER,
} from '../test-utils/responses-sim.js'
import { memoryStorage } from '../test-utils/sim.js'

describe('the Responses wire on the simulator: resume', () => {
  it('a dropped stream re-attaches with starting_after and ends as an unbroken one', async () => {
    const unbroken = await controllerOn({}, { seed: 5, now: () => 1_760_000_000_000 }).controller.start({
      message: 'hello there',
    })
    const { controller, ends, sim } = controllerOn(
      {},
      { seed: 5, now: () => 1_760_000_000_000, delayMs: 1, cut: { nth: 1, afterBytes: 4000 } },
    )
    const state = await controller.start({ message: 'hello there' })
    const reattach = sim.requests.find((r) => r.method === 'GET' && r.path.includes('stream=true'))
    expect(reattach?.path).toMatch(/[?&]starting_after=\d+/)
    expect(selectStatus(state)).toBe('completed')
    expect(state.error).toBeNull()
    expect(selectResponses(state)).toEqual(selectResponses(unbroken))
    expect(ends.done).toHaveLength(1)
  })

  it('after a reload, a background response in flight is streamed again from its start', async () => {
    const storage = memoryStorage()
    const first = controllerOn({ resume: { storage } }, { delayMs: 2 })
    const started = first.controller.start({ message: 'hello there' })
    await untilText(first.controller)
    // The page goes away: the first controller stops listening; the response goes on server-side.
    first.controller.disconnect()
    await started
    const pointer = JSON.parse(storage.getItem(KEY)!)
    const ends: string[] = []
    const second = createRunController({
      client: first.sim.client,
      wire: 'responses',
      model: 'runline-sim',
      scheduler: 'sync',
      pollIntervalMs: 5,
      resume: { storage },
      onRunDone: (run) => ends.push(run.status),
    })
    const state = await second.resume(pointer)
    expect(selectStatus(state)).toBe('completed')
    const reattach = first.sim.requests.filter((r) => r.method === 'GET' && r.path.includes('stream=true'))
    expect(reattach.map((r) => r.path)).toEqual([`/responses/${pointer.runId}?stream=true`])
    expect(selectResponses(state)[0]!.output_text.length).toBeGreaterThan(100)
    expect(ends).toEqual(['completed'])
    expect(storage.getItem(KEY)).toBeNull()
  })

  it('after a reload, a turn waiting for its function calls is answered by the tool handlers', async () => {
    const storage = memoryStorage()
    const first = controllerOn({ resume: { storage } })
    await first.controller.start({ message: WEATHER })
    const pointer = JSON.parse(storage.getItem(KEY)!)
    const done: string[] = []
    const second = createRunController({
      client: first.sim.client,
      wire: 'responses',
      model: 'runline-sim',
      scheduler: 'sync',
      pollIntervalMs: 5,
      resume: { storage },
      tools: { get_weather: () => 'Sunny' },
      onRunDone: (run) => done.push(run.status),
    })
    const state = await second.resume(pointer)
    expect(selectStatus(state)).toBe('completed')
    expect(first.creates().at(-1)).toMatchObject({
      conversation: pointer.threadId,
      input: [
        { type: 'function_call_output', output: 'Sunny' },
        { type: 'function_call_output', output: 'Sunny' },
      ],
    })
    expect(done).toEqual(['completed'])
  })

  it('a foreground response is retrieved and polled until it ends', async () => {
    const { sim, controller, ends } = controllerOn({}, { delayMs: 2 })
    const conversation = await sim.client.conversations.create({})
    const abort = new AbortController()
    const stream = await sim.client.responses.stream(
      { model: 'runline-sim', input: 'hello there', conversation: conversation.id },
      { signal: abort.signal },
    )
    let runId = ''
    await stream
      .forEach((event) => {
        if (event.event !== 'response.created') return
        runId = (event.data as { response: { id: string } }).response.id
        abort.abort()
      })
      .catch(() => {})
    const state = await controller.resume({ threadId: conversation.id, runId })
    expect(selectStatus(state)).toBe('completed')
    expect(sim.requests.some((r) => r.method === 'GET' && r.path.includes('stream=true'))).toBe(false)
    expect(sim.count('GET', new RegExp(`^/responses/${runId}$`))).toBeGreaterThan(0)
    expect(selectResponses(state)[0]!.output_text.length).toBeGreaterThan(100)
    expect(ends.done.map((run) => run.status)).toEqual(['completed'])
  })
})
