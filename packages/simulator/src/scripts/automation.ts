/**
 * Tools that act (Foundry): an Azure Function behind storage queues and Browser Automation. Both run
 * on the service's side: the run never stops for outputs.
 */
import { chunkArguments } from '../text.js'
import {
  recordCall,
  requestOf,
  sentence,
  singleToolScript,
  startToolStep,
  type ToolStep,
  text,
} from './common.js'

/** The Azure Function the demo agent calls (its `azure_function.function`). */
export const AZURE_FUNCTION = {
  name: 'get_release_notes',
  description: 'Reads the release notes of a Runline version.',
  parameters: {
    type: 'object',
    properties: { version: { type: 'string', description: 'A version such as 1.4.0, or "latest"' } },
    required: ['version'],
  },
} as const

/** Where the function's queues live (the agent's `input_binding` / `output_binding`). */
export const AZURE_FUNCTION_QUEUES = {
  endpoint: 'https://runlinefunctions.queue.core.windows.net',
  input: 'runline-release-notes-in',
  output: 'runline-release-notes-out',
} as const

/** The page Browser Automation opens. */
const STATUS_PAGE = 'https://status.runline.example.com'

/**
 * An Azure Function call: the call's first delta names the function, the arguments follow in
 * fragments (`azure_function` deltas are partial), and the completed call has the function's output
 * (read back from the output queue).
 */
export const azureFunctionStep: ToolStep = async (driver, ask) => {
  const step = startToolStep(driver)
  await driver.tick(2)
  const version = ask ?? /\b\d+\.\d+(?:\.\d+)?\b/.exec(driver.userText)?.[0] ?? 'latest'
  const azure_function: { name: string; arguments: string; output?: string } = {
    name: AZURE_FUNCTION.name,
    arguments: '',
  }
  const call = { id: driver.newId('call_'), type: 'azure_function', azure_function }
  recordCall(step, call)
  const delta = (part: Record<string, string>, first = false) =>
    driver.emitStepDelta(step, {
      type: 'tool_calls',
      tool_calls: [
        { index: 0, ...(first ? { id: call.id } : {}), type: 'azure_function', azure_function: part },
      ],
    })
  delta({ name: AZURE_FUNCTION.name, arguments: '' }, true)
  await driver.tick(1)
  for (const fragment of chunkArguments(JSON.stringify({ version }))) {
    azure_function.arguments += fragment
    delta({ arguments: fragment })
    await driver.tick(1)
  }
  await driver.tick(6) // input queue → function → output queue
  const released = version === 'latest' ? '1.4.0' : version
  const notes = {
    version: released,
    date: `2026-03-${String(driver.random.between(2, 12)).padStart(2, '0')}`,
    highlights: ['Responses API runs in the same timeline', 'Readable cards for every Azure tool type'],
  }
  azure_function.output = JSON.stringify(notes)
  driver.completeStep(step, null)
  return {
    summary: `the \`${AZURE_FUNCTION.name}\` function says ${released} came out on ${notes.date}: ${notes.highlights.join('; ')}`,
  }
}

/**
 * Browser Automation: the task, the steps the browser took, its answer. The spec has no step-delta
 * type for it, so the call shows up when its step completes; a retrieve meanwhile sees its steps grow.
 */
export const browserAutomationStep: ToolStep = async (driver, ask) => {
  const step = startToolStep(driver)
  await driver.tick(2)
  const task = sentence(
    ask ??
      requestOf(
        driver.userText,
        /^.*\bbrows(e|er|ing)\b\s*(to)?\s*/i,
        'Read the status of the simulator on the status page',
      ),
  )
  const steps: Array<{ last_step_result: string; current_state: string; next_step: string }> = []
  const browser_automation = { input: task, output: '', steps }
  recordCall(step, { id: driver.newId('call_'), type: 'browser_automation', browser_automation })
  const plan = [
    {
      last_step_result: `Opened ${STATUS_PAGE}`,
      current_state: 'Status page',
      next_step: 'Open "Components"',
    },
    {
      last_step_result: 'Components list shown',
      current_state: 'Components page',
      next_step: 'Read the simulator row',
    },
    { last_step_result: 'Simulator: Operational', current_state: 'Simulator row', next_step: 'Answer' },
  ]
  for (const taken of plan) {
    await driver.tick(4) // the browser acts
    steps.push(taken)
  }
  const days = driver.random.between(3, 40)
  browser_automation.output = `The simulator is Operational; the last incident was ${days} days ago.`
  driver.completeStep(step, null)
  return { summary: `the browser read the status page: ${browser_automation.output}` }
}

/** The `azure_function` scenario: the function's call, then a reply with its output. */
export const azureFunctionScript = singleToolScript(azureFunctionStep, (driver, found) =>
  text(`${sentence(found.summary)}.`, driver),
)

/** The `browser_automation` scenario: the browser's steps, then a reply with what it read. */
export const browserAutomationScript = singleToolScript(browserAutomationStep, (driver, found) =>
  text(sentence(found.summary), driver),
)
