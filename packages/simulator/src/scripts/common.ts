/** What every scenario script shares: the documents it may cite and small step helpers. */
import type { RunDriver } from '../engine/driver.js'
import type { ReplyPart } from '../engine/records.js'
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

/** The words of a question without the scenario's own words (`drop`), for a tool's query. */
export function queryOf(userText: string, drop: RegExp, fallback: string, maxLength: number): string {
  const words = userText.replace(drop, ' ').replace(/[^\p{L}\p{N} ]+/gu, ' ')
  return words.replace(/\s+/g, ' ').trim().slice(0, maxLength) || fallback
}
