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
