/**
 * The MCP scenario (Foundry): an `activities` step lists the server's tools (`mcp_list_tools`), a
 * tool_calls step streams two MCP calls as `mcp` step deltas, the run stops for approval
 * (`submit_tool_approval`) unless the run's `tool_resources.mcp` says `never`, then the approved
 * calls run and get an `output`; a denied call never does, and the answer says so.
 */

import type { McpCall } from '../engine/actions.js'
import type { RunDriver } from '../engine/driver.js'
import type { McpApprovalPolicy, Script } from '../engine/records.js'
import { chunkArguments } from '../text.js'
import type { WireRunStep } from '../wire.js'
import { queryOf, recordCall, type ScriptEnv, startToolStep, text } from './common.js'

/** The tools the simulated docs server offers, as `mcp_list_tools` reports them. */
const SERVER_TOOLS = {
  search_docs: {
    description: 'Full-text search over the Runline docs.',
    parameters: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'Words to look for' },
        limit: { type: 'integer', description: 'Most results to return' },
      },
      required: ['query'],
      additionalProperties: false,
    },
  },
  fetch_page: {
    description: 'Reads one docs page as Markdown.',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string', description: 'The page path, e.g. /runline-guide.md' } },
      required: ['path'],
      additionalProperties: false,
    },
  },
} as const

type ToolName = keyof typeof SERVER_TOOLS

function needsApproval(policy: McpApprovalPolicy, name: string): boolean {
  if (policy === 'always' || policy === 'never') return policy === 'always'
  if (policy.never) return !policy.never.includes(name)
  return policy.always ? policy.always.includes(name) : true
}

/** The question without the scenario's own words. */
const searchQuery = (userText: string) =>
  queryOf(userText, /\b(mcp|approve|approval|please|the|docs?|search)\b/gi, 'runs', 60)

/** Streams one MCP call: its first delta brings the id, the arguments follow in fragments. */
async function streamCall(driver: RunDriver, step: WireRunStep, index: number, call: McpCall, args: string) {
  recordCall(step, call)
  const delta = (part: Record<string, unknown>) =>
    driver.emitStepDelta(step, { type: 'mcp', tool_calls: [{ index, ...part }] })
  delta({ id: call.id, type: 'mcp', arguments: '' })
  await driver.tick(1)
  for (const fragment of chunkArguments(args)) {
    call.arguments += fragment
    delta({ type: 'mcp', arguments: fragment })
    await driver.tick(1)
  }
}

/**
 * The docs server's part of a run: the `activities` step listing its tools, the tool_calls step with
 * the MCP calls, the approval pause when the run's policy asks, and the approved calls' outputs.
 * Resolves with the server's label and the calls (a denied call has no `output`).
 */
export async function runMcpCalls(
  driver: RunDriver,
  env: ScriptEnv,
  ask?: string,
): Promise<{ label: string; calls: McpCall[] }> {
  const tool = driver.run.tools.find((candidate) => candidate.type === ('mcp' as string)) as unknown as {
    server_label: string
    allowed_tools?: string[] | null
  }
  const label = tool.server_label
  const allowed = tool.allowed_tools?.length ? tool.allowed_tools : null
  const offered = Object.fromEntries(
    Object.entries(SERVER_TOOLS).filter(([name]) => allowed === null || allowed.includes(name)),
  )
  const activities = driver.startStep({
    type: 'activities',
    activities: [{ type: 'mcp_list_tools', id: driver.newId('mcpl_'), server_label: label, tools: offered }],
  } as unknown as WireRunStep['step_details'])
  await driver.tick(3)
  driver.completeStep(activities, null)

  const query = ask ?? searchQuery(driver.userText)
  const [first] = env.documents
  const plan: Array<{ name: ToolName; args: unknown }> = [
    { name: 'search_docs', args: { query, limit: 3 } },
    { name: 'fetch_page', args: { path: `/${first?.filename ?? 'runline-guide.md'}` } },
  ]
  const chosen = plan.filter(({ name }) => name in offered)
  const step = startToolStep(driver)
  await driver.tick(2)
  const calls: McpCall[] = []
  for (const [index, { name, args }] of chosen.entries()) {
    const call: McpCall = {
      id: driver.newId('call_'),
      type: 'mcp',
      server_label: label,
      name,
      arguments: '',
    }
    calls.push(call)
    await streamCall(driver, step, index, call, JSON.stringify(args))
  }
  const policy = driver.record.mcpApproval.get(label) ?? 'always'
  const asking = calls.filter((call) => needsApproval(policy, call.name))
  const decisions = asking.length > 0 ? await driver.actions.requireApprovals(step, asking) : new Map()
  const approved = calls.filter((call) => decisions.get(call.id) !== false)
  await driver.tick(4) // the server answers
  for (const call of approved) {
    call.output =
      call.name === 'search_docs'
        ? JSON.stringify(
            env.documents.map((d) => ({
              title: d.text.split('\n')[0]?.replace(/^# /, ''),
              path: `/${d.filename}`,
            })),
          )
        : (first?.text ?? '')
  }
  driver.completeStep(step, null)
  return { label, calls }
}

/** One line per call: what it answered, or that it was not approved. */
export function mcpCallLines(label: string, calls: readonly McpCall[]): string[] {
  return calls.map((call) =>
    call.output === undefined
      ? `\`${call.name}\` was not approved, so I did not call it.`
      : `\`${call.name}\` on \`${label}\` answered (${call.output.length} characters).`,
  )
}

/** The `mcp` scenario: the docs server's calls, then an answer that says which ones ran. */
export function mcpScript(env: ScriptEnv): Script {
  return async (driver) => {
    const { label, calls } = await runMcpCalls(driver, env)
    const lines = mcpCallLines(label, calls).map((line) => `- ${line}`)
    const found = calls.some((call) => call.output !== undefined)
    const answer = found
      ? `I asked the **${label}** MCP server:\n\n${lines.join('\n')}\n\nThe docs say a run waits in \`requires_action\` until every pending call is answered.`
      : `I did not reach the **${label}** MCP server:\n\n${lines.join('\n')}\n\nAsk again and approve a call to let me read the docs.`
    await driver.writeMessage([text(answer, driver)])
    driver.completeRun()
  }
}
