/** Calls to other services (Foundry): an OpenAPI operation and a connected (sub-)agent. */
import { chunkArguments } from '../text.js'
import { recordCall, sentence, singleToolScript, startToolStep, type ToolStep, text } from './common.js'

/** The OpenAPI operation the demo agent's `runline_status` tool calls (`<tool>_<operationId>`). */
export const OPENAPI_FUNCTION = 'runline_status_getStatus'
/** The connected agent the demo agent delegates to. */
export const CONNECTED_AGENT = {
  id: 'asst_runline_researcher',
  name: 'runline_researcher',
  description: 'Researches questions about Runline and answers in two sentences.',
} as const

/**
 * An OpenAPI call: a step delta typed `openapi` (its payload is reserved and empty), then the
 * completed call with the operation's name, arguments and output in a `function` record.
 */
export const openApiStep: ToolStep = async (driver) => {
  const step = startToolStep(driver)
  await driver.tick(2)
  const fn = { name: OPENAPI_FUNCTION, arguments: '{"component":"simulator"}', output: null as string | null }
  const call = { id: driver.newId('call_'), type: 'openapi', openapi: {}, function: fn }
  recordCall(step, call)
  driver.emitStepDelta(step, {
    type: 'openapi',
    tool_calls: [{ index: 0, id: call.id, type: 'openapi', openapi: {} }],
  })
  await driver.tick(4) // the HTTP call
  const status = { component: 'simulator', status: 'operational', uptime_days: driver.random.between(3, 90) }
  fn.output = JSON.stringify(status)
  driver.completeStep(step, null)
  return {
    summary: `the status API says the **simulator** is ${status.status} (up for ${status.uptime_days} days)`,
  }
}

/**
 * A connected agent: the call streams its arguments, the sub-agent runs on a thread of its own, and
 * the completed call carries its answer with that thread's and run's ids (not readable here).
 */
export const connectedAgentStep: ToolStep = async (driver, ask) => {
  const step = startToolStep(driver)
  await driver.tick(2)
  const question = ask ?? (driver.userText.replace(/\s+/g, ' ').trim().slice(0, 120) || 'What is Runline?')
  const connected: Record<string, string> = { name: CONNECTED_AGENT.name, arguments: '' }
  const call = { id: driver.newId('call_'), type: 'connected_agent', connected_agent: connected }
  recordCall(step, call)
  const delta = (part: Record<string, unknown>, first = false) =>
    driver.emitStepDelta(step, {
      type: 'tool_calls',
      tool_calls: [
        { index: 0, ...(first ? { id: call.id } : {}), type: 'connected_agent', connected_agent: part },
      ],
    })
  delta({ name: CONNECTED_AGENT.name, arguments: '' }, true)
  await driver.tick(1)
  for (const fragment of chunkArguments(JSON.stringify({ query: question }))) {
    connected.arguments += fragment
    delta({ arguments: fragment })
    await driver.tick(1)
  }
  await driver.tick(8) // the sub-agent's own run
  connected.output =
    'Runline is a React kit for streaming agent runs. It shows each step, tool call and message as it arrives.'
  connected.run_id = driver.newId('run_')
  connected.thread_id = driver.newId('thread_')
  connected.assistant_id = CONNECTED_AGENT.id
  driver.completeStep(step, null)
  return { summary: `**${CONNECTED_AGENT.name}** answered: ${connected.output}` }
}

/** The `openapi` scenario: the operation, then a reply with what it returned. */
export const openApiScript = singleToolScript(openApiStep, (driver, found) =>
  text(`${sentence(found.summary)}.`, driver),
)

/** The `connected_agent` scenario: the sub-agent's run, then a reply with its answer. */
export const connectedAgentScript = singleToolScript(connectedAgentStep, (driver, found) =>
  text(`I asked the connected agent: ${found.summary}`, driver),
)
