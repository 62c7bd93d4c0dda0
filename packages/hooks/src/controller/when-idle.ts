/**
 * Runs `work` in the browser's idle time (within two seconds), or after a task where there is no
 * `requestIdleCallback` (Safari); nothing without a `window` (servers, tests in Node).
 */
export function whenIdle(work: () => void): void {
  if (typeof window === 'undefined') return
  if (typeof window.requestIdleCallback === 'function')
    window.requestIdleCallback(() => work(), { timeout: 2000 })
  else window.setTimeout(work, 1)
}
