import { Stream } from 'openai/core/streaming'
import { AssistantStream } from 'openai/lib/AssistantStream'
import { describe, expect, it } from 'vitest'
import { foldRunStream } from './callbacks.js'
import { parseRunStream } from './parse.js'
import { generateRunStream } from './test-utils/generate.js'
import { loadRecordings, plain, streamOf, utf8 } from './test-utils/recordings.js'

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
})
