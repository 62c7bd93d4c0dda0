import type { RunStreamEvent } from '@runline/core'
import type { ReplaySource } from './catalog.js'
import { eventsFromSse } from './sse.js'

// The real Responses recordings (packages/fixtures/real/responses, JSONL: one event a line), bundled
// as text like the Assistants ones (`@runline-fixtures` is aliased in .storybook/main.ts).
const files = import.meta.glob<string>('@runline-fixtures/responses/*.jsonl', {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** The Responses recordings' text by file name without `.jsonl`, e.g. `ai-sdk__openai-mcp-tool.1`. */
export const RESPONSES_TEXTS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [
    path
      .split('/')
      .pop()!
      .replace(/\.jsonl$/, ''),
    text,
  ]),
)

/** A JSONL recording framed as the SSE the server sent (`event: <type>` then `data: <line>`). */
function sseOf(jsonl: string): string {
  let out = ''
  for (const line of jsonl.split('\n')) {
    if (line.trim() === '') continue
    let type = ''
    try {
      type = String((JSON.parse(line) as { type?: unknown }).type ?? '')
    } catch {
      // A line that is not JSON goes to the parser as is: it reports it, as it would live.
    }
    out += type ? `event: ${type}\ndata: ${line}\n\n` : `data: ${line}\n\n`
  }
  return out
}

/**
 * A replay source for one Responses recording (by name without `.jsonl`), parsed by core's decoder.
 * Throws naming what was found when the recording is missing.
 */
export function responsesSource(name: string): ReplaySource {
  return {
    key: `responses:${name}`,
    label: `${name}.jsonl`,
    events: (): readonly RunStreamEvent[] => {
      const text = RESPONSES_TEXTS[name]
      if (text === undefined)
        throw new Error(
          `Responses recording "${name}" not found (found: ${Object.keys(RESPONSES_TEXTS).join(', ')})`,
        )
      return eventsFromSse(sseOf(text))
    },
  }
}
