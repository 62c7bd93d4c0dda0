import type { RunStreamEvent } from '@runline/core'
import { eventsFromSse } from './sse.js'

// `@runline-fixtures` is aliased in .storybook/main.ts to packages/fixtures/real, the repository's copy.
// Eager `?raw` imports put the recordings' text into the bundle: built Storybook needs no file access.
const files = import.meta.glob<string>('@runline-fixtures/*.sse', {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** The real recordings by file name without `.sse`, e.g. `openai-dotnet__text-only__gpt-4o__2025-10`. */
export const RECORDING_TEXTS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [
    path
      .split('/')
      .pop()!
      .replace(/\.sse$/, ''),
    text,
  ]),
)

/** The names of every recording found, sorted. */
export const RECORDING_NAMES: readonly string[] = Object.keys(RECORDING_TEXTS).sort()

const parsed = new Map<string, readonly RunStreamEvent[]>()

/**
 * The events of one real recording, parsed by `@runline/core`. Throws with the folder it looked in
 * and what it found there when the recording is missing.
 */
export function recordingEvents(name: string): readonly RunStreamEvent[] {
  const cached = parsed.get(name)
  if (cached) return cached
  const text = RECORDING_TEXTS[name]
  if (text === undefined) {
    throw new Error(
      `Recording "${name}" not found in packages/fixtures/real (found ${RECORDING_NAMES.length}: ${RECORDING_NAMES.join(', ')})`,
    )
  }
  const events = eventsFromSse(text)
  parsed.set(name, events)
  return events
}

/**
 * Several recordings played one after the other as one run, e.g. a `requires_action` stream and its
 * `submit_tool_outputs` continuation (the second stream carries the same run id).
 */
export function recordingSequence(...names: string[]): readonly RunStreamEvent[] {
  return names.flatMap((name) => recordingEvents(name))
}
