import { describe, expect, it } from 'vitest'
import { reduceRun } from './all-wires.js'
import { PAGE_SLICE, parseRunStream, type RunStreamSource, readRunStream, streamFormatOf } from './parse.js'
import { initialRunState } from './reduce.js'
import { selectError, selectStatus } from './selectors.js'
import { generateRunStream } from './test-utils/generate.js'
import { chunkBytes, loadRecordings, streamOf, utf8 } from './test-utils/recordings.js'
import type { RunStreamEvent } from './types.js'

async function collect(body: RunStreamSource, options?: Parameters<typeof parseRunStream>[1]) {
  const events: RunStreamEvent[] = []
  for await (const event of parseRunStream(body, options)) events.push(event)
  return events
}

const delta = (value: string) =>
  JSON.stringify({
    id: 'msg_1',
    object: 'thread.message.delta',
    delta: { content: [{ index: 0, type: 'text', text: { value } }] },
  })

describe('parseRunStream (SSE)', () => {
  it('yields the same events from every recording under whole, 1-byte and random chunking', async () => {
    for (const recording of loadRecordings()) {
      const whole = await collect(streamOf(chunkBytes(recording.bytes, 'whole')))
      expect(whole.length, recording.name).toBeGreaterThan(5)
      expect(await collect(streamOf(chunkBytes(recording.bytes, 'byte')))).toEqual(whole)
      expect(await collect(streamOf(chunkBytes(recording.bytes, { seed: 7, max: 33 })))).toEqual(whole)
    }
  })

  it('reads LF, CRLF and CR line ends, a BOM, comments, and data with or without the space', async () => {
    const body = `\uFEFF: keep-alive comment\nevent: thread.message.delta\ndata:${delta('a')}\n\n`
    const variants = [body, body.replaceAll('\n', '\r\n'), body.replaceAll('\n', '\r')]
    for (const text of variants) {
      const events = await collect(streamOf(chunkBytes(utf8(text), 'byte')))
      expect(events).toHaveLength(1)
      expect(events[0]).toMatchObject({ event: 'thread.message.delta', data: { id: 'msg_1' } })
    }
  })

  it('keeps a multibyte character split across chunks whole', async () => {
    const text = `event: thread.message.delta\ndata: ${delta('東京 🚀 café')}\n\n`
    const events = await collect(streamOf(chunkBytes(utf8(text), 'byte')))
    expect((events[0] as any).data.delta.content[0].text.value).toBe('東京 🚀 café')
  })

  it('dispatches a last event that has no trailing blank line', async () => {
    for (const ending of ['', '\n']) {
      const text = `event: thread.message.delta\ndata: ${delta('x')}${ending}`
      const events = await collect(streamOf([utf8(text)]))
      expect(events.map((e) => e.event)).toEqual(['thread.message.delta'])
    }
  })

  it('ends at [DONE] or event: done, ignoring what follows; includeDone yields one done event first', async () => {
    const after = `event: thread.message.delta\ndata: ${delta('late')}\n\n`
    for (const done of ['event: done\ndata: [DONE]\n\n', 'data: [DONE]\n\n', 'event: done\ndata: x\n\n']) {
      const bytes = utf8(`event: thread.message.delta\ndata: ${delta('a')}\n\n${done}${after}`)
      expect((await collect(streamOf([bytes]))).map((e) => e.event)).toEqual(['thread.message.delta'])
      const withDone = await collect(streamOf([bytes]), { includeDone: true })
      expect(withDone.map((e) => e.event)).toEqual(['thread.message.delta', 'done'])
    }
    // A stream that just stops (no done) gives no done event either way: the consumer can tell it dropped.
    const cut = await collect(streamOf([utf8(`event: thread.message.delta\ndata: ${delta('a')}\n\n`)]), {
      includeDone: true,
    })
    expect(cut.map((e) => e.event)).toEqual(['thread.message.delta'])
  })

  it('unwraps error data wrapped as {"error":{...}} and passes bare error objects through', async () => {
    const wrapped =
      'event: error\ndata: {"error":{"message":"boom","type":"server_error","param":null,"code":null}}\n\n'
    const bare = 'event: error\ndata: {"message":"bare","type":"server_error","param":null,"code":"x"}\n\n'
    const events = await collect(streamOf([utf8(wrapped + bare)]))
    expect(events).toEqual([
      { event: 'error', data: { message: 'boom', type: 'server_error', param: null, code: null } },
      { event: 'error', data: { message: 'bare', type: 'server_error', param: null, code: 'x' } },
    ])
  })

  it('turns malformed JSON into an error event with a clear message and goes on', async () => {
    const text = `event: thread.message.delta\ndata: {"id": "msg_1", oops\n\nevent: thread.message.delta\ndata: ${delta('b')}\n\n`
    const events = await collect(streamOf([utf8(text)]))
    expect(events[0]).toMatchObject({ event: 'error', data: { code: 'malformed_event' } })
    expect((events[0] as any).data.message).toMatch(/Malformed JSON in "thread.message.delta" event/)
    expect(events[1]).toMatchObject({ event: 'thread.message.delta' })
  })

  it('yields unknown event names as they are', async () => {
    const events = await collect(
      streamOf([utf8('event: thread.run.step.something_new\ndata: {"id":"x"}\n\n')]),
    )
    expect(events).toEqual([{ event: 'thread.run.step.something_new', data: { id: 'x' } }])
  })

  it('stops promptly when the signal aborts, without an error, and cancels the body', async () => {
    const controller = new AbortController()
    let cancelled = false
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(utf8(`event: thread.message.delta\ndata: ${delta('a')}\n\n`))
        // …and then nothing more: a server that hangs.
      },
      cancel() {
        cancelled = true
      },
    })
    const events: RunStreamEvent[] = []
    const reading = (async () => {
      for await (const event of parseRunStream(body, { signal: controller.signal })) {
        events.push(event)
        controller.abort()
      }
    })()
    await reading
    expect(events).toHaveLength(1)
    expect(cancelled).toBe(true)
  })

  it('yields nothing for an already aborted signal', async () => {
    const controller = new AbortController()
    controller.abort()
    expect(await collect(streamOf([utf8(`data: ${delta('a')}\n\n`)]), { signal: controller.signal })).toEqual(
      [],
    )
  })
})

