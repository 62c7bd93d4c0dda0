// Differential property test of the Responses wire: for the same bytes, `selectResponses` equals what
// openai-node's `accumulateResponse` folds from each response's events — on every real recording,
// under any chunking, cut after any event, and on seeded generated turns.
import { describe, expect, it } from 'vitest'
import { ALL_FOLDS, createRunStore, reduceRun } from './all-wires.js'
import { parseRunStream, readRunStream } from './parse.js'
import { createRunFolder, initialRunState } from './reduce.js'
import { selectResponses } from './responses/select.js'
import { generateResponsesStream, ITEM_KINDS } from './test-utils/generate-responses.js'
import { type Chunking, chunkBytes, eventBoundaries, streamOf, utf8 } from './test-utils/recordings.js'
import { accumulate, frameSse, loadResponsesRecordings } from './test-utils/responses.js'
import type { RunState, RunStreamEvent } from './types.js'

async function fold(chunks: Uint8Array[], format?: 'sse' | 'ndjson'): Promise<RunState> {
  let state = initialRunState
  for await (const event of parseRunStream(streamOf(chunks), { format })) state = reduceRun(state, event)
  return state
}

/** The hooks' path: readRunStream into a run store that commits after every network chunk (the batch fold). */
async function foldInStore(chunks: Uint8Array[]): Promise<RunState> {
  const store = createRunStore({
    scheduler: (flush) => {
      queueMicrotask(flush)
      return () => {}
    },
  })
  await readRunStream(streamOf(chunks), store.dispatch)
  store.flush()
  return store.getState()
}

const recordings = loadResponsesRecordings()
const oracles = new Map(recordings.map((r) => [r.name, accumulate(r.events)]))

/** Recordings on which `accumulateResponse` throws (a real server's quirk the reducer survives). */
const THROWING = [
  'ai-sdk__github-copilot-id-rotation.1.jsonl', // item_id never matches the item's id
  'ai-sdk__openai-apply-patch-tool.1.jsonl', // response.apply_patch_call_operation_diff.* it does not know
  'ai-sdk__openai-phase.1.jsonl', // output_index 0 then 2 (the recorder trimmed events)
]

/** Each response as only its lifecycle events leave it: the terminal event's `response` is the final word. */
function lifecycleOnly(events: readonly Record<string, any>[]) {
  return accumulate(events.filter((e) => e.response !== undefined)).responses
}

function expectAgreement(name: string, state: RunState) {
  const recording = recordings.find((r) => r.name === name)!
  const oracle = oracles.get(name)!
  if (oracle.error) expect(selectResponses(state)).toEqual(lifecycleOnly(recording.events))
  else expect(selectResponses(state)).toEqual(oracle.responses)
}

describe('agreement with openai-node accumulateResponse on real Responses recordings', () => {
  it('finds the recordings, and knows which ones make the accumulator throw', () => {
    expect(recordings.length).toBe(18)
    const throwing = recordings.filter((r) => oracles.get(r.name)!.error).map((r) => r.name)
    expect(throwing).toEqual(THROWING)
  })

  const chunkings: [string, Chunking][] = [
    ['whole', 'whole'],
    ['1-byte', 'byte'],
    ['random', { seed: 7, max: 97 }],
    ['random', { seed: 1234, max: 9 }],
  ]
  // Each chunking in three parts of the recordings, so no test depends on the machine's speed.
  const halves = [recordings.slice(0, 6), recordings.slice(6, 12), recordings.slice(12)]
  for (const [label, chunking] of chunkings) {
    halves.forEach((half, h) => {
      const seed = typeof chunking === 'object' ? ` (seed ${chunking.seed})` : ''
      it(`${label} chunks${seed}: recordings, part ${h + 1}/3`, async () => {
        for (const recording of half)
          expectAgreement(recording.name, await fold(chunkBytes(recording.bytes, chunking)))
      })
    })
  }

  it('reads the same events without `event:` lines, and as NDJSON (the recordings themselves)', async () => {
    for (const recording of recordings) {
      const lines = recording.events.map((e) => JSON.stringify(e))
      const bare = utf8(lines.map((line) => `data: ${line}\n\n`).join(''))
      expectAgreement(recording.name, await fold([bare]))
      expectAgreement(recording.name, await fold([utf8(lines.join('\n'))], 'ndjson'))
    }
  })

  for (const recording of recordings) {
    it(`cut after every event: ${recording.name}`, () => {
      // The events as parsed (checked above to be what the bytes say), folded one by one; at each cut,
      // the responses so far equal the accumulator's over the same events (until it throws, on a quirk:
      // from there on, only that the reducer goes on and keeps every response).
      const states: RunState[] = []
      let state = initialRunState
      for (const event of recording.events) {
        state = reduceRun(state, { event: event.type, data: event } as RunStreamEvent)
        states.push(state)
      }
      let compared = 0
      accumulate(recording.events, (k, responses) => {
        expect(selectResponses(states[k]!)).toEqual(responses)
        compared++
      })
      const created = recording.events.filter((e) => e.type === 'response.created').length
      expect(state.responses).toHaveLength(created)
      if (!THROWING.includes(recording.name)) expect(compared).toBe(recording.events.length)
      expectAgreement(recording.name, state)
    })
  }

  it('cuts bytes after every event of the small recordings (a stream that just ends)', async () => {
    for (const recording of recordings.filter((r) => r.bytes.length < 12_000)) {
      for (const end of eventBoundaries(recording.bytes)) {
        const cut = recording.bytes.subarray(0, end)
        const state = await fold([cut])
        const events = recording.events.slice(0, eventBoundaries(cut).length)
        const oracle = accumulate(events)
        if (!oracle.error) expect(selectResponses(state)).toEqual(oracle.responses)
      }
    }
  })
})

