// Foundry classic-agent runs the simulator's Foundry face has no scenario for: spec-shaped events from
// core's Foundry builders, folded by the real reducer on a replay tape (the simulated ones are in
// foundry-sim.ts). `liveIds` keeps the live story's approval `expires_at` ahead of the clock.
import type { RunStreamEvent } from '@runline/core'
import {
  FOUNDRY_IDS,
  type FoundryRunIds,
  messageEvents,
  runEvent,
  SAMPLE_CALLS,
  toolCallStepEvents,
  urlCitation,
} from '../../../core/src/test-utils/foundry.js'
import type { ReplaySource } from './catalog.js'

/** The ids of a run that waits for approval now, expiring `minutes` from now. */
export function liveIds(minutes = 10): FoundryRunIds {
  return { ...FOUNDRY_IDS, expiresAt: Math.floor(Date.now() / 1000) + minutes * 60 }
}

const CITED =
  'Runline folds every Foundry event into one run model【3:0†source】, and the approval form waits for a person【3:1†source】.'

/** A message citing two web pages (a Bing-grounded answer). */
function citedAnswer(ids: FoundryRunIds): RunStreamEvent[] {
  return messageEvents('msg_cited', CITED, ids, [
    urlCitation(
      CITED,
      '【3:0†source】',
      'https://runline.example.com/docs/core',
      'Runline core: the run model',
    ),
    urlCitation(
      CITED,
      '【3:1†source】',
      'https://learn.microsoft.com/azure/ai-foundry/agents/how-to/tools/model-context-protocol',
    ),
  ])
}

/** The Foundry replays, by what they show. */
export const FOUNDRY = {
  /** One step per Azure tool type, then a cited answer. */
  tools: {
    key: 'foundry-tools',
    label: 'Foundry (spec-shaped): every Azure tool type',
    events: () => [
      runEvent('in_progress'),
      ...Object.values(SAMPLE_CALLS).flatMap((call) => toolCallStepEvents(`step_${call.type}`, [call])),
      ...citedAnswer(FOUNDRY_IDS),
      runEvent('completed', { usage: { prompt_tokens: 2048, completion_tokens: 180, total_tokens: 2228 } }),
    ],
  },
} satisfies Record<string, ReplaySource>

/** A replay of one tool type's card alone. */
export function toolSource(type: keyof typeof SAMPLE_CALLS): ReplaySource {
  return {
    key: `foundry-tool-${type}`,
    label: `Foundry (spec-shaped): ${type}`,
    events: () => [
      runEvent('in_progress'),
      ...toolCallStepEvents(`step_${type}`, [SAMPLE_CALLS[type]]),
      runEvent('completed'),
    ],
  }
}
