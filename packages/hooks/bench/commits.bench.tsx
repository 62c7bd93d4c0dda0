// `pnpm bench:hooks`: React commits per streamed delta, run store vs. a setState-per-event baseline.
//
// The simulator's "long" scenario (5,200 one-word deltas) streams as fast as it can (delayMs 0, and
// optionally paced at 1 ms per delta) into two components rendered with react-dom in jsdom:
//   store     useRunStream: the core run store commits at most once per animation frame
//   baseline  useState + setState(reduceRun(...)) for every event (React batches per task only)
// requestAnimationFrame is a fake 60 Hz clock (setInterval 16.7 ms). A <Profiler> counts commits.
import { JSDOM } from 'jsdom'

const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' })
const g = globalThis as Record<string, unknown>
g.window = dom.window
g.document = dom.window.document
g.navigator = dom.window.navigator
g.HTMLElement = dom.window.HTMLElement
g.Node = dom.window.Node
g.IS_REACT_ACT_ENVIRONMENT = false

// The fake 60 Hz frame clock: callbacks queued by requestAnimationFrame run on the next tick.
let frameQueue = new Map<number, FrameRequestCallback>()
let nextFrameId = 1
let frames = 0
g.requestAnimationFrame = (callback: FrameRequestCallback) => {
  const id = nextFrameId++
  frameQueue.set(id, callback)
  return id
}
g.cancelAnimationFrame = (id: number) => frameQueue.delete(id)
const frameClock = setInterval(() => {
  frames++
  const due = frameQueue
  frameQueue = new Map()
  for (const callback of due.values()) callback(performance.now())
}, 1000 / 60)

const { createRunlineClient, initialRunState, reduceRun, selectMessages, selectMessageText, selectStatus } =
  await import('@runline/core')
const { createSimulator } = await import('@runline/simulator')
const React = await import('react')
const { createRoot } = await import('react-dom/client')
const { useRunSelector, useRunStream } = await import('../src/index.js')
type RunState = import('@runline/core').RunState
type RunlineClient = import('@runline/core').RunlineClient

const ASSISTANT = 'asst_runline_demo'
const MESSAGE = 'a long answer please'

const lastText = (state: RunState) => {
  const message = selectMessages(state).at(-1)
  return message ? selectMessageText(message) : ''
}

interface Result {
  deltas: number
  frames: number
  commits: number
  /** The most commits that landed between two ticks of the frame clock. */
  maxPerFrame: number
  ms: number
  chars: number
}

/** Mounts `element` under a Profiler, lets `run` stream, and counts commits and frames meanwhile. */
async function measure(
  renderApp: (ready: (start: () => Promise<void>) => void) => React.ReactElement,
): Promise<Omit<Result, 'deltas'>> {
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  let commits = 0
  const perFrame = new Map<number, number>()
  let start!: () => Promise<void>
  const mounted = new Promise<void>((resolve) => {
    root.render(
      React.createElement(
        React.Profiler,
        {
          id: 'bench',
          onRender: () => {
            commits++
            perFrame.set(frames, (perFrame.get(frames) ?? 0) + 1)
          },
        },
        renderApp((fn) => {
          start = fn
          resolve()
        }),
      ),
    )
  })
  await mounted
  await new Promise((resolve) => setTimeout(resolve, 50))
  commits = 0
  perFrame.clear()
  const frames0 = frames
  const t0 = performance.now()
  await start()
  const ms = performance.now() - t0
  // Frames while the stream ran, plus the one that commits its tail.
  const streamFrames = frames - frames0 + 1
  // Let the last scheduled frame and React's last render land before counting commits.
  await new Promise((resolve) => setTimeout(resolve, 100))
  const chars = container.textContent?.length ?? 0
  root.unmount()
  container.remove()
  return { frames: streamFrames, commits, maxPerFrame: Math.max(0, ...perFrame.values()), ms, chars }
}

function StoreApp({ client, ready }: { client: RunlineClient; ready: (start: () => Promise<void>) => void }) {
  const run = useRunStream({ client, assistantId: ASSISTANT, scheduler: 'frame' }, selectStatus)
  const text = useRunSelector(run, lastText)
  React.useEffect(() => ready(async () => void (await run.start({ message: MESSAGE }))), [run, ready])
  return React.createElement('div', null, text)
}

function BaselineApp({
  client,
  ready,
  onDelta,
}: {
  client: RunlineClient
  ready: (start: () => Promise<void>) => void
  onDelta: () => void
}) {
  const [state, setState] = React.useState(initialRunState)
  React.useEffect(
    () =>
      ready(async () => {
        const stream = await client.threads.createAndRunStream({
          assistant_id: ASSISTANT,
          thread: { messages: [{ role: 'user', content: MESSAGE }] },
        })
        await stream.forEach((event) => {
          if (event.event === 'thread.message.delta') onDelta()
          setState((current) => reduceRun(current, event))
        })
      }),
    [client, ready, onDelta],
  )
  return React.createElement('div', null, lastText(state))
}

async function compare(delayMs: number): Promise<{ store: Result; baseline: Result }> {
  let deltas = 0
  const baselineClient = createRunlineClient({
    baseUrl: 'http://sim.bench/v1',
    fetch: createSimulator({ delayMs, seed: 1 }).fetchLike,
  })
  const baseline = await measure((ready) =>
    React.createElement(BaselineApp, { client: baselineClient, ready, onDelta: () => void deltas++ }),
  )
  const storeClient = createRunlineClient({
    baseUrl: 'http://sim.bench/v1',
    fetch: createSimulator({ delayMs, seed: 1 }).fetchLike,
  })
  const store = await measure((ready) => React.createElement(StoreApp, { client: storeClient, ready }))
  // Same seed, same request: the same deltas reached both.
  return { store: { ...store, deltas }, baseline: { ...baseline, deltas } }
}

function report(label: string, { store, baseline }: { store: Result; baseline: Result }) {
  const row = (name: string, r: Result) =>
    `  ${name.padEnd(9)} deltas ${String(r.deltas).padStart(5)}  frames ${String(r.frames).padStart(4)}  ` +
    `React commits ${String(r.commits).padStart(5)}  (${(r.commits / Math.max(1, r.frames)).toFixed(2)}/frame, ` +
    `${(r.deltas / Math.max(1, r.commits)).toFixed(1)} deltas/commit, max ${r.maxPerFrame} in one frame)  ` +
    `${r.ms.toFixed(0)} ms  text ${r.chars} chars`
  console.log(label)
  console.log(row('store', store))
  console.log(row('baseline', baseline))
  if (store.chars !== baseline.chars) console.log('  !! the two views ended with different text')
  // Lifecycle events (start, end) commit at once by design; streaming commits wait for a frame.
  if (store.maxPerFrame > 2) console.log('  !! the store committed more than once per frame while streaming')
}

const fast = await compare(0)
report('long scenario, as fast as possible (delayMs 0), fake 60 Hz rAF:', fast)
if (process.argv.includes('--paced')) {
  report('long scenario, paced (delayMs 1 per delta), fake 60 Hz rAF:', await compare(1))
}
clearInterval(frameClock)
dom.window.close()