describe('parseRunStream (NDJSON)', () => {
  const lines = [
    JSON.stringify({ event: 'thread.message.delta', data: JSON.parse(delta('ü')) }),
    'not json',
    JSON.stringify({ event: 'thread.run.completed', data: { id: 'run_1', status: 'completed' } }),
  ].join('\n')

  it('reads {event, data} lines under any chunking, reports bad lines and goes on', async () => {
    for (const chunking of ['whole', 'byte', { seed: 3 }] as const) {
      const events = await collect(streamOf(chunkBytes(utf8(lines), chunking)), { format: 'ndjson' })
      expect(events.map((e) => e.event)).toEqual(['thread.message.delta', 'error', 'thread.run.completed'])
      expect((events[0] as any).data.delta.content[0].text.value).toBe('ü')
    }
  })

  it('sniffs the format from a Response content type', () => {
    expect(streamFormatOf(new Response('', { headers: { 'content-type': 'application/x-ndjson' } }))).toBe(
      'ndjson',
    )
    expect(
      streamFormatOf(new Response('', { headers: { 'content-type': 'text/event-stream; charset=utf-8' } })),
    ).toBe('sse')
  })
})

describe('parseRunStream and readRunStream given a whole Response', () => {
  const sse = (status = 200) =>
    new Response(streamOf(chunkBytes(loadRecordings()[0]!.bytes, { seed: 5, max: 64 })), {
      status,
      headers: { 'content-type': 'text/event-stream' },
    })

  it('read its body like the body itself, and take the format from its content type', async () => {
    const recording = loadRecordings()[0]!
    expect(await collect(sse())).toEqual(await collect(streamOf([recording.bytes])))
    const ndjson = JSON.stringify({ event: 'thread.message.delta', data: JSON.parse(delta('n')) })
    const response = () => new Response(ndjson, { headers: { 'content-type': 'application/x-ndjson' } })
    expect((await collect(response())).map((e) => e.event)).toEqual(['thread.message.delta'])
    // An explicit format wins over the header.
    expect((await collect(response(), { format: 'sse' })).map((e) => e.event)).toEqual([])
  })

  it('turn a non-2xx status into one error event with the server error, for the state to show', async () => {
    const body = JSON.stringify({
      error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' },
    })
    const failed = () => new Response(body, { status: 429, headers: { 'content-type': 'application/json' } })
    const events = await collect(failed())
    expect(events).toEqual([
      {
        event: 'error',
        data: { code: 'rate_limit_exceeded', message: 'Rate limit reached', param: null, type: 'requests' },
      },
    ])
    const state = events.reduce(reduceRun, initialRunState)
    expect(selectStatus(state)).toBe('error')
    expect(selectError(state)).toMatchObject({ code: 'rate_limit_exceeded', message: 'Rate limit reached' })
    const handed: RunStreamEvent[] = []
    await readRunStream(failed(), (event) => handed.push(event))
    expect(handed).toEqual(events)
  })

  it('name the status and an excerpt when the error body is not JSON', async () => {
    const page = new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', {
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'content-type': 'text/html' },
    })
    const [event] = await collect(page)
    expect(event).toMatchObject({ event: 'error', data: { code: 'http_502', type: 'http_error' } })
    expect((event as { data: { message: string } }).data.message).toBe(
      'The stream request failed with 502 Bad Gateway (text/html body: 502 Bad Gateway)',
    )
  })
})

