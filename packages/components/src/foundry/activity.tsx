// An `activities` step: the agent asked an MCP server which tools it offers (`mcp_list_tools`).
import type { McpListToolsActivity } from '@runline/core'
import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from 'react'
import { cx } from '../cx.js'
import { textOf } from '../derive.js'
import { PlugIcon } from '../icons.js'
import { RawJson } from './card-parts.js'

/** Props of `RunTimeline.McpTools`. */
export interface McpToolsProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** One `mcp_list_tools` activity of an `activities` step. */
  activity: McpListToolsActivity
  children?: ReactNode
}

/**
 * The tools an MCP server offers, as a list: each tool's name, description and parameters (required
 * ones marked), then the raw JSON. One `div` with `data-server` = the server label.
 */
export const McpTools = forwardRef<HTMLDivElement, McpToolsProps>(function McpTools(
  { activity, className, children, ...props },
  ref,
) {
  const server = textOf(activity?.server_label) ?? 'MCP server'
  const tools = Object.entries(activity?.tools ?? {})
  return (
    <div ref={ref} className={cx('rl-tool rl-tool--mcp-tools', className)} data-server={server} {...props}>
      {children ?? (
        <>
          <div className="rl-tool__head">
            <span className="rl-tool__icon">
              <PlugIcon />
            </span>
            <span className="rl-tool__title">Tools on {server}</span>
            <span className="rl-chip" data-state="neutral">
              {tools.length} {tools.length === 1 ? 'tool' : 'tools'}
            </span>
          </div>
          {tools.length > 0 && (
            <ul className="rl-toollist" aria-label={`Tools on ${server}`}>
              {tools.map(([name, tool]) => {
                const parameters = tool?.parameters
                const required = new Set(Array.isArray(parameters?.required) ? parameters.required : [])
                const params = Object.entries(parameters?.properties ?? {})
                return (
                  <li key={name} className="rl-toollist__item">
                    <code className="rl-tool__name">{name}</code>
                    {textOf(tool?.description) && (
                      <span className="rl-toollist__description">{textOf(tool?.description)}</span>
                    )}
                    {params.length > 0 && (
                      <span className="rl-toollist__params">
                        {params.map(([param, spec]) => (
                          <code
                            key={param}
                            className="rl-toollist__param"
                            title={textOf(spec?.description) ?? undefined}
                          >
                            {param}
                            {required.has(param) ? '' : '?'}: {textOf(spec?.type) ?? 'any'}
                          </code>
                        ))}
                      </span>
                    )}
                  </li>
                )
              })}
            </ul>
          )}
          <RawJson value={activity} />
        </>
      )}
    </div>
  )
})
