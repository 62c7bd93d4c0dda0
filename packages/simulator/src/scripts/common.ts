/** What every scenario script shares: the documents it may cite and small step helpers. */
import type { RunDriver } from '../engine/driver.js'
import type { ReplyPart, Script, TextPiece } from '../engine/records.js'
import { textPieces } from '../text.js'
import type { WireRunStep } from '../wire.js'

/** A document the file_search scenario finds and cites. */
export interface SearchDocument {
  fileId: string
  filename: string
  text: string
}

/** What scripts need from the simulator. */
export interface ScriptEnv {
  documents: readonly SearchDocument[]
}

/** Plain text as one reply part, cut into token-like deltas. */
export const text = (value: string, driver: RunDriver): ReplyPart => ({
  type: 'text',
  pieces: textPieces(value, driver.random),
})

/** Starts an empty tool_calls step (a call's first delta brings its id, as in the recordings). */
export function startToolStep(driver: RunDriver): WireRunStep {
  return driver.startStep({ type: 'tool_calls', tool_calls: [] })
}

/** Adds a call of a Foundry tool to a step's record. */
export function recordCall(step: WireRunStep, call: object): void {
  ;(step.step_details as { tool_calls: object[] }).tool_calls.push(call)
}

// Words that say how to ask, not what to look for ("… over MCP, I will approve the calls"): a tool's
// query without them reads like one a model would write.
const FILLER =
  /\b(a|an|and|are|about|can|could|do|does|find|for|from|how|i|i'll|in|is|it|look|me|my|of|on|over|please|show|tell|that|the|this|to|up|use|using|via|we|what|will|with|would|you|your|calls?)\b/gi

/** The words of a question without the scenario's own words (`drop`) and filler, for a tool's query. */
export function queryOf(userText: string, drop: RegExp, fallback: string, maxLength: number): string {
  const words = userText
    .replace(drop, ' ')
    .replace(FILLER, ' ')
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
  return words.replace(/\s+/g, ' ').trim().slice(0, maxLength) || fallback
}

/** A web page (or document) a tool found, which an answer cites. */
export interface Source {
  url: string
  title: string
  /** What the answer says, citing this source. */
  claim: string
}

/** What one tool step found: a line for an answer that lists every tool, and pages to cite. */
export interface Finding {
  summary: string
  sources?: readonly Source[]
}

/**
 * One Foundry tool's call in a tool_calls step of its own; resolves when the step completed. `ask`
 * is what the tool is asked (the all-tools run gives each its own); else it comes from the message.
 */
export type ToolStep = (driver: RunDriver, ask?: string) => Promise<Finding>

/**
 * The answer citing `sources`: one claim each, followed by its marker `【turn:i†source】`, which
 * carries the `url_citation` (the service numbers markers by the tool's turn).
 */
export function citedPieces(driver: RunDriver, sources: readonly Source[], turn: number): TextPiece[] {
  const pieces: TextPiece[] = []
  for (const [index, source] of sources.entries()) {
    pieces.push(...textPieces(`${index === 0 ? '' : ' '}${source.claim}`, driver.random))
    pieces.push({
      value: `【${turn}:${index}†source】`,
      annotation: { type: 'url_citation', url: source.url, title: source.title },
    })
    pieces.push({ value: '.' })
  }
  return pieces
}

/** A scenario of one tool step, then an answer made from what it found, then the run's end. */
export function singleToolScript(
  step: ToolStep,
  answer: (driver: RunDriver, found: Finding) => ReplyPart,
): Script {
  return async (driver) => {
    const found = await step(driver)
    await driver.writeMessage([answer(driver, found)])
    driver.completeRun()
  }
}

/**
 * What the user asked a tool for: the message without its leading instruction (`lead`, e.g. "Search
 * SharePoint for"), its closing punctuation and extra spaces; `fallback` when nothing is left.
 */
export function requestOf(userText: string, lead: RegExp, fallback: string, maxLength = 120): string {
  const rest = userText.replace(lead, '').replace(/\s+/g, ' ').trim()
  return rest.replace(/[\s?.!]+$/, '').slice(0, maxLength) || fallback
}

/** A finding's summary as the start of a sentence. */
export function sentence(summary: string): string {
  return summary.charAt(0).toUpperCase() + summary.slice(1)
}
