// Cards for Foundry's action tools: an MCP call, an OpenAPI operation, an Azure Function, a connected
// agent, Deep Research and Browser Automation. Each shows what was asked and what came back.
import type {
  AnyToolCall,
  BrowserAutomationStep,
  ConnectedAgentToolCall,
  McpToolCall,
  OpenApiToolCall,
} from '@runline/core'
import type { ReactNode } from 'react'
import type { ToolCardInfo } from '../context.js'
import { listOf, textOf } from '../derive.js'
import { CodeIcon, FunctionIcon, LinkIcon, PlugIcon, SearchIcon } from '../icons.js'
import { Markdown } from '../markdown.js'
import { CardHead, CodeText, Facts, RawJson, Section } from './card-parts.js'
import { recordOf, textIn } from './payload.js'

/** What every card component takes: the call and its step's state. */
export interface CardProps {
  call: AnyToolCall
  info: ToolCardInfo
}

/** A call to a tool on an MCP server: server label, tool name, arguments (as they stream), output. */
export function McpCallCard({ call, info }: CardProps): ReactNode {
  const mcp = call as Partial<McpToolCall>
  const server = textOf(mcp.server_label)
  return (
    <>
      <CardHead
        icon={<PlugIcon />}
        title="MCP"
        name={textOf(mcp.name)}
        info={info}
        note={server && <span title="MCP server">{server}</span>}
      />
      <Section label="Arguments">
        <CodeText text={textOf(mcp.arguments)} />
      </Section>
      <Section label="Output">
        <CodeText text={textOf(mcp.output)} output />
      </Section>
      <RawJson value={call} />
    </>
  )
}

/** An OpenAPI operation: its name, the request and the response (and any other payload as facts). */
export function OpenApiCard({ call, info }: CardProps): ReactNode {
  const fn = recordOf(call, 'function') as OpenApiToolCall['function'] | null
  const payload = recordOf(call, 'openapi')
  const facts = Object.entries(payload ?? {}).flatMap(([key, value]) =>
    typeof value === 'string' && value.length <= 120 ? [[key, value] as const] : [],
  )
  return (
    <>
      <CardHead icon={<LinkIcon />} title="OpenAPI" name={textOf(fn?.name)} info={info} />
      <Section label="Request">
        <CodeText text={textOf(fn?.arguments)} />
      </Section>
      <Section label="Response">
        <CodeText text={textOf(fn?.output)} output />
      </Section>
      <Facts entries={facts} />
      <RawJson value={call} />
    </>
  )
}

/** An Azure Function call: the function, the request (arguments) and the response (output). */
export function AzureFunctionCard({ call, info }: CardProps): ReactNode {
  const fn = recordOf(call, 'azure_function')
  return (
    <>
      <CardHead icon={<FunctionIcon />} title="Azure Function" name={textIn(fn, 'name')} info={info} />
      <Section label="Request">
        <CodeText text={textIn(fn, 'arguments')} />
      </Section>
      <Section label="Response">
        <CodeText text={textIn(fn, 'output')} output />
      </Section>
      <RawJson value={call} />
    </>
  )
}

/** A connected (sub-)agent: who was asked, what, its answer, and the thread and run it used. */
export function ConnectedAgentCard({ call, info }: CardProps): ReactNode {
  const agent = recordOf(call, 'connected_agent') as ConnectedAgentToolCall['connected_agent'] | null
  const ids: Array<[string, string]> = []
  for (const [key, label] of [
    ['assistant_id', 'agent'],
    ['thread_id', 'thread'],
    ['run_id', 'run'],
  ] as const) {
    const value = textOf(agent?.[key])
    if (value) ids.push([label, value])
  }
  return (
    <>
      <CardHead icon={<LinkIcon />} title="Connected agent" name={textOf(agent?.name)} info={info} />
      <Section label="Asked">
        <CodeText text={textOf(agent?.arguments)} />
      </Section>
      <Section label="Answer">
        <CodeText text={textOf(agent?.output)} output />
      </Section>
      <Facts entries={ids} />
      <RawJson value={call} />
    </>
  )
}

/** Deep Research: the question and, once done, the report (markdown, rendered safely). */
export function DeepResearchCard({ call, info }: CardProps): ReactNode {
  const research = recordOf(call, 'deep_research')
  const output = textIn(research, 'output')
  return (
    <>
      <CardHead icon={<SearchIcon />} title="Deep research" info={info} />
      <Section label="Question">
        {textIn(research, 'input') && <p className="rl-tool__query">{textIn(research, 'input')}</p>}
      </Section>
      <Section label="Report">
        {output && (
          <div className="rl-md rl-tool__report">
            <Markdown source={output} headingOffset={3} />
          </div>
        )}
      </Section>
      <RawJson value={call} />
    </>
  )
}

/** Browser Automation: the task, each step it took, and its answer. */
export function BrowserAutomationCard({ call, info }: CardProps): ReactNode {
  const browser = recordOf(call, 'browser_automation')
  const steps = listOf(browser?.steps as Array<Partial<BrowserAutomationStep>> | undefined)
  return (
    <>
      <CardHead icon={<CodeIcon />} title="Browser automation" info={info} />
      <Section label="Task">
        {textIn(browser, 'input') && <p className="rl-tool__query">{textIn(browser, 'input')}</p>}
      </Section>
      <Section label="Steps">
        {steps.length > 0 && (
          <ol className="rl-steps-list">
            {steps.map((step, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are in order and never move
              <li key={i} className="rl-steps-list__item">
                <span className="rl-steps-list__state">{textOf(step.current_state) ?? 'Step'}</span>
                {textOf(step.last_step_result) && <span>{textOf(step.last_step_result)}</span>}
                {textOf(step.next_step) && (
                  <span className="rl-steps-list__next">Next: {textOf(step.next_step)}</span>
                )}
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section label="Answer">
        <CodeText text={textIn(browser, 'output')} output />
      </Section>
      <RawJson value={call} />
    </>
  )
}
