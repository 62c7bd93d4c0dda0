// The Assistants seam (assistants-parts.ts): a store and callback adapter built without the wire's
// parts reach none of the Assistants fold's modules, refuse that wire's events as input errors (never
// a throw) while folding Runline's own, and once given the parts fold and report exactly what the
// every-wire store and adapter do, on every real Assistants recording.
import { describe, expect, it } from 'vitest'
import { createRunCallbacks, createRunStore } from './all-wires.js'
import { assistantsParts } from './assistants/parts.js'
import { ASSISTANTS_NOT_LOADED } from './assistants-parts.js'
import { createRunCallbacksWithParts } from './callbacks.js'
import { parseRunStream } from './parse.js'
import { selectStatus, selectTimeline } from './selectors.js'
import { createRunStoreWithParts, type RunStore } from './store.js'
import { callbackLog } from './test-utils/callback-log.js'
import { ASSISTANTS_FOLD_MODULES, FOLD_MODULES, reachedFrom } from './test-utils/module-graph.js'
import { chunkBytes, loadRecordings, streamOf } from './test-utils/recordings.js'
import type { RunStreamEvent } from './types.js'

async function eventsOf(bytes: Uint8Array): Promise<RunStreamEvent[]> {
  const events: RunStreamEvent[] = []
  for await (const event of parseRunStream(streamOf(chunkBytes(bytes, 'whole')))) events.push(event)
  return events
}

/** A store with no wire's parts whose callbacks find them in the store, as the hooks' run pipe makes it. */
function bareStore(log: string[]) {
  const store: RunStore = createRunStoreWithParts({
    scheduler: 'sync',
    onEvent: createRunCallbacksWithParts(callbackLog(log), {
      get assistants() {
        return store.assistants
      },
      get responses() {
        return store.responses
      },
    }),
  })
  return store
}

describe('the module graph of the wire-agnostic event path', () => {
  it('reaches no module of either wire’s fold', () => {
    for (const entry of ['core/src/store.ts', 'core/src/callbacks.ts', 'core/src/reduce.ts']) {
      const reached = reachedFrom(entry)
      expect(reached.has(entry)).toBe(true)
      expect([...ASSISTANTS_FOLD_MODULES, ...FOLD_MODULES].filter((module) => reached.has(module))).toEqual(
        [],
      )
    }
  })

  it('the Assistants builders and the every-wire ones reach all of the Assistants fold', () => {
    for (const entry of ['core/src/assistants-wire.ts', 'core/src/all-wires.ts']) {
      const reached = reachedFrom(entry)
      expect(ASSISTANTS_FOLD_MODULES.filter((module) => !reached.has(module))).toEqual([])
    }
  })
})

describe('a run store without the Assistants parts', () => {
  it('folds Runline’s own events, refuses each Assistants event as an input error, keeps the state, never throws', async () => {
    const log: string[] = []
    const store = bareStore(log)
    expect(store.assistants).toBeNull()
    store.dispatch({ event: 'runline.connecting', data: { threadId: 'thread_1' } })
    expect(store.getState()).toMatchObject({ phase: 'connecting', threadId: 'thread_1', error: null })
    const [first] = await eventsOf(loadRecordings()[0]!.bytes)
    const refused: RunStreamEvent[] = [first!, { event: 'runline.snapshot', data: { run: null } }]
    for (const event of refused) {
      const before = store.getState()
      expect(() => store.dispatch(event)).not.toThrow()
      const after = store.getState()
      expect(after.error).toMatchObject({ code: ASSISTANTS_NOT_LOADED, source: 'input' })
      expect(after.error?.message).toContain(event.event)
      expect(after.error?.message).toContain('assistantsParts')
      expect({ ...after, error: before.error }).toEqual(before)
    }
    expect(selectTimeline(store.getState())).toEqual([])
    // The adapter: onEvent for each, onError for each refusal, nothing of the wire's vocabulary.
    expect(log).toEqual([
      'onEvent',
      'onEvent',
      `onError ${ASSISTANTS_NOT_LOADED}`,
      'onEvent',
      `onError ${ASSISTANTS_NOT_LOADED}`,
    ])
  })

  it('given the parts, folds and reports every real recording as the every-wire store does', async () => {
    for (const recording of loadRecordings()) {
      const events = await eventsOf(recording.bytes)
      const expected: string[] = []
      const reference = createRunStore({
        scheduler: 'sync',
        onEvent: createRunCallbacks(callbackLog(expected)),
      })
      const log: string[] = []
      // A frame that never comes: deltas wait uncommitted until an event that commits at once.
      const store: RunStore = createRunStoreWithParts({
        scheduler: () => () => {},
        onEvent: createRunCallbacksWithParts(callbackLog(log), {
          get assistants() {
            return store.assistants
          },
          get responses() {
            return store.responses
          },
        }),
      })
      for (const target of [reference, store])
        target.dispatch({ event: 'runline.tool_output', data: { tool_call_id: 'call_0', output: '1' } })
      store.addAssistants(assistantsParts)
      expect(store.assistants).toBe(assistantsParts)
      for (const event of events) {
        reference.dispatch(event)
        store.dispatch(event)
      }
      store.flush()
      expect(store.getState(), recording.name).toEqual(reference.getState())
      expect(log, recording.name).toEqual(expected)
      // The wire's own vocabulary fired, not only onEvent.
      expect(
        expected.some((entry) => !entry.startsWith('onEvent') && !entry.startsWith('onError')),
        recording.name,
      ).toBe(true)
      expect(selectStatus(store.getState()), recording.name).toBe(selectStatus(reference.getState()))
    }
  })
})
