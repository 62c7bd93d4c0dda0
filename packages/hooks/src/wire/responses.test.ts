// The Responses wire through the controller: the real client, parser, fold, controller and wire,
// against a fake Responses server replaying the real recordings as SSE (test-utils/responses-fake).
import {
  isRunlineError,
  type Run,
  responsesParts,
  selectResponses,
  selectResponsesRun,
  selectStatus,
  selectThreadId,
} from '@runline/core'
import { describe, expect, it, vi } from 'vitest'
import type { RunControllerOptions } from '../controller/options.js'
import { createRunController } from '../controller/run-controller.js'
import { createResponsesFake, type FakeTurn, recordedResponses } from '../test-utils/responses-fake.js'

const TEXT = 'ai-sdk__github-copilot-id-rotation.1.jsonl'
const LOOP = 'ai-sdk__openai-reasoning-encrypted-content.1.jsonl'
const LONG = 'ai-sdk__openai-mcp-tool.1.jsonl'

function controllerOn(turns: readonly FakeTurn[], options: Partial<RunControllerOptions> = {}) {
  const fake = createResponsesFake(turns)
  const controller = createRunController({
    client: fake.client,
    wire: 'responses',
    model: 'runline-sim',
    scheduler: 'sync',
    pollIntervalMs: 1,
    ...options,
  })
  return { fake, controller }
}