/** The generated turn's events for the oracle: a cancelled response's terminal event as a lifecycle event it knows. */
function forOracle(events: readonly Record<string, any>[]) {
  return events.map((e) => (e.type === 'response.cancelled' ? { ...e, type: 'response.completed' } : e))
}

const seeds = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe('agreement with accumulateResponse on generated Responses turns', () => {
  for (const [from, to] of [
    [1, 40],
    [41, 80],
    [81, 120],
  ] as const) {
    it(`seeds ${from}–${to}: whole, random chunks and every cut`, async () => {
      for (const seed of seeds(from, to)) {
        const generated = generateResponsesStream(seed)
        const oracle = accumulate(forOracle(generated.events))
        expect(oracle.error).toBeNull()
        const bytes = utf8(generated.sse)
        expect(selectResponses(await fold([bytes]))).toEqual(oracle.responses)
        expect(selectResponses(await fold(chunkBytes(bytes, { seed, max: 40 })))).toEqual(oracle.responses)
        const states: RunState[] = []
        let state = initialRunState
        for (const event of generated.events) {
          state = reduceRun(state, { event: event.type, data: event } as RunStreamEvent)
          states.push(state)
        }
        accumulate(forOracle(generated.events), (k, responses) => {
          expect(selectResponses(states[k]!)).toEqual(responses)
        })
      }
    })
  }

  it('covers every item type and every terminal status', () => {
    const seen = new Set<string>()
    for (const seed of seeds(1, 120)) for (const f of generateResponsesStream(seed).features) seen.add(f)
    // Every kind the generator knows (a refusal is a message), and every terminal status.
    const types = ITEM_KINDS.map((kind) => (kind === 'refusal' ? 'message' : kind))
    for (const f of [...types, 'completed', 'incomplete', 'failed', 'cancelled']) expect(seen).toContain(f)
    expect(
      Math.max(
        ...seeds(1, 120).map(
          (s) => generateResponsesStream(s).events.filter((e) => e.type === 'response.created').length,
        ),
      ),
    ).toBeGreaterThan(1)
  })
})

describe('agreement with accumulateResponse through the run store (the batch fold)', () => {
  it('on every recording, whole and in random chunks (a commit after nearly every event)', async () => {
    const chunkings: Chunking[] = ['whole', { seed: 7, max: 97 }, { seed: 3, max: 9 }]
    for (const recording of recordings) {
      for (const chunking of chunkings)
        expectAgreement(recording.name, await foldInStore(chunkBytes(recording.bytes, chunking)))
    }
  })

  it('on a long response cut before its text is done (the text as its deltas built it)', async () => {
    const generated = generateResponsesStream(11, { terminal: 'completed', responses: 1, textDeltas: 3000 })
    const events = generated.events.slice(
      0,
      generated.events.findIndex((e) => e.type === 'response.output_text.done'),
    )
    const bytes = utf8(frameSse(events.map((e) => JSON.stringify(e))))
    const oracle = accumulate(events)
    expect(oracle.responses[0]!.output_text.length).toBeGreaterThan(10_000)
    for (const max of [9, 64, 1024]) {
      const chunks = chunkBytes(bytes, { seed: max, max })
      expect(selectResponses(await foldInStore(chunks))).toEqual(oracle.responses)
      expect(selectResponses(await fold(chunks))).toEqual(oracle.responses)
    }
  })

  it('on generated turns, in random chunks and with a snapshot after every event', async () => {
    for (const seed of seeds(1, 40)) {
      const generated = generateResponsesStream(seed)
      const oracle = accumulate(forOracle(generated.events))
      const chunks = chunkBytes(utf8(generated.sse), { seed, max: 40 })
      expect(selectResponses(await foldInStore(chunks))).toEqual(oracle.responses)
      // One event a batch: every fragment starts a text path and every snapshot writes it in.
      const folder = createRunFolder(initialRunState, ALL_FOLDS)
      const snapshots = generated.events.map((event) => {
        folder.push({ event: event.type, data: event } as RunStreamEvent)
        return folder.snapshot()
      })
      accumulate(forOracle(generated.events), (k, responses) => {
        expect(selectResponses(snapshots[k]!)).toEqual(responses)
      })
    }
  })
})
