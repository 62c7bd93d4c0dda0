// Differential property test: for the same bytes, our snapshots equal what openai-node's own
// AssistantStream accumulates — on every real recording, under any chunking, cut after any event,
// and on seeded generated streams.
import { describe, expect, it } from 'vitest'
import { reduceRun } from './all-wires.js'
import { parseRunStream } from './parse.js'
import { initialRunState } from './reduce.js'
import { selectMessages, selectRun, selectRunSteps } from './selectors.js'
import { generateRunStream } from './test-utils/generate.js'
import {
  type Chunking,
  chunkBytes,
  eventBoundaries,
  loadRecordings,
  plain,
  runOracle,
  streamOf,
  utf8,
} from './test-utils/recordings.js'
import type { RunState } from './types.js'

async function fold(chunks: Uint8Array[]): Promise<RunState> {
  let state = initialRunState
  for await (const event of parseRunStream(streamOf(chunks))) state = reduceRun(state, event)
  return state
}

/** Asserts our state agrees with the oracle on the run and on every message and step it holds. */
async function expectAgreement(bytes: Uint8Array, chunking: Chunking) {
  const chunks = chunkBytes(bytes, chunking)
  const [state, oracle] = await Promise.all([fold(chunks), runOracle(chunks)])
  expect(plain(selectRun(state))).toEqual(plain(oracle.run))
  for (const [id, message] of oracle.messages) expect(plain(state.messages[id])).toEqual(plain(message))
  for (const [id, step] of oracle.steps) expect(plain(state.steps[id])).toEqual(plain(step))
  if (!oracle.error) {
    // A completed stream: the same messages and steps, in the same (creation) order.
    expect(selectMessages(state).map((m) => m.id)).toEqual([...oracle.messages.keys()])
    expect(selectRunSteps(state).map((s) => s.id)).toEqual([...oracle.steps.keys()])
  }
  return { state, oracle }
}

const recordings = loadRecordings()

/**
 * Consecutive runs of `items`, `size` at a time. The property checks below are split into tests of a
 * few hundred milliseconds each (on a quiet machine), so none of them depends on the machine's speed to
 * stay within a test timeout; together they check exactly what one test per loop used to.
 */
function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** The seeds from `from` to `to`, inclusive. */
const seeds = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe('agreement with openai-node AssistantStream on real recordings', () => {
  it('finds the recordings', () => {
    expect(recordings.length).toBeGreaterThanOrEqual(14)
  })

  for (const recording of recordings) {
    describe(recording.name, () => {
      it('whole, 1-byte and random chunking', async () => {
        const { state } = await expectAgreement(recording.bytes, 'whole')
        expect(state.run).not.toBeNull()
        await expectAgreement(recording.bytes, 'byte')
        for (let seed = 1; seed <= 5; seed++) await expectAgreement(recording.bytes, { seed, max: 97 })
      })

      const ends = eventBoundaries(recording.bytes)
      it('has events to cut after', () => {
        expect(ends.length).toBeGreaterThan(3)
      })
      for (const [i, batch] of batches(ends, 50).entries()) {
        it(`cut after any event (events ${i * 50 + 1}–${i * 50 + batch.length} of ${ends.length})`, async () => {
          for (const end of batch) await expectAgreement(recording.bytes.subarray(0, end), 'whole')
        })
      }
    })
  }
})

describe('agreement on generated streams', () => {
  const FEATURE_SEEDS = seeds(1, 120)

  for (const batch of batches(FEATURE_SEEDS, 10)) {
    it(`agrees on seeds ${batch[0]}–${batch.at(-1)}`, async () => {
      for (const seed of batch) {
        const { sse } = generateRunStream(seed)
        await expectAgreement(utf8(sse), seed % 3 === 0 ? 'byte' : { seed, max: 40 })
      }
    })
  }

  it('covers every feature over those seeds', () => {
    const seen = new Set<string>()
    for (const seed of FEATURE_SEEDS) for (const f of generateRunStream(seed).features) seen.add(f)
    for (const feature of [
      'parallel-functions',
      'code_interpreter',
      'code_image',
      'file_search',
      'multi-part',
      'file_citation',
      'file_path',
      'image_file',
      'image_url',
      'terminal:completed',
      'terminal:incomplete',
      'terminal:failed',
      'terminal:cancelled',
      'terminal:expired',
      'terminal:requires_action',
    ]) {
      expect(seen, feature).toContain(feature)
    }
  })

  for (const batch of batches(seeds(200, 229), 5)) {
    it(`cut after any event of generated streams (seeds ${batch[0]}–${batch.at(-1)})`, async () => {
      for (const seed of batch) {
        const bytes = utf8(generateRunStream(seed, { textDeltas: 6 }).sse)
        for (const end of eventBoundaries(bytes)) await expectAgreement(bytes.subarray(0, end), 'whole')
      }
    })
  }

  it('parallel function calls with interleaved fragments end with both full argument strings', async () => {
    let checked = 0
    for (let seed = 1; seed <= 60 && checked < 5; seed++) {
      const { sse, features } = generateRunStream(seed, { terminal: 'requires_action' })
      if (!features.has('parallel-functions')) continue
      const { state } = await expectAgreement(utf8(sse), { seed, max: 13 })
      const step = selectRunSteps(state).at(-1)!
      expect(step.step_details.type).toBe('tool_calls')
      if (step.step_details.type !== 'tool_calls') continue
      expect(step.step_details.tool_calls.length).toBeGreaterThan(1)
      for (const call of step.step_details.tool_calls) {
        if (call.type !== 'function') throw new Error('expected function calls')
        expect(JSON.parse(call.function.arguments)).toHaveProperty('location')
      }
      checked++
    }
    expect(checked).toBe(5)
  })
})
