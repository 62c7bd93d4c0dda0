import { formatClock } from './derive.js'
import { warmUpMarkdownStep } from './markdown.js'

// The first markdown lex of a page compiles marked's regular expressions (10–30 ms); the first
// clock format loads locale data. Done in idle time, a few ms a slice, they stay out of the first
// streamed frames.

let state: 'idle' | 'scheduled' | 'done' = 'idle'

function later(work: (deadline?: IdleDeadline) => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(work, { timeout: 2000 })
  else window.setTimeout(work, 1)
}

function step(deadline?: IdleDeadline): void {
  formatClock(0)
  let more = warmUpMarkdownStep()
  while (more && deadline && !deadline.didTimeout && deadline.timeRemaining() > 8) more = warmUpMarkdownStep()
  if (more) later(step)
  else state = 'done'
}

/**
 * Compiles the markdown lexer and the clock format in the browser's idle time, once per page.
 * Safe to call any number of times; does nothing without a `window` (server rendering).
 */
export function scheduleWarmUp(): void {
  if (state !== 'idle' || typeof window === 'undefined') return
  state = 'scheduled'
  later(step)
}