describe('a long network chunk', () => {
  // One chunk of ~20 slices: what a tab that slept, or a fast server, delivers at once.
  const bytes = utf8(generateRunStream(4, { terminal: 'completed', textDeltas: 2500, plainText: true }).sse)

  /** Reads the chunk, counting the events that arrive after a timer queued at the start has run. */
  async function read(useIterator: boolean) {
    let timerRan = false
    setTimeout(() => {
      timerRan = true
    }, 0)
    const events: RunStreamEvent[] = []
    let afterTimer = 0
    const take = (event: RunStreamEvent) => {
      events.push(event)
      if (timerRan) afterTimer++
    }
    if (useIterator) for await (const event of parseRunStream(streamOf([bytes]))) take(event)
    else await readRunStream(streamOf([bytes]), (event) => event.event !== 'done' && take(event))
    return { events, afterTimer }
  }

  it('is read in one go outside a page (servers keep full speed)', async () => {
    expect(bytes.length).toBeGreaterThan(PAGE_SLICE * 10)
    for (const useIterator of [false, true]) {
      const { events, afterTimer } = await read(useIterator)
      expect(events.length).toBeGreaterThan(2500)
      expect(afterTimer).toBe(0)
    }
  })

  it('is handed over in slices, one per task, in a page, with the very same events', async () => {
    const whole = await collect(streamOf([bytes]))
    const page = globalThis as { requestAnimationFrame?: unknown }
    const had = page.requestAnimationFrame
    page.requestAnimationFrame = () => 0
    try {
      for (const useIterator of [false, true]) {
        const { events, afterTimer } = await read(useIterator)
        expect(events).toEqual(whole)
        // The timer ran while the chunk was being read: the reader let the page breathe.
        expect(afterTimer).toBeGreaterThan(0)
        expect(afterTimer).toBeLessThan(events.length)
      }
    } finally {
      page.requestAnimationFrame = had
    }
  })
})
