import { describe, expect, it } from 'vitest'
import { ALL_FOLDS, reduceRun } from './all-wires.js'
import { parseRunStream } from './parse.js'
import { createRunFolder, initialRunState } from './reduce.js'
import { selectMessageText, selectRun, selectStatus } from './selectors.js'
import { assistantMessage, ev } from './test-utils/events.js'
import { loadRecordings, seededRandom, streamOf } from './test-utils/recordings.js'
import type { RunState, RunStreamEvent } from './types.js'

const recordings = loadRecordings()
const recording = (fragment: string) => recordings.find((r) => r.name.includes(fragment))!

async function eventsOf(fragment: string): Promise<RunStreamEvent[]> {
  const events: RunStreamEvent[] = []
  for await (const event of parseRunStream(streamOf([recording(fragment).bytes]))) events.push(event)
  return events
}

const foldAll = (events: RunStreamEvent[], state: RunState = initialRunState) =>
  events.reduce(reduceRun, state)

const message = assistantMessage

describe('reduceRun is total', () => {
  it('never throws, whatever it is given', () => {
    const junk: unknown[] = [
      null,
      undefined,
      0,
      'x',
      [],
      {},
      { event: 42 },
      { event: 'thread.message.delta' },
      { event: 'thread.message.delta', data: null },
      { event: 'thread.message.delta', data: { id: 'nope', delta: { content: [{ index: 0 }] } } },
      { event: 'thread.run.step.delta', data: { id: 'nope', delta: {} } },
      { event: 'thread.run.created', data: 'run' },
      { event: 'thread.run.created', data: { id: '__proto__', status: 'queued' } },
      { event: 'error' },
      { event: 'error', data: 5 },
      { event: 'runline.snapshot', data: { steps: [null, 1], messages: 'x' } },
      { event: 'thread.message.created', data: { id: '__proto__', content: [] } },
      { event: 'thread.message.created', data: { id: 'toString', content: [] } },
      { event: 'thread.message.delta', data: { id: 'toString', delta: { content: [] } } },
      { event: 'thread.run.step.created', data: { id: 'hasOwnProperty', step_details: {} } },
    ]
    let state = initialRunState
    for (const input of junk) state = reduceRun(state, input as RunStreamEvent)
    expect(state.run).toBeNull()
    expect(state.error).not.toBeNull()
    expect(Object.getPrototypeOf(state.messages)).toBe(Object.prototype)
    expect(state.messageIds).toEqual([])
    expect(state.stepIds).toEqual([])
    expect(typeof state.messages.toString).toBe('function')
  })

  it('survives random mutations of real events without throwing', async () => {
    const events = await eventsOf('openai-dotnet__file-search')
    const random = seededRandom(11)
    const mutate = (value: unknown, depth = 0): unknown => {
      if (depth > 6 || random() < 0.1) return [null, 1, 'x', [], {}, { index: 1e9 }][Math.floor(random() * 6)]
      if (Array.isArray(value)) return value.map((v) => mutate(v, depth + 1))
      if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mutate(v, depth + 1)]))
      }
      return value
    }
    for (let round = 0; round < 30; round++) {
      let state = initialRunState
      for (const event of events) state = reduceRun(state, mutate(event) as RunStreamEvent)
      expect(state).toBeTypeOf('object')
    }
  })

  it('ignores unknown event names and returns the very same state', async () => {
    const state = foldAll(await eventsOf('text-only__gpt-4o'))
    expect(reduceRun(state, ev('thread.run.step.something_new', { id: 'x' }))).toBe(state)
  })
})

describe('reduceRun deltas', () => {
  const created = foldAll([ev('thread.message.created', message('msg_1'))])

  it('refuses an absurd index with an error in state, keeping the snapshot', () => {
    const next = reduceRun(
      created,
      ev('thread.message.delta', {
        id: 'msg_1',
        delta: { content: [{ index: 1e9, type: 'text', text: { value: 'x' } }] },
      }),
    )
    expect(next.messages.msg_1).toBe(created.messages.msg_1)
    expect(next.error).toMatchObject({ code: 'invalid_index', source: 'input' })
    expect(next.messages.msg_1!.content.length).toBe(0)
  })

  it('never merges __proto__, constructor or prototype keys', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const raw = `{"id":"msg_1","delta":{"content":[{"index":0,"type":"text","text":{"value":"a","${key}":{"polluted":true}}}]}}`
      const next = reduceRun(created, ev('thread.message.delta', JSON.parse(raw)))
      expect(next.error?.code).toBe('unsafe_key')
      expect(next.messages.msg_1).toBe(created.messages.msg_1)
      expect(({} as any).polluted).toBeUndefined()
    }
  })

  it('places array entries by their index, in any order', () => {
    let state = created
    const part = (index: number, value: string) =>
      ev('thread.message.delta', {
        id: 'msg_1',
        delta: { content: [{ index, type: 'text', text: { value } }] },
      })
    state = foldAll([part(1, 'B'), part(0, 'A'), part(1, 'b'), part(0, 'a')], state)
    const content = state.messages.msg_1!.content as any[]
    expect(content.map((c) => c.text.value)).toEqual(['Aa', 'Bb'])
    expect(selectMessageText(state.messages.msg_1!)).toBe('Aa\n\nBb')
  })

  it('reports a delta for an id it has not seen, and goes on', () => {
    const next = reduceRun(
      created,
      ev('thread.run.step.delta', { id: 'step_x', delta: { step_details: {} } }),
    )
    expect(next.error?.code).toBe('unknown_step')
    expect(next.steps).toBe(created.steps)
  })

  it('shares structure: a text delta replaces only the objects on its path', async () => {
    const events = await eventsOf('openai-dotnet__file-search')
    const index = events.findIndex((e) => e.event === 'thread.message.delta')
    const before = foldAll(events.slice(0, index + 2))
    const deltaEvent = events[index + 2]!
    expect(deltaEvent.event).toBe('thread.message.delta')
    const after = reduceRun(before, deltaEvent)
    const id = (deltaEvent as any).data.id
    expect(after).not.toBe(before)
    expect(after.messages[id]).not.toBe(before.messages[id])
    expect(after.run).toBe(before.run)
    expect(after.steps).toBe(before.steps)
    for (const other of before.messageIds.filter((m) => m !== id))
      expect(after.messages[other]).toBe(before.messages[other])
    expect(after.messages[id]!.metadata).toBe(before.messages[id]!.metadata)
  })

  it('returns the same state object for an event that changes nothing', () => {
    const state = foldAll([ev('thread.message.created', message('msg_1'))])
    expect(reduceRun(state, ev('thread.message.delta', { id: 'msg_1', delta: {} }))).toBe(state)
    expect(reduceRun(state, ev('thread.message.in_progress', message('msg_1')))).toBe(state)
    const done = reduceRun(state, ev('done', '[DONE]'))
    expect(done.phase).toBe('done')
    expect(reduceRun(done, ev('done', '[DONE]'))).toBe(done)
  })
})

