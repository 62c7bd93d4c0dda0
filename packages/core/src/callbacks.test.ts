import { Stream } from 'openai/core/streaming'
import { AssistantStream } from 'openai/lib/AssistantStream'
import { describe, expect, it } from 'vitest'
import { createRunCallbacks, foldRunStream, reduceRun } from './all-wires.js'
import type { RunCallbacks } from './callbacks.js'
import { parseRunStream } from './parse.js'
import { initialRunState } from './reduce.js'
import { generateRunStream } from './test-utils/generate.js'
import { loadRecordings, plain, streamOf, utf8 } from './test-utils/recordings.js'
import type { RunStreamEvent } from './types.js'

const NAMES = [
  'textCreated',
  'textDelta',
  'textDone',
  'messageCreated',
  'messageDone',
  'runStepCreated',
  'runStepDone',
  'toolCallCreated',
  'toolCallDelta',
  'toolCallDone',
] as const

/** The callbacks openai-node's AssistantStream fires for the bytes, as [name, first argument]. */
async function oracleCalls(bytes: Uint8Array) {
  const calls: [string, unknown][] = []
  const sse = Stream.fromSSEResponse(new Response(streamOf([bytes])), new AbortController())
  const stream = AssistantStream.fromReadableStream(sse.toReadableStream())
  for (const name of NAMES) stream.on(name as any, (arg: unknown) => calls.push([name, plain(arg)]))
  await stream.done().catch(() => {})
  return calls
}

async function ourCalls(bytes: Uint8Array) {
  const calls: [string, unknown][] = []
  const on = (name: string) => (arg: unknown) => calls.push([name, plain(arg)])
  await foldRunStream(parseRunStream(streamOf([bytes])), {
    onTextCreated: on('textCreated'),
    onTextDelta: on('textDelta'),
    onTextDone: on('textDone'),
    onMessageCreated: on('messageCreated'),
    onMessageDone: on('messageDone'),
    onRunStepCreated: on('runStepCreated'),
    onRunStepDone: on('runStepDone'),
    onToolCallCreated: on('toolCallCreated'),
    onToolCallDelta: on('toolCallDelta'),
    onToolCallDone: on('toolCallDone'),
  })
  return calls
}

