// The seam: a store and callback adapter built without the Responses parts reach none of the
// Responses fold's modules, refuse that wire's events as input errors (never a throw), and once given
// the parts fold and report exactly what the every-wire store and adapter do, on real recordings.
import { describe, expect, it } from 'vitest'
import { createRunCallbacks, createRunStore, reduceRun } from './all-wires.js'
import {
  createAssistantsRunCallbacks,
  createAssistantsRunStore,
  reduceAssistantsRun,
} from './assistants-wire.js'
import { initialRunState } from './reduce.js'
import { responsesParts } from './responses/parts.js'
import { selectResponses } from './responses/select.js'
import { RESPONSES_NOT_LOADED } from './responses-parts.js'
import { selectStatus } from './selectors.js'
import type { RunStore } from './store.js'
import { callbackLog } from './test-utils/callback-log.js'
import { FOLD_MODULES, reachedFrom } from './test-utils/module-graph.js'
import { loadResponsesRecordings } from './test-utils/responses.js'
import type { RunStreamEvent } from './types.js'

const recordings = loadResponsesRecordings()
const eventsOf = (part: string): RunStreamEvent[] =>
  recordings
    .find((r) => r.name.includes(part))!
    .events.map((data) => ({ event: data.type, data }) as RunStreamEvent)

describe('the module graph of the Assistants-wire builders', () => {
  it('reaches no module of the Responses fold or its callback adapter', () => {
    for (const entry of [
      'core/src/store.ts',
      'core/src/callbacks.ts',
      'core/src/reduce.ts',
      'core/src/assistants-wire.ts',
    ]) {
      const reached = reachedFrom(entry)
      expect(reached.has(entry)).toBe(true)
      expect(FOLD_MODULES.filter((module) => reached.has(module))).toEqual([])
    }
  })

  it('the every-wire entry points reach all of them (the walk follows imports)', () => {
    const reached = reachedFrom('core/src/all-wires.ts')
    expect(FOLD_MODULES.filter((module) => !reached.has(module))).toEqual([])
  })
})

describe('a run store without the Responses parts', () => {
  it('refuses each Responses event as an input error, keeps the state, and never throws', () => {
    const store = createAssistantsRunStore({ scheduler: 'sync' })
    expect(store.responses).toBeNull()
    const refused: RunStreamEvent[] = [
      eventsOf('openai-web-search-tool')[0]!,
      { event: 'runline.items', data: { items: [] } },
      { event: 'runline.input_items', data: { items: [] } },
    ]
    for (const event of refused) {
      const before = store.getState()
      expect(() => store.dispatch(event)).not.toThrow()
      const after = store.getState()
      expect(after.error).toMatchObject({ code: RESPONSES_NOT_LOADED, source: 'input' })
      expect(after.error?.message).toContain(event.event)
      expect({ ...after, error: before.error }).toEqual(before)
    }
    expect(selectResponses(store.getState())).toEqual([])
  })

  it('given the parts, folds a recording as the every-wire store does, pending events carried over', () => {
    const events = eventsOf('reasoning-encrypted-content')
    const reference = createRunStore({ scheduler: 'sync' })
    // A frame that never comes: the parts arrive while events wait uncommitted.
    let flush: (() => void) | null = null
    const store = createAssistantsRunStore({
      scheduler: (run) => {
        flush = run
        return () => {}
      },
    })
    for (const target of [reference, store] as RunStore[])
      target.dispatch({ event: 'runline.connecting', data: { threadId: 'conv_1' } })
    // Not committed at once: it waits for the frame.
    for (const target of [reference, store] as RunStore[])
      target.dispatch({ event: 'thread.created', data: { id: 'conv_1' } } as RunStreamEvent)
    expect(flush).not.toBeNull()
    store.addResponses(responsesParts)
    expect(store.responses).toBe(responsesParts)
    for (const event of events) {
      reference.dispatch(event)
      store.dispatch(event)
    }
    store.flush()
    expect(store.getState()).toEqual(reference.getState())
    const begun = events.filter((event) => event.event === 'response.created').length
    expect(selectResponses(store.getState())).toHaveLength(begun)
    expect(selectStatus(store.getState())).toBe('completed')
  })
})

describe('reduceAssistantsRun', () => {
  it('without the parts refuses a Responses event; given them, folds a recording as reduceRun does', () => {
    const events = eventsOf('openai-mcp-tool-approval.1')
    const refused = reduceAssistantsRun(initialRunState, events[0]!)
    expect(refused.error).toMatchObject({ code: RESPONSES_NOT_LOADED, source: 'input' })
    expect({ ...refused, error: null }).toEqual(initialRunState)

    let folded = initialRunState
    let reference = initialRunState
    for (const event of events) {
      folded = reduceAssistantsRun(folded, event, responsesParts)
      reference = reduceRun(reference, event)
    }
    expect(selectResponses(folded).length).toBeGreaterThan(0)
    expect(folded).toEqual(reference)
  })
})

describe('a callback adapter without the Responses parts', () => {
  it('reports a refused Responses event with onError only, then fires what the every-wire adapter fires', () => {
    const events = eventsOf('openai-mcp-tool-approval.1')
    const log: string[] = []
    const store: RunStore = createAssistantsRunStore({
      scheduler: 'sync',
      onEvent: createAssistantsRunCallbacks(callbackLog(log), () => store.responses),
    })
    // The adapter tells a refusal by a new input error: the first event it sees has nothing before it.
    store.dispatch({ event: 'runline.connecting' })
    store.dispatch(events[0]!)
    expect(log).toEqual(['onEvent', 'onEvent', `onError ${RESPONSES_NOT_LOADED}`])

    store.addResponses(responsesParts)
    store.reset()
    log.length = 0
    for (const event of events) store.dispatch(event)

    const expected: string[] = []
    const reference = createRunStore({
      scheduler: 'sync',
      onEvent: createRunCallbacks(callbackLog(expected)),
    })
    for (const event of events) reference.dispatch(event)
    expect(expected.filter((name) => name.startsWith('onRunCreated'))).toHaveLength(1)
    expect(log).toEqual(expected)
  })
})