describe('reduceRun run status', () => {
  it('takes the status from data.status, not from the event name', async () => {
    const state = foldAll(await eventsOf('ruby-openai__incomplete-max-completion-tokens__v2'))
    const last = (await eventsOf('ruby-openai__incomplete-max-completion-tokens__v2')).filter((e) =>
      e.event.startsWith('thread.run.'),
    )
    expect(last.at(-1)!.event).toBe('thread.run.completed')
    expect(selectRun(state)!.status).toBe('incomplete')
    expect(selectStatus(state)).toBe('incomplete')
  })

  it('folds the submit_tool_outputs continuation (no thread.run.created) into the same state', async () => {
    const first = foldAll(await eventsOf('openai-dotnet__function-call__1'))
    expect(selectStatus(first)).toBe('requires_action')
    const toolStepId = first.stepIds.at(-1)!
    expect(first.steps[toolStepId]!.status).toBe('in_progress')
    const both = foldAll(await eventsOf('openai-dotnet__function-call__2'), first)
    expect(both.stepIds[0]).toBe(first.stepIds[0])
    expect(both.stepIds).toContain(toolStepId)
    const toolStep = both.steps[toolStepId]!
    expect(toolStep.status).toBe('completed')
    expect(toolStep.step_details.type === 'tool_calls' && toolStep.step_details.tool_calls[0]).toMatchObject({
      function: { output: expect.any(String) },
    })
    expect(selectStatus(both)).toBe('completed')
    expect(both.messageIds.length).toBe(first.messageIds.length + 1)
  })

  it('an error event stops the stream with an error; a later terminal run wins', async () => {
    const state = foldAll(await eventsOf('error-event-mid-stream'))
    expect(selectStatus(state)).toBe('error')
    expect(state.error).toMatchObject({ code: 'server_error', source: 'stream' })
    expect(state.error!.message).toMatch(/The server had an error/)
  })
})

describe('createRunFolder', () => {
  it('gives the same snapshots as reduceRun, and never writes a snapshot it handed out', async () => {
    const { generateRunStream } = await import('./test-utils/generate.js')
    const { utf8 } = await import('./test-utils/recordings.js')
    const random = seededRandom(5)
    for (let seed = 1; seed <= 40; seed++) {
      const events: RunStreamEvent[] = []
      for await (const e of parseRunStream(streamOf([utf8(generateRunStream(seed).sse)]))) events.push(e)
      const folder = createRunFolder(initialRunState, ALL_FOLDS)
      let pure = initialRunState
      const handedOut: [RunState, string][] = []
      for (const event of events) {
        folder.push(event)
        pure = reduceRun(pure, event)
        // Some seeds snapshot often, others almost never (long batches own many objects).
        if (random() < (seed % 2 === 0 ? 0.2 : 0.005)) {
          const snapshot = folder.snapshot()
          expect(snapshot).toEqual(pure)
          handedOut.push([snapshot, JSON.stringify(snapshot)])
        }
      }
      expect(folder.snapshot()).toEqual(pure)
      // Snapshots taken earlier still say what they said then.
      for (const [snapshot, json] of handedOut) expect(JSON.stringify(snapshot)).toBe(json)
    }
  })

  it('keeps a refused delta from leaving anything half-merged', () => {
    const folder = createRunFolder(initialRunState, ALL_FOLDS)
    folder.push(ev('thread.message.created', message('msg_1')))
    folder.push(
      ev('thread.message.delta', {
        id: 'msg_1',
        delta: { content: [{ index: 0, type: 'text', text: { value: 'a' } }] },
      }),
    )
    const before = JSON.stringify(folder.snapshot())
    folder.push(
      ev('thread.message.delta', {
        id: 'msg_1',
        delta: { content: [{ index: 0, type: 'text', text: { value: 'b' } }], role: 5 },
      }),
    )
    const after = folder.snapshot()
    expect(after.error?.code).toBe('invalid_delta')
    expect(JSON.stringify({ ...after, error: null })).toBe(before)
  })
})
