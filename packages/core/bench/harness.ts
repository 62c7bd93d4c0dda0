// What both throughput benches share: the three paths every wire is measured on (the parse-only floor,
// the README's generic loop, the hooks' store path) and the interleaved timer.
import { createParser } from 'eventsource-parser'
import type { RunState } from '../src/index.js'
import { chunkBytes, seededRandom, streamOf } from '../src/test-utils/recordings.js'
import { core } from './library.js'

const { createRunStore, initialRunState, parseRunStream, readRunStream, reduceRun } = core

/** One way to consume a stream's chunks; resolves with a number read from the result (nothing is optimised away). */
export type Contender = (chunks: Uint8Array[]) => Promise<number>

/**
 * The floor (eventsource-parser + `JSON.parse`, keeping nothing), the generic path (`parseRunStream` +
 * `reduceRun`) and the fast path (`readRunStream` into a store committing after every chunk), each ending
 * with `read(state)`.
 */
export function coreContenders(read: (state: RunState) => number) {
  return {
    async floor(chunks: Uint8Array[]) {
      let count = 0
      const parser = createParser({
        onEvent: (message) => {
          if (message.data !== '[DONE]') {
            JSON.parse(message.data)
            count++
          }
        },
      })
      const decoder = new TextDecoder()
      const reader = streamOf(chunks).getReader()
      for (let r = await reader.read(); !r.done; r = await reader.read())
        parser.feed(decoder.decode(r.value, { stream: true }))
      return count
    },
    async generic(chunks: Uint8Array[]) {
      let state = initialRunState
      for await (const event of parseRunStream(streamOf(chunks))) state = reduceRun(state, event)
      return read(state)
    },
    async fast(chunks: Uint8Array[]) {
      const store = createRunStore({
        scheduler: (flush) => {
          queueMicrotask(flush)
          return () => {}
        },
      })
      let commits = 0
      store.subscribe(() => commits++)
      await readRunStream(streamOf(chunks), store.dispatch)
      store.flush()
      return commits + read(store.getState())
    },
  } satisfies Record<string, Contender>
}

/** Milliseconds of CPU this process has used (all its threads: the GC's helpers count too). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

const median = (list: number[]) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!

/**
 * Median ms per pass for every (file, contender) pair, wall-clock and CPU, measured interleaved: each
 * round runs every pair once, in a rotating order, so a noisy neighbour slows all of them alike and the
 * ratios (which are what the goals are about) stay meaningful on a shared machine. On a machine busy
 * enough that this process waits for a core, wall time counts the waiting too; CPU time does not.
 *
 * A pass pays for what ran just before it: the garbage the previous pass left (a young-generation GC,
 * concurrent marking on the GC's threads) and whose code is warm in the CPU's caches. In a plain rotating
 * order each pair always follows the same one, and the floor always followed openai-node's contender,
 * the one that leaves the most garbage: the floor paid for it (its CPU time exceeded its wall time), and
 * on the short recordings that made every ratio to it look 10–15% better than it is. So by default
 * (`BENCH_ORDER=settled`) each timed pass follows an untimed pass of its own pair: it pays for its own
 * garbage, in steady state, and for no one else's. `BENCH_ORDER=rotating` is the plain rotation;
 * `BENCH_ORDER=shuffled` a seeded order of its own per round, which spreads the predecessors' cost
 * over every contender (the lightest allocator, the floor, then pays most for the others).
 */
export async function timeInterleaved(pairs: Array<{ fn: Contender; chunks: Uint8Array[] }>, rounds: number) {
  for (const pair of pairs) for (let i = 0; i < 3; i++) await pair.fn(pair.chunks) // warm-up
  const wall = pairs.map(() => [] as number[])
  const cpu = pairs.map(() => [] as number[])
  const mode = process.env.BENCH_ORDER ?? 'settled'
  const shuffled = mode === 'shuffled'
  const random = seededRandom(7)
  const order = pairs.map((_, index) => index)
  for (let round = 0; round < rounds; round++) {
    if (shuffled) shuffle(order, random)
    for (let k = 0; k < pairs.length; k++) {
      const index = shuffled ? order[k]! : (k + round) % pairs.length
      const pair = pairs[index]!
      // Settled (the default): an untimed pass of the same pair first, so the timed one pays for its
      // own garbage and finds its own code warm, not the previous contender's (see above).
      if (mode === 'settled') await pair.fn(pair.chunks)
      const t = performance.now()
      const c = cpuMs()
      await pair.fn(pair.chunks)
      cpu[index]!.push(cpuMs() - c)
      wall[index]!.push(performance.now() - t)
    }
  }
  return { wall: wall.map(median), cpu: cpu.map(median) }
}

/** Shuffles `list` in place (Fisher–Yates), drawing from `random`. */
function shuffle(list: number[], random: () => number): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swap = list[i]!
    list[i] = list[j]!
    list[j] = swap
  }
}

/** The benches' chunking: up to 1 KiB, seeded. */
export const chunked = (bytes: Uint8Array) => chunkBytes(bytes, { seed: 42, max: 1024 })