describe('SDK-style callbacks', () => {
  it('fire like AssistantStream handlers on the text, citation and tool recordings', async () => {
    for (const recording of loadRecordings()) {
      if (!/text-only|file-search|function-call__1|code-interpreter-input/.test(recording.name)) continue
      const theirs = await oracleCalls(recording.bytes)
      const ours = await ourCalls(recording.bytes)
      expect(
        ours.map((c) => c[0]),
        recording.name,
      ).toEqual(theirs.map((c) => c[0]))
      expect(ours.filter((c) => c[0] === 'textDelta')).toEqual(theirs.filter((c) => c[0] === 'textDelta'))
      expect(ours.filter((c) => c[0] === 'messageDone')).toEqual(theirs.filter((c) => c[0] === 'messageDone'))
    }
  })

  it('report parallel tool calls created, their deltas, and done', async () => {
    const { sse } = generateRunStream(9, { terminal: 'requires_action' })
    const ours = await ourCalls(utf8(sse))
    const created = ours.filter((c) => c[0] === 'toolCallCreated')
    const done = ours.filter((c) => c[0] === 'toolCallDone')
    expect(created.length).toBeGreaterThan(0)
    expect(done.length).toBeGreaterThan(0)
    expect(ours.filter((c) => c[0] === 'toolCallDelta').length).toBeGreaterThan(created.length)
  })

  it('never throw on junk events, whether or not they follow a state the reducer built', () => {
    const names = [
      'thread.created',
      'thread.run.created',
      'thread.run.requires_action',
      'thread.run.completed',
      'thread.run.failed',
      'thread.run.step.created',
      'thread.run.step.delta',
      'thread.run.step.completed',
      'thread.message.created',
      'thread.message.delta',
      'thread.message.completed',
      'error',
      'runline.error',
      'done',
    ]
    const junk: unknown[] = [
      undefined,
      null,
      1,
      'x',
      [],
      {},
      { id: 'msg_1' },
      { id: 'msg_1', delta: null },
      { id: 'msg_1', delta: { content: [null] } },
      { id: 'msg_1', content: null },
      { id: 'step_1', delta: null },
      { id: 'step_1', delta: { step_details: { type: 'tool_calls', tool_calls: [null] } } },
      { id: 'step_1', step_details: null },
    ]
    let state = reduceRun(initialRunState, {
      event: 'thread.message.created',
      data: { id: 'msg_1', content: [{ type: 'text', text: { value: 'a', annotations: [] } }] },
    } as unknown as RunStreamEvent)
    state = reduceRun(state, {
      event: 'thread.run.step.created',
      data: {
        id: 'step_1',
        step_details: {
          type: 'tool_calls',
          tool_calls: [{ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '' } }],
        },
      },
    } as unknown as RunStreamEvent)
    // Every callback set, whatever its name: each reads the state its own way.
    const noop = () => {}
    const every = new Proxy({} as RunCallbacks, {
      get: (_, name) => (String(name).startsWith('on') ? noop : undefined),
    })
    for (const event of [
      null,
      7,
      { data: {} },
      ...names.flatMap((name) => junk.map((data) => ({ event: name, data }))),
    ]) {
      const junkEvent = event as RunStreamEvent
      // As the first call (nothing to compare with) and after the state it came from.
      expect(
        () => createRunCallbacks(every)(junkEvent, reduceRun(state, junkEvent)),
        JSON.stringify(event),
      ).not.toThrow()
      const fire = createRunCallbacks(every)
      fire({ event: 'thread.message.in_progress', data: state.messages.msg_1! }, state)
      expect(() => fire(junkEvent, reduceRun(state, junkEvent)), JSON.stringify(event)).not.toThrow()
    }
  })

  it('report an event the reducer refused through onError and go on with the stream', async () => {
    const message = {
      id: 'msg_1',
      object: 'thread.message',
      status: 'in_progress',
      role: 'assistant',
      content: [],
    }
    const delta = (value: string) => ({
      id: 'msg_1',
      object: 'thread.message.delta',
      delta: { content: [{ index: 0, type: 'text', text: { value } }] },
    })
    const sse = [
      ['thread.message.created', message],
      ['thread.message.delta', delta('Hello')],
      [
        'thread.message.delta',
        { id: 'msg_1', delta: { content: [{ index: 0, type: 'text', text: { value: 5 } }] } },
      ],
      ['thread.message.delta', { id: 'msg_1', delta: null }],
      ['thread.message.delta', delta(', world')],
      [
        'thread.message.completed',
        {
          ...message,
          status: 'completed',
          content: [{ type: 'text', text: { value: 'Hello, world', annotations: [] } }],
        },
      ],
    ]
      .map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)
      .join('')
    const deltas: string[] = []
    const errors: unknown[] = []
    let done = ''
    const state = await foldRunStream(parseRunStream(streamOf([utf8(sse)])), {
      onTextDelta: (d) => deltas.push(String(d.value)),
      onError: (error) => errors.push(error),
      onTextDone: (text) => {
        done = text.value
      },
    })
    // The refused deltas fire no text callback, each is reported once, and the text after them arrives.
    expect(deltas).toEqual(['Hello', ', world'])
    expect(errors).toEqual([
      expect.objectContaining({ code: 'invalid_delta', message: expect.stringContaining('"value"') }),
      expect.objectContaining({ code: 'invalid_event' }),
    ])
    expect(done).toBe('Hello, world')
    expect(state.messages.msg_1?.content[0]).toMatchObject({ text: { value: 'Hello, world' } })
  })
})
