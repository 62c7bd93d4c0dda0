import type { RunStreamEvent } from '@runline/core'
import { recordingSequence } from './recordings.js'
import { type SimulateRunOptions, simulatedRun, weatherOutput } from './simulated.js'
import { createReplayTape, type ReplayTape } from './tape.js'

/**
 * Where a replay's events come from: real recordings (played in order), a simulator scenario, events
 * loaded by the story (runs recorded from the simulator's Foundry and Responses faces), or events the
 * story decodes itself (the Responses recordings).
 */
export type ReplaySource =
  | { recordings: readonly string[] }
  | { prompt: string; options?: SimulateRunOptions; key?: string }
  | { events: () => readonly RunStreamEvent[]; key: string; label: string }
  | { load: () => Promise<readonly RunStreamEvent[]>; key: string; label: string }

/** A replay ready to show: its tape, the URLs of files it produced, and a label naming the source. */
export interface LoadedReplay {
  tape: ReplayTape
  files: Readonly<Record<string, string>>
  label: string
}

/** A position on a tape: `'end'`, a number of events, or just after the n-th event of a name. */
export type ReplayPosition = 'end' | number | { after: string; nth?: number }

/** The real recordings the stories use, by what they show (file names in packages/fixtures/real). */
export const REC = {
  text: 'openai-dotnet__text-only__gpt-4o__2025-10',
  textLong: 'simple-openai__text-only__gpt-4-turbo__2024-05',
  threadAndRun: 'simple-openai__create-thread-and-run-text__2024-05',
  threadAndRunPhp: 'openai-php__create-thread-and-run-text__upstream-reformatted__2024-07',
  functionCall: 'openai-dotnet__function-call__1-requires-action__2025-10',
  functionContinuation: 'openai-dotnet__function-call__2-submit-tool-outputs-continuation__2025-10',
  functionContinuation2024: 'simple-openai__function-call__2-submit-tool-outputs-continuation__2024-05',
  fileSearch: 'openai-dotnet__file-search-citation__2025-10',
  fileSearchCitations: 'simple-openai__file-search-citations__upstream-edited__2025-03',
  codeInput: 'openllmetry__code-interpreter-input-deltas__v2__2026-03',
  codeLogs: 'openllmetry__code-interpreter-logs-output__v1-legacy__2024-03',
  incomplete: 'ruby-openai__incomplete-max-completion-tokens__v2__2024-04',
  incompleteV1: 'ruby-openai__incomplete-max-completion-tokens__v1-legacy__2024-04',
  streamError: 'simple-openai__error-event-mid-stream__upstream-spliced',
} as const

/** Simulator prompts for what no recording shows (the simulator picks its scenario by these words). */
export const SIM = {
  weather: "What's the weather in Paris and in Tokyo?",
  plot: 'Plot these numbers: 3, 5, 2, 8',
  code: 'Calculate the mean of 4, 8 and 15',
  searchFile: 'Search the docs and give me a file of the passages about streaming',
  fail: 'Try this, but fail',
  incomplete: 'Give me an incomplete answer',
  expire: 'Let this run expire',
  slow: 'Answer slowly, please',
  long: 'Write a long answer',
  hello: 'Hello! What can you do?',
} as const

/** Common sources, so stories that show the same run share one tape. */
export const SOURCES = {
  functionCallFlow: { recordings: [REC.functionCall, REC.functionContinuation] },
  parallelCalls: { prompt: SIM.weather, key: 'weather-requires-action' },
  parallelCallsAnswered: { prompt: SIM.weather, options: { answer: weatherOutput }, key: 'weather-answered' },
  plot: { prompt: SIM.plot },
  code: { prompt: SIM.code },
  searchFile: { prompt: SIM.searchFile },
  fail: { prompt: SIM.fail },
  incomplete: { prompt: SIM.incomplete },
  expire: { prompt: SIM.expire },
  // A paced run, cancelled after a few deltas: cancelling → cancelled as the simulator streams them.
  cancelled: { prompt: SIM.slow, options: { delayMs: 2, cancelAfterDeltas: 12 }, key: 'slow-cancelled' },
  long: { prompt: SIM.long },
} satisfies Record<string, ReplaySource>

const loaded = new Map<string, Promise<LoadedReplay>>()

function keyOf(source: ReplaySource): string {
  if ('recordings' in source) return `rec:${source.recordings.join('+')}`
  if ('load' in source) return `loaded:${source.key}`
  return 'events' in source ? `built:${source.key}` : `sim:${source.key ?? source.prompt}`
}

/** Loads (once) the events of a source and folds them into a tape. */
export function loadReplay(source: ReplaySource): Promise<LoadedReplay> {
  const key = keyOf(source)
  let found = loaded.get(key)
  if (!found) {
    found = (async () => {
      if ('recordings' in source) {
        return {
          tape: createReplayTape(recordingSequence(...source.recordings)),
          files: {},
          label: source.recordings.map((name) => `${name}.sse`).join(' + '),
        }
      }
      if ('events' in source)
        return { tape: createReplayTape(source.events()), files: {}, label: source.label }
      if ('load' in source)
        return { tape: createReplayTape(await source.load()), files: {}, label: source.label }
      const run = await simulatedRun(source.key ?? source.prompt, source.prompt, source.options)
      return { tape: createReplayTape(run.events), files: run.files, label: `simulator: “${source.prompt}”` }
    })()
    found.catch(() => loaded.delete(key))
    loaded.set(key, found)
  }
  return found
}

/** Resolves a {@link ReplayPosition} on a tape; throws when the event is not on it (a story would lie). */
export function resolvePosition(tape: ReplayTape, at: ReplayPosition): number {
  if (at === 'end') return tape.length
  if (typeof at === 'number') return at
  const nth = at.nth ?? 0
  let seen = 0
  const position = tape.positionAfter((event: RunStreamEvent) => event.event === at.after && seen++ === nth)
  if (position === -1) throw new Error(`No event #${nth} named ${at.after} on this tape`)
  return position
}
