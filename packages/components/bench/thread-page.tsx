// The page `thread.bench.tsx` bundles and opens in Chromium: one <RunThread> on the thread named in
// the URL (`?thread=…`, `&windowing=off` to draw every row), talking to the bench's server at `/v1`.
import '../src/styles.css'
import type { RunStreamEvent } from '@runline/core'
import { createRunlineClient } from '@runline/core'
import { RunlineProvider } from '@runline/hooks'
import { createRoot } from 'react-dom/client'
import { RunThread, warmUpRunTimeline } from '../src/index.js'

/** What the bench reads from the page. */
export interface ThreadBenchWindow {
  __threadBench: { deltas: number }
}

const params = new URLSearchParams(location.search)
const bench = (window as unknown as ThreadBenchWindow).__threadBench ?? { deltas: 0 }
;(window as unknown as ThreadBenchWindow).__threadBench = bench
// Counting costs one comparison per event: the page does what any app with an `onEvent` does.
const runOptions = {
  onEvent: (event: RunStreamEvent) => {
    if (event.event === 'thread.message.delta') bench.deltas++
  },
}

const client = createRunlineClient({ baseUrl: `${location.origin}/v1` })
createRoot(document.getElementById('root')!).render(
  <RunlineProvider client={client}>
    <RunThread
      assistantId="asst_runline_demo"
      threadId={params.get('thread')}
      pageSize={100}
      windowing={params.get('windowing') === 'off' ? false : undefined}
      runOptions={runOptions}
    />
  </RunlineProvider>,
)
warmUpRunTimeline()
