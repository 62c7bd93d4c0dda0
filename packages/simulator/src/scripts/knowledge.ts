/**
 * Knowledge tools (Foundry): SharePoint grounding, a Microsoft Fabric data agent and Deep Research.
 * SharePoint and Fabric payloads are the spec's opaque `Record<string, string>` ("input and output");
 * Deep Research's is `{input, output?}`, and its delta carries the input (the spec requires it).
 */
import type { RunDriver } from '../engine/driver.js'
import {
  citedPieces,
  type Finding,
  recordCall,
  requestOf,
  type Source,
  sentence,
  singleToolScript,
  startToolStep,
  type ToolStep,
  text,
} from './common.js'

/** The SharePoint site the demo agent's connection reads. */
export const SHAREPOINT_SITE = 'https://contoso.sharepoint.com/sites/runline'

const SHAREPOINT_SOURCES: readonly Source[] = [
  {
    url: `${SHAREPOINT_SITE}/Shared%20Documents/release-process.docx`,
    title: 'Release process',
    claim: 'A release needs two approvals and a green build before it ships',
  },
  {
    url: `${SHAREPOINT_SITE}/SitePages/On-call.aspx`,
    title: 'On-call handbook',
    claim: 'The on-call engineer may pause a rollout at any time',
  },
]

const RESEARCH_SOURCES: readonly Source[] = [
  {
    url: 'https://research.example.org/2026/streaming-interfaces',
    title: 'Streaming interfaces for agents: a survey',
    claim: 'Interfaces that show each tool call as it runs are trusted more than ones that wait for the end',
  },
  {
    url: 'https://runline.example.com/blog/approvals-in-practice',
    title: 'Approvals in practice',
    claim: 'Asking a person before a tool acts catches most costly mistakes',
  },
]

/** Starts a step whose call's payload is `{}` in its delta and `{input, output}` once done. */
async function inputOutputCall(driver: RunDriver, type: string, ticks: number) {
  const step = startToolStep(driver)
  await driver.tick(2)
  const payload: Record<string, string> = {}
  const call = { id: driver.newId('call_'), type, [type]: payload }
  recordCall(step, call)
  driver.emitStepDelta(step, {
    type: 'tool_calls',
    tool_calls: [{ index: 0, id: call.id, type, [type]: {} }],
  })
  await driver.tick(ticks)
  return { step, payload }
}

/** SharePoint grounding: the query, then the documents it found (JSON text with titles and links). */
export const sharepointStep: ToolStep = async (driver, ask) => {
  const { step, payload } = await inputOutputCall(driver, 'sharepoint_grounding', 5)
  payload.input =
    ask ?? requestOf(driver.userText, /^.*\bshare\s?point\b\s*(for|about)?\s*/i, 'release process')
  payload.output = JSON.stringify({
    documents: SHAREPOINT_SOURCES.map(({ title, url }) => ({ title, url })),
  })
  driver.completeStep(step, null)
  return {
    summary: `found ${SHAREPOINT_SOURCES.length} documents on the Runline SharePoint site`,
    sources: SHAREPOINT_SOURCES,
  }
}

/** A Fabric data agent: the question, then its answer from the lakehouse (plain text). */
export const fabricStep: ToolStep = async (driver, ask) => {
  const { step, payload } = await inputOutputCall(driver, 'fabric_dataagent', 6)
  payload.input = sentence(
    ask ?? requestOf(driver.userText, /^.*\b(fabric|data\s?agent)\b\s*(for|about)?\s*/i, 'runs by status'),
  )
  const completed = driver.random.between(900, 1400)
  const waiting = driver.random.between(40, 120)
  const failed = driver.random.between(3, 20)
  payload.output = `Runs by status, last 7 days: completed ${completed}, requires_action ${waiting}, failed ${failed}.`
  driver.completeStep(step, null)
  return { summary: `the Fabric data agent counted ${completed} completed runs and ${failed} failed ones` }
}

/** Deep Research: the question (in the call's delta), then the report once the research is done. */
export const deepResearchStep: ToolStep = async (driver, ask) => {
  const step = startToolStep(driver)
  await driver.tick(2)
  const input =
    ask ??
    requestOf(
      driver.userText,
      /^.*\bdeep[\s_-]?research\b\s*(on|about|into)?\s*/i,
      'streaming agent interfaces',
    )
  const deep_research: { input: string; output?: string } = { input }
  const call = { id: driver.newId('call_'), type: 'deep_research', deep_research }
  recordCall(step, call)
  driver.emitStepDelta(step, {
    type: 'tool_calls',
    tool_calls: [{ index: 0, id: call.id, type: 'deep_research', deep_research: { input } }],
  })
  await driver.tick(12) // researching
  deep_research.output = [
    `## ${sentence(input)}`,
    '',
    ...RESEARCH_SOURCES.map((source, i) => `${i + 1}. ${source.claim} ([${source.title}](${source.url})).`),
    '',
    `Consulted ${RESEARCH_SOURCES.length + driver.random.between(4, 9)} sources; cited ${RESEARCH_SOURCES.length}.`,
  ].join('\n')
  driver.completeStep(step, null)
  return { summary: `Deep Research wrote a report on “${input}”`, sources: RESEARCH_SOURCES }
}

/** A cited answer from a finding's sources (`turn`: the marker's first number). */
const cited = (turn: number) => (driver: RunDriver, found: Finding) => ({
  type: 'text' as const,
  pieces: citedPieces(driver, found.sources ?? [], turn),
})

/** The `sharepoint_grounding` scenario: the documents, then an answer citing them. */
export const sharepointScript = singleToolScript(sharepointStep, cited(6))

/** The `fabric_dataagent` scenario: the data agent's answer, then a reply with it. */
export const fabricScript = singleToolScript(fabricStep, (driver, found) =>
  text(`${sentence(found.summary)}.`, driver),
)

/** The `deep_research` scenario: the report, then an answer citing its sources. */
export const deepResearchScript = singleToolScript(deepResearchStep, cited(7))
