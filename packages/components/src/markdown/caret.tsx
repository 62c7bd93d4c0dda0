import type { ReactNode } from 'react'

/** The streaming caret (`span.rl-caret`): decorative, so screen readers skip it. */
export function Caret(): ReactNode {
  return <span className="rl-caret" aria-hidden="true" />
}
