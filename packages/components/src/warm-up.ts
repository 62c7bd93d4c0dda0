import { formatClock } from './derive.js'
import { LazyLexedBlock, loadMarkdownLexer } from './lazy-parts.js'

// The markdown lexer is a chunk of its own, loaded the first time a message has markdown syntax:
// loading it here, in idle time, has it there before; its first lex compiles the lexer's functions
// and regular expressions. The first clock format loads locale data; the first layout of each text style of the timeline
// loads a font strike (on Linux a synchronous round trip to the browser process per size and weight,
// which a busy machine stretches to tens of ms). Done in idle time, a slice at a time, they stay out
// of the streamed frames — as long as they run before the stream starts, which is why apps should
// ask for it at start-up rather than wait for the first timeline to mount.

let state: 'idle' | 'scheduled' | 'done' = 'idle'

function later(work: (deadline?: IdleDeadline) => void): void {
  // The page (or a test's DOM) may be gone by the time a slice ends.
  if (typeof window === 'undefined') return
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(work, { timeout: 2000 })
  else window.setTimeout(work, 1)
}

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

/** Loads the lexer's chunk; once it is there, its warm-up steps join the queue (one slice each). */
function loadMarkdown(): boolean {
  Promise.all([loadMarkdownLexer(), LazyLexedBlock.preload()]).then(
    ([lexer]) => {
      steps.push(lexer.warmUpMarkdownStep)
      if (state === 'done') {
        state = 'scheduled'
        later(step)
      }
    },
    // A chunk the network lost: the first message with markdown tries again.
    () => {},
  )
  return false
}

const steps: Step[] = [
  () => {
    formatClock(0)
    return false
  },
  () => {
    if (typeof document !== 'undefined' && document.body) warmUpStyles()
    return false
  },
  loadMarkdown,
]
let next = 0

function step(deadline?: IdleDeadline): void {
  for (;;) {
    const work = steps[next]
    if (!work) {
      state = 'done'
      return
    }
    if (!work()) next++
    if (!deadline || deadline.didTimeout || deadline.timeRemaining() <= 8) break
  }
  later(step)
}

/**
 * Prepares the styled timeline in the browser's idle time, once per page, so the first streamed
 * frames do not pay for it: the markdown lexer (its chunk loaded, then two short slices), the clock format, and the fonts
 * of its text styles. Call it at start-up, e.g. next to `createRoot(...)`: `RunTimeline.Root` also
 * calls it when it mounts, but that is when a run starts streaming. Safe to call any number of times; does nothing without a `window` (server rendering).
 */
export function warmUpRunTimeline(): void {
  if (state !== 'idle' || typeof window === 'undefined') return
  state = 'scheduled'
  later(step)
}
