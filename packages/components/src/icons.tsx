import type { ReactNode } from 'react'

// Small inline icons (decorative: always aria-hidden). Stroke icons follow currentColor.

function Svg({ children }: { children: ReactNode }): ReactNode {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  )
}

/** Code brackets, for code interpreter calls. */
export function CodeIcon(): ReactNode {
  return (
    <Svg>
      <path d="m8 7-5 5 5 5" />
      <path d="m16 7 5 5-5 5" />
    </Svg>
  )
}

/** A magnifier, for file search calls. */
export function SearchIcon(): ReactNode {
  return (
    <Svg>
      <circle cx="11" cy="11" r="6.5" />
      <path d="m20 20-4.2-4.2" />
    </Svg>
  )
}

/** A function sign, for function calls. */
export function FunctionIcon(): ReactNode {
  return (
    <Svg>
      <path d="M14.5 4.5c-2.5-.6-4 .6-4.4 3L8.6 17c-.4 2.4-1.9 3.6-4.1 3" />
      <path d="M7 10.5h8" />
      <path d="m15 13 5 5" />
      <path d="m20 13-5 5" />
    </Svg>
  )
}

/** A plug, for MCP servers and their calls. */
export function PlugIcon(): ReactNode {
  return (
    <Svg>
      <path d="M9 3v5" />
      <path d="M15 3v5" />
      <path d="M6 8h12v3a6 6 0 0 1-12 0z" />
      <path d="M12 17v4" />
    </Svg>
  )
}

/** A globe, for web search and grounding tools. */
export function GlobeIcon(): ReactNode {
  return (
    <Svg>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M3.5 12h17" />
      <path d="M12 3.5c2.4 2.4 3.5 5.2 3.5 8.5s-1.1 6.1-3.5 8.5c-2.4-2.4-3.5-5.2-3.5-8.5S9.6 5.9 12 3.5z" />
    </Svg>
  )
}

/** Two linked nodes, for connected agents and remote APIs. */
export function LinkIcon(): ReactNode {
  return (
    <Svg>
      <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
      <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
    </Svg>
  )
}

/** A shield with a check, for calls that wait for approval. */
export function ShieldIcon(): ReactNode {
  return (
    <Svg>
      <path d="M12 3 5 6v5c0 4.4 3 8.3 7 10 4-1.7 7-5.6 7-10V6z" />
      <path d="m9 12 2 2 4-4" />
    </Svg>
  )
}
