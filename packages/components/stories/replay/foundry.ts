// Foundry classic-agent runs for the stories: spec-shaped events from core's Foundry builders (the
// simulator's Foundry face will bring recorded-like replays later), folded by the real reducer on a
// replay tape. Built when a story loads, so an approval's `expires_at` is ahead of the clock.
import type { RunStreamEvent, ToolApproval } from '@runline/core'
import {
  APPROVAL_CALLS,
  approvalContinuationEvents,
  approvalRequestEvents,
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

/** Approve the search, deny the page fetch: what the answered story sends. */
export const MIXED_DECISIONS: ToolApproval[] = [
  { tool_call_id: APPROVAL_CALLS[0]!.id, approve: true },
  { tool_call_id: APPROVAL_CALLS[1]!.id, approve: false },
]

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
  /** An MCP server's tools listed, then two calls waiting for approval; answered: the continuation. */
  approval: {
    key: 'foundry-approval',
    label: 'Foundry (spec-shaped): MCP approval, approved and denied',
    events: () => {
      const ids = liveIds()
      return [
        ...approvalRequestEvents(APPROVAL_CALLS, ids),
        ...approvalContinuationEvents(MIXED_DECISIONS, APPROVAL_CALLS, ids),
      ]
    },
  },
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
  /** A Bing-grounded answer: the search, then the answer citing pages. */
  bing: {
    key: 'foundry-bing',
    label: 'Foundry (spec-shaped): Grounding with Bing Search',
    events: () => [
      runEvent('in_progress'),
      ...toolCallStepEvents('step_bing', [SAMPLE_CALLS.bing_grounding]),
      ...citedAnswer(FOUNDRY_IDS),
      runEvent('completed'),
    ],
  },
  /** A run a safety guardrail stopped: `incomplete` with no details. */
  guardrail: {
    key: 'foundry-guardrail',
    label: 'Foundry (spec-shaped): stopped by a guardrail',
    events: () => [runEvent('in_progress'), runEvent('incomplete')],
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