describe('the Responses wire', () => {
  it('the run store starts without the Responses fold; the wire, loaded by the first start, gives it', async () => {
    const { controller } = controllerOn([{ file: TEXT }])
    expect(controller.store.responses).toBeNull()
    const state = await controller.start({ message: 'Hello' })
    expect(controller.store.responses).toBe(responsesParts)
    expect(selectStatus(state)).toBe('completed')
    expect(state.error).toBeNull()
  })

  it('start: a conversation, then a background streaming response in it; text; completed', async () => {
    const deltas: string[] = []
    const done = vi.fn()
    const { fake, controller } = controllerOn([{ file: TEXT }], {
      onTextDelta: (delta) => deltas.push(delta.value ?? ''),
      onRunDone: done,
    })
    const state = await controller.start({ message: 'Hello' })
    expect(selectStatus(state)).toBe('completed')
    expect(state.phase).toBe('done')
    expect(selectThreadId(state)).toBe('conv_1')
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /conversations',
      'POST /responses',
    ])
    expect(fake.creates()[0]!.body).toMatchObject({
      model: 'runline-sim',
      input: [{ role: 'user', content: 'Hello' }],
      conversation: 'conv_1',
      background: true,
      stream: true,
    })
    const [response] = selectResponses(state)
    expect(deltas.join('')).toBe(response!.output_text)
    expect(deltas.join('').length).toBeGreaterThan(20)
    expect(done).toHaveBeenCalledTimes(1)
    expect(selectResponsesRun(state)).toMatchObject({ thread_id: 'conv_1', status: 'completed' })
  })

  it('a second turn goes into the same conversation', async () => {
    const { fake, controller } = controllerOn([{ file: TEXT }, { file: TEXT }])
    await controller.start({ message: 'one' })
    await controller.start({ message: 'two' })
    expect(fake.requests.filter((r) => r.path === '/conversations')).toHaveLength(1)
    expect(fake.creates()[1]!.body).toMatchObject({ conversation: 'conv_1' })
  })

  it('the function loop: a client tool handler answers each call in the next response of the turn', async () => {
    const calls: string[] = []
    const ended = vi.fn()
    const { fake, controller } = controllerOn(
      [0, 1, 2, 3].map((response) => ({ file: LOOP, response })),
      {
        tools: {
          calculator: (args: { expression?: string }) => {
            calls.push(JSON.stringify(args))
            return 42
          },
        },
        onRunDone: ended,
      },
    )
    const state = await controller.start({ message: 'compute' })
    expect(selectStatus(state)).toBe('completed')
    expect(calls).toHaveLength(3)
    expect(selectResponses(state)).toHaveLength(4)
    const answers = fake.creates().slice(1)
    expect(answers).toHaveLength(3)
    const first = recordedResponses(LOOP)[0]!
      .at(-1)!
      .response.output.find((i: { type: string }) => i.type === 'function_call')
    expect(answers[0]!.body).toMatchObject({
      conversation: 'conv_1',
      background: true,
      input: [{ type: 'function_call_output', call_id: first.call_id, output: '42' }],
    })
    expect(ended).toHaveBeenCalledTimes(1)
  })

  it('without a handler the turn waits for the form; the UI submit answers it', async () => {
    const { fake, controller } = controllerOn([
      { file: LOOP, response: 1 },
      { file: LOOP, response: 3 },
    ])
    const waiting = await controller.start({ message: 'compute' })
    expect(selectStatus(waiting)).toBe('requires_action')
    const [call] = selectResponsesRun(waiting)!.required_action!.submit_tool_outputs.tool_calls
    const done = await controller.submitToolOutputs([{ tool_call_id: call!.id, output: '7' }])
    expect(selectStatus(done)).toBe('completed')
    expect(fake.creates()[1]!.body!.input).toEqual([
      { type: 'function_call_output', call_id: call!.id, output: '7' },
    ])
  })

  it('an MCP approval request answered by the approve rule, in the next response', async () => {
    const asked: string[] = []
    const { fake, controller } = controllerOn(
      [
        { file: 'ai-sdk__openai-mcp-tool-approval.1.jsonl' },
        { file: 'ai-sdk__openai-mcp-tool-approval.2.jsonl' },
      ],
      {
        approve: (call) => {
          asked.push(`${call.server_label}/${call.name}`)
          return true
        },
      },
    )
    const state = await controller.start({ message: 'shorten' })
    expect(asked).toEqual(['zip1/create_short_url'])
    expect(selectStatus(state)).toBe('completed')
    expect(fake.creates()[1]!.body!.input).toEqual([
      { type: 'mcp_approval_response', approval_request_id: expect.stringMatching(/^mcpr_/), approve: true },
    ])
  })

  it('cancel: aborts the stream and cancels the background response; the turn ends once', async () => {
    const ended = vi.fn<(run: Run) => void>()
    const { fake, controller } = controllerOn([{ file: LONG, holdAfter: 50 }], { onRunDone: ended })
    const started = controller.start({ message: 'long' })
    await vi.waitFor(() => expect(selectResponses(controller.getState())).toHaveLength(1))
    const state = await controller.cancel()
    await started
    expect(selectStatus(state)).toBe('cancelled')
    expect(fake.requests.some((r) => r.method === 'POST' && r.path.endsWith('/cancel'))).toBe(true)
    expect(ended).toHaveBeenCalledTimes(1)
    expect(ended.mock.calls[0]![0].status).toBe('cancelled')
  })

  it('a dropped stream re-attaches with starting_after and ends as an unbroken one', async () => {
    const ended = vi.fn()
    const unbroken = await controllerOn([{ file: LONG }]).controller.start({ message: 'long' })
    const { fake, controller } = controllerOn([{ file: LONG, dropAfter: 100 }], { onRunDone: ended })
    const state = await controller.start({ message: 'long' })
    const reattach = fake.requests.find((r) => r.method === 'GET' && r.query.stream === 'true')
    expect(reattach?.query.starting_after).toBe('99')
    expect(selectStatus(state)).toBe('completed')
    expect(state.error).toBeNull()
    expect(selectResponses(state)).toEqual(selectResponses(unbroken))
    expect(ended).toHaveBeenCalledTimes(1)
  })

  it('resume after a reload: the saved conversation and response come back', async () => {
    const storage = new Map<string, string>()
    const store = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    }
    const { controller } = controllerOn([{ file: LOOP, response: 1 }], { resume: { storage: store } })
    await controller.start({ message: 'compute' })
    const saved = JSON.parse([...storage.values()][0]!)
    expect(saved.threadId).toBe('conv_1')
    expect(saved.runId).toMatch(/^resp_/)
  })

  it('no active-run conflicts on a conversation', async () => {
    const { controller } = controllerOn([{ file: TEXT }])
    const state = await controller.start({ message: 'x' })
    expect(isRunlineError(state.error)).toBe(false)
  })
})
