import { formatClock } from './derive.js'
import { LazyLexedBlock, loadMarkdownLexer } from './lazy-parts.js'

// The markdown lexer is a chunk of its own, loaded the first time a message has markdown syntax:
// loading it here, in idle time, has it there before. The rest of the warm-up (see
// warm-up-steps.ts) comes with that chunk, so a page starts with this switch and the clock only.

let started = false

/** Runs `work` in the browser's idle time (soon where there is none); nothing without a `window`. */
export function whenIdle(work: (deadline?: IdleDeadline) => void): void {
  // The page (or a test's DOM) may be gone by the time a slice ends.
  if (typeof window === 'undefined') return
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(work, { timeout: 2000 })
  else window.setTimeout(work, 1)
}

/**
 * Prepares the styled timeline in the browser's idle time, once per page, so the first streamed
 * frames do not pay for it: the markdown lexer (its chunk loaded, then two short slices), the clock format, and the fonts
 * of its text styles. Call it at start-up, e.g. next to `createRoot(...)`: `RunTimeline.Root` also
 * calls it when it mounts, but that is when a run starts streaming. Safe to call any number of times; does nothing without a `window` (server rendering).
 */
export function warmUpRunTimeline(): void {
  if (started || typeof window === 'undefined') return
  started = true
  whenIdle(() => {
    // The first clock format loads locale data.
    formatClock(0)
    Promise.all([loadMarkdownLexer(), LazyLexedBlock.preload()]).then(
      ([lexer]) => lexer.warmUpTimeline(whenIdle),
      // A chunk the network lost: the first message with markdown tries again.
      () => {},
    )
  })
}
