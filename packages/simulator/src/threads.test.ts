// A simulator that can run for weeks: threads beyond maxThreads are forgotten (least recently used
// first, with what they own), and streams go at their reader's pace.
import { describe, expect, it } from 'vitest'
import { createSimulator, DEMO_ASSISTANT_ID, type Simulator } from './index.js'
import { call, callJson, eventually, parseSse } from './test-utils/sse.js'

const newThread = async (sim: Simulator): Promise<string> => (await callJson(sim, 'POST', '/threads', {})).id
const status = async (sim: Simulator, path: string) => (await call(sim, 'GET', path)).status

/** Starts a streaming run on a new thread and returns the live response (unread) with its thread id. */
async function streamOn(sim: Simulator, text: string) {
  const response = await call(sim, 'POST', '/threads/runs', {
    assistant_id: DEMO_ASSISTANT_ID,
    stream: true,
    thread: { messages: [{ role: 'user', content: text }] },
  })
  const reader = response.body!.getReader()
  const first = new TextDecoder().decode((await reader.read()).value)
  const threadId = JSON.parse(parseSse(first)[0]!.data).id as string
  return { reader, threadId }
}

describe('maxThreads', () => {
  it('forgets the least recently used thread beyond the limit; a use counts as recent', async () => {
    const sim = createSimulator({ delayMs: 0, maxThreads: 3 })
    const [a, b, c] = [await newThread(sim), await newThread(sim), await newThread(sim)]
    expect(await status(sim, `/threads/${a}`)).toBe(200) // a is now more recent than b
    const d = await newThread(sim)
    expect(await status(sim, `/threads/${b}`)).toBe(404)
    expect((await callJson(sim, 'GET', `/threads/${b}/messages`)).error.message).toBe(
      `No thread found with id '${b}'.`,
    )
    for (const id of [a, c, d]) expect(await status(sim, `/threads/${id}`)).toBe(200)
  })

  it('forgets runs, steps, messages and generated files with their thread', async () => {
    const sim = createSimulator({ delayMs: 0, maxThreads: 2 })
    const run = await callJson(sim, 'POST', '/threads/runs', {
      assistant_id: DEMO_ASSISTANT_ID,
      thread: { messages: [{ role: 'user', content: 'plot 3, 5 and 8' }] },
    })
    const runPath = `/threads/${run.thread_id}/runs/${run.id}`
    await eventually(
      () => callJson(sim, 'GET', runPath),
      (current) => current.status === 'completed',
    )
    const steps = await callJson(sim, 'GET', `${runPath}/steps`)
    const imageFile = steps.data
      .flatMap((step: any) => step.step_details.tool_calls ?? [])
      .flatMap((call: any) => call.code_interpreter?.outputs ?? [])
      .find((output: any) => output.type === 'image').image.file_id as string
    expect(await status(sim, `/files/${imageFile}/content`)).toBe(200)
    const filesBefore = (await callJson(sim, 'GET', '/files?limit=100')).data.length

    await newThread(sim)
    await newThread(sim)
    for (const path of [
      `/threads/${run.thread_id}`,
      `/threads/${run.thread_id}/messages`,
      runPath,
      `${runPath}/steps`,
      `/files/${imageFile}`,
      `/files/${imageFile}/content`,
    ]) {
      expect(await status(sim, path), path).toBe(404)
    }
    expect((await callJson(sim, 'GET', '/files?limit=100')).data.length).toBe(filesBefore - 1)
  })

  it('spares a thread that is being streamed while an idle one can go', async () => {
    const sim = createSimulator({ delayMs: 0, maxThreads: 2 })
    const live = await streamOn(sim, 'long') // unread: it holds its run back, so it stays live
    const idle = await newThread(sim)
    await newThread(sim)
    expect(await status(sim, `/threads/${idle}`)).toBe(404)
    expect(await status(sim, `/threads/${live.threadId}`)).toBe(200)
    await live.reader.cancel()
  })

  it('the end of a stream is a use of its thread', async () => {
    const sim = createSimulator({ delayMs: 0, maxThreads: 3 })
    const live = await streamOn(sim, 'long')
    const second = await newThread(sim)
    await newThread(sim)
    await live.reader.cancel() // the client leaves: the thread was just used
    await newThread(sim)
    expect(await status(sim, `/threads/${second}`)).toBe(404)
    expect(await status(sim, `/threads/${live.threadId}`)).toBe(200)
  })

  it('when every other thread is streaming, the oldest goes and its stream ends with an error event', async () => {
    const sim = createSimulator({ delayMs: 0, maxThreads: 1 })
    const live = await streamOn(sim, 'long')
    await newThread(sim)
    expect(await status(sim, `/threads/${live.threadId}`)).toBe(404)
    let rest = ''
    const decoder = new TextDecoder()
    for (let chunk = await live.reader.read(); !chunk.done; chunk = await live.reader.read()) {
      rest += decoder.decode(chunk.value, { stream: true })
    }
    const last = parseSse(rest).at(-1)
    expect(last?.event).toBe('error')
    expect(JSON.parse(last!.data).error.code).toBe('thread_evicted')
  })

  it('refuses a maxThreads that is not a positive integer', () => {
    expect(() => createSimulator({ maxThreads: 0 })).toThrow(RangeError)
    expect(() => createSimulator({ maxThreads: 1.5 })).toThrow(RangeError)
  })
})

describe('streams at the reader’s pace', () => {
  /** The reply's text so far, as the thread's messages show it. */
  const replyLength = async (sim: Simulator, threadId: string) => {
    const list = await callJson(sim, 'GET', `/threads/${threadId}/messages?order=asc`)
    const reply = list.data.find((message: any) => message.role === 'assistant')
    return reply ? (reply.content[0]?.text.value.length as number) : 0
  }

  it('an unread `long` stream holds its run back instead of queueing all of it; reading resumes it', async () => {
    const sim = createSimulator({ delayMs: 0 })
    const { reader, threadId } = await streamOn(sim, 'long')
    // Wait until the run stops moving: it would finish 5,200 deltas if nothing held it back.
    let previous = -1
    const stalled = await eventually(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 100))
        const length = await replyLength(sim, threadId)
        const same = length === previous
        previous = length
        return { same, length }
      },
      (state) => state.same,
      20_000,
    )
    const run = (await callJson(sim, 'GET', `/threads/${threadId}/runs`)).data[0]
    expect(run.status).toBe('in_progress')
    // 5,200 one-word deltas make ~30,000 characters; a 16 KiB queue holds well under a tenth of them.
    expect(stalled.length).toBeLessThan(3_000)

    let text = ''
    const decoder = new TextDecoder()
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += decoder.decode(chunk.value, { stream: true })
    }
    const frames = parseSse(text)
    expect(frames.filter((frame) => frame.event === 'thread.message.delta').length).toBeGreaterThan(5_000)
    expect(frames.at(-1)?.event).toBe('done')
    expect((await callJson(sim, 'GET', `/threads/${threadId}/runs`)).data[0].status).toBe('completed')
  }, 30_000)

  it('a client that leaves only detaches: the run goes on to the end', async () => {
    const sim = createSimulator({ delayMs: 0 })
    const { reader, threadId } = await streamOn(sim, 'long')
    await reader.cancel()
    await eventually(
      () => callJson(sim, 'GET', `/threads/${threadId}/runs`),
      (list) => list.data[0].status === 'completed',
      20_000,
    )
  }, 30_000)
})
