import { warmUpMarkdownStep } from './markdown/lex.js'

// What `warmUpRunTimeline` does once the markdown lexer's chunk is there (this module comes with it,
// see markdown/lexed-block.tsx; the clock is warmed before, in warm-up.ts). Its first lex compiles the
// lexer's functions and regular expressions. The first layout of each text style of the timeline
// loads a font strike (on Linux a synchronous round trip to the browser process per size and weight,
// which a busy machine stretches to tens of ms). Done in idle time, a slice at a time, they stay out
// of the streamed frames — as long as they run before the stream starts, which is why apps should
// ask for it at start-up rather than wait for the first timeline to mount.

// The styled timeline's text styles while text streams: header (status, model, run id, usage), step
// header (title, chip, times) and message markdown. Static markup, no user data.
const STYLE_SAMPLE =
  '<div class="rl-timeline__header"><div class="rl-badge" data-tone="info">In progress</div>' +
  '<span class="rl-summary"><span class="rl-summary__model">model</span><code class="rl-summary__id">run_0</code></span>' +
  '<dl class="rl-usage rl-usage--compact"><div class="rl-usage__item"><dt>Total</dt><dd>0</dd></div></dl></div>' +
  '<div class="rl-log"><div class="rl-row"><article class="rl-step"><header class="rl-step__head">' +
  '<span class="rl-step__title">Assistant</span><span class="rl-chip">Writing</span>' +
  '<span class="rl-step__meta"><time>00:00:00</time></span></header>' +
  '<div class="rl-message"><div class="rl-md"><p>Text <strong>strong</strong> <em>em</em> <code>code</code></p>' +
  '<h3>Heading</h3><pre><code>code</code></pre></div></div></article></div></div>'

/** Lays the sample out once, hidden and out of the way, then removes it. */
function warmUpStyles(): void {
  const host = document.createElement('div')
  host.className = 'rl-timeline rl-timeline--styled'
  host.setAttribute('aria-hidden', 'true')
  host.inert = true
  host.style.cssText =
    'position:fixed;top:0;left:0;width:640px;height:480px;visibility:hidden;pointer-events:none;contain:strict'
  host.innerHTML = STYLE_SAMPLE
  document.body.append(host)
  // Layout now, while idle: each text style's font strike loads here.
  host.getBoundingClientRect()
  host.remove()
}

/** Each step returns whether it has more to do (then it runs again in a later slice). */
type Step = () => boolean

const steps: Step[] = [
  () => {
    if (typeof document !== 'undefined' && document.body) warmUpStyles()
    return false
  },
  warmUpMarkdownStep,
]
let next = 0

/** Schedules work in idle time (warm-up.ts's `whenIdle`). */
type WhenIdle = (work: (deadline?: IdleDeadline) => void) => void

/**
 * Runs the warm-up's steps in idle slices, scheduled by `whenIdle` (once: `warmUpRunTimeline` calls
 * it once per page, with its own scheduler).
 */
export function warmUpTimeline(whenIdle: WhenIdle): void {
  const step = (deadline?: IdleDeadline) => {
    for (;;) {
      const work = steps[next]
      if (!work) return
      if (!work()) next++
      if (!deadline || deadline.didTimeout || deadline.timeRemaining() <= 8) break
    }
    whenIdle(step)
  }
  whenIdle(step)
}
