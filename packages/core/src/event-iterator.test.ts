import { describe, expect, it } from 'vitest'
import { parseRunStream, readRunStream } from './parse.js'
import { chunkBytes, loadRecordings, streamOf, utf8 } from './test-utils/recordings.js'
import type { RunStreamEvent } from './types.js'

const delta = (value: string) =>
  `event: thread.message.delta\ndata: {"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"${value}"}}]}}\n\n`

/** A body that tells whether it was cancelled, delivering `chunks` and then hanging (or failing). */
function body(chunks: string[], end: 'hang' | 'close' | 'fail' = 'hang') {
  const state = { cancelled: false }
  let i = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(utf8(chunks[i++]!))
      else if (end === 'close') controller.close()
      else if (end === 'fail') controller.error(new Error('connection reset'))
    },
    cancel() {
      state.cancelled = true
    },
  })
  return { stream, state }
}

type TextDelta = { data: { delta: { content: [{ text: { value: string } }] } } }
const values = (events: Array<RunStreamEvent | undefined>) =>
  events.map((e) => (e as unknown as TextDelta).data.delta.content[0].text.value)

describe('the iterator parseRunStream returns', () => {
  it('yields what readRunStream hands over, on every recording under random chunking', async () => {
    for (const [i, recording] of loadRecordings().entries()) {
      const chunks = chunkBytes(recording.bytes, { seed: i, max: 200 })
      const handed: RunStreamEvent[] = []
      await readRunStream(streamOf(chunks), (event) => handed.push(event))
      const iterated: RunStreamEvent[] = []
      for await (const event of parseRunStream(streamOf(chunks), { includeDone: true })) iterated.push(event)
      expect(iterated, recording.name).toEqual(handed)
    }
  })

  it('answers calls made without waiting in order, as an async generator does', async () => {
    const { stream } = body([delta('a') + delta('b'), delta('c')], 'close')
    const events = parseRunStream(stream)
    expect(events[Symbol.asyncIterator]()).toBe(events)
    const results = await Promise.all([
      events.next(),
      events.next(),
      events.next(),
      events.next(),
      events.next(),
    ])
    expect(values(results.slice(0, 3).map((r) => r.value as RunStreamEvent))).toEqual(['a', 'b', 'c'])
    expect(results.slice(3)).toEqual([
      { done: true, value: undefined },
      { done: true, value: undefined },
    ])
  })

  it('closes the body on break, on return() and on throw(), and is done afterwards', async () => {
    const broken = body([delta('a') + delta('b')])
    for await (const event of parseRunStream(broken.stream)) {
      expect(values([event])).toEqual(['a'])
      break
    }
    expect(broken.state.cancelled).toBe(true)

    const returned = body([delta('a') + delta('b')])
    const events = parseRunStream(returned.stream)
    await events.next()
    expect(await events.return()).toEqual({ done: true, value: undefined })
    expect(returned.state.cancelled).toBe(true)
    expect(await events.next()).toEqual({ done: true, value: undefined })

    const thrown = body([delta('a') + delta('b')])
    const others = parseRunStream(thrown.stream)
    await others.next()
    const error = new Error('stop')
    await expect(others.throw(error)).rejects.toBe(error)
    expect(thrown.state.cancelled).toBe(true)
    expect(await others.next()).toEqual({ done: true, value: undefined })
  })

  it('rejects one next() when reading fails, after the events before it, and is done afterwards', async () => {
    const { stream } = body([delta('a')], 'fail')
    const events = parseRunStream(stream)
    expect(values([(await events.next()).value as RunStreamEvent])).toEqual(['a'])
    await expect(events.next()).rejects.toThrow('connection reset')
    expect(await events.next()).toEqual({ done: true, value: undefined })
  })

  it('ends between two events of one chunk once the signal aborts', async () => {
    const controller = new AbortController()
    const { stream, state } = body([delta('a') + delta('b') + delta('c')])
    const seen: RunStreamEvent[] = []
    for await (const event of parseRunStream(stream, { signal: controller.signal })) {
      seen.push(event)
      controller.abort()
    }
    expect(values(seen)).toEqual(['a'])
    expect(state.cancelled).toBe(true)
  })
})
