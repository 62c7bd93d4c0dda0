import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  type AssistantStreamEvent,
  initialRunState,
  STATUS_WORDS as RUN_STATUS_WORDS,
  type RunState,
  type RunStatus,
  selectMessages,
  selectMessageText,
  type TimelineItem,
} from '@runline/core'
import type { RunHandle, RunSource } from '@runline/hooks'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createArgumentsCache, preloadRunTimelineParts, RunTimeline } from './index.js'
import {
  fold,
  manyStepsState,
  recordingState,
  simulatedCancelledEvents,
  simulatedEvents,
  simulatedState,
  syncStore,
} from './test-utils/states.js'

afterEach(cleanup)
// The tool-call views and forms load on first use; that first load is lazy-parts.test.tsx's subject.
beforeAll(preloadRunTimelineParts)

function withRunStatus(state: RunState, status: RunStatus): RunState {
  return { ...state, phase: 'done', run: { ...state.run!, status } }
}

describe('RunTimeline: roles and names', () => {
  it('is a polite log, with the run status as role="status" in words for every run status', async () => {
    const state = await simulatedState('hello')
    const { rerender } = render(<RunTimeline run={state} />)
    const log = screen.getByRole('log')
    expect(log.getAttribute('aria-live')).toBe('polite')
    expect(within(log).getByText(/Every part of this answer arrives/)).toBeTruthy()
    for (const [status, words] of Object.entries(RUN_STATUS_WORDS)) {
      rerender(<RunTimeline run={withRunStatus(state, status as RunStatus)} />)
      expect(screen.getByRole('status').textContent).toBe(words)
    }
  })

  it('reads queued and cancelling from the run, not the stream phase', async () => {
    const events = (await simulatedEvents('hello')).events
    // After thread.run.created the run is queued while the stream is open.
    const queued = fold(events.slice(0, events.findIndex((e) => e.event === 'thread.run.queued') + 1))
    render(<RunTimeline run={{ ...queued, phase: 'open' }} />)
    expect(screen.getByRole('status').textContent).toBe('Queued')
  })

  it('has words for no run yet, connecting, and a failed stream', () => {
    const empty: RunState = initialRunState
    const { rerender } = render(<RunTimeline run={empty} />)
    expect(screen.getByRole('status').textContent).toBe('Not started')
    rerender(<RunTimeline run={{ ...empty, phase: 'connecting' }} />)
    expect(screen.getByRole('status').textContent).toBe('Connecting')
    rerender(
      <RunTimeline
        run={{
          ...empty,
          phase: 'errored',
          error: { code: 'network', message: 'Failed to fetch', source: 'client' },
        }}
      />,
    )
    expect(screen.getByRole('status').textContent).toBe('Stream error')
    expect(screen.getByRole('alert').textContent).toContain('Failed to fetch')
  })

  it('shows last_error, incomplete_details and stream errors as alerts with their message', async () => {
    const { rerender } = render(<RunTimeline run={await simulatedState('fail')} />)
    expect(screen.getByRole('status').textContent).toBe('Failed')
    expect(screen.getByRole('alert').textContent).toBe('Sorry, something went wrong.')

    rerender(<RunTimeline run={await simulatedState('incomplete')} />)
    expect(screen.getByRole('status').textContent).toBe('Incomplete')
    expect(screen.getByRole('alert').textContent).toMatch(/ended early.*max_completion_tokens/)

    // The real recording: run.completed whose data says incomplete.
    rerender(
      <RunTimeline
        run={await recordingState('ruby-openai__incomplete-max-completion-tokens__v2__2024-04.sse')}
      />,
    )
    expect(screen.getByRole('status').textContent).toBe('Incomplete')
    expect(screen.getByRole('alert').textContent).toContain('max_prompt_tokens')

    // The real recording with an `event: error` mid-message.
    rerender(
      <RunTimeline
        run={await recordingState('simple-openai__error-event-mid-stream__upstream-spliced.sse')}
      />,
    )
    expect(screen.getByRole('alert').textContent).toContain('The server had an error processing your request')
  })

  it('offers "Cancel run" while the run is active and calls cancel() once', async () => {
    const state = await simulatedState('weather in Paris and in Tokyo')
    let resolveCancel = () => {}
    const cancel = vi.fn(() => new Promise<void>((resolve) => (resolveCancel = resolve)))
    const store = syncStore(state)
    render(<RunTimeline run={{ store, cancel }} />)
    const button = screen.getByRole('button', { name: 'Cancel run' })
    fireEvent.click(button)
    fireEvent.click(button)
    expect(cancel).toHaveBeenCalledTimes(1)
    await act(async () => resolveCancel())
    // Once the run ends there is nothing to cancel.
    act(() => store.setState(withRunStatus(state, 'cancelled')))
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull()
    expect(screen.getByRole('status').textContent).toBe('Cancelled')
  })

  it('has no "Cancel run" for a finished run or a source that cannot cancel', async () => {
    const done = await simulatedState('hello')
    const { rerender } = render(<RunTimeline run={{ store: syncStore(done), cancel: () => {} }} />)
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull()
    rerender(<RunTimeline run={withRunStatus(done, 'in_progress')} />)
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull()
  })
})

describe('RunTimeline: steps', () => {
  it('shows timing and per-step usage, and the run usage', async () => {
    const state = await recordingState('openai-dotnet__file-search-citation__2025-10.sse')
    render(<RunTimeline run={state} />)
    const [search, message] = screen.getAllByRole('article')
    expect(search!.getAttribute('data-state')).toBe('completed')
    expect(search!.getAttribute('data-kind')).toBe('file_search')
    expect(search!.querySelectorAll('time')).toHaveLength(2)
    expect(within(search!).getByTitle('Duration').textContent).toBe('2 s')
    expect(within(search!).getByText('850 tokens')).toBeTruthy()
    expect(message!.getAttribute('data-kind')).toBe('message')
    const usage = document.querySelector('.rl-usage')!
    expect(usage.textContent).toContain('Total tokens2,068')
  })

  it('shows how a message step ended when it ended before its message was created, not "Writing…"', async () => {
    // The simulator's own failed, expired and cancelled runs, as a server that ended the step before
    // creating its message streams them: no thread.message.* event at all.
    const withoutMessage = (events: readonly AssistantStreamEvent[]) =>
      events.filter((event) => !event.event.startsWith('thread.message.'))
    const fail = (await simulatedEvents('fail')).events
    const stepCreated = fail.findIndex((event) => event.event === 'thread.run.step.created')
    const messageStep = () => screen.getByRole('log').querySelector<HTMLElement>('[data-kind="message"]')!
    const { rerender } = render(<RunTimeline run={fold(withoutMessage(fail.slice(0, stepCreated + 1)))} />)
    // While the step runs, it is writing.
    expect(messageStep().textContent).toContain('Writing…')

    const cases: Array<[string, RunState, string | null]> = [
      ['Failed', fold(withoutMessage(fail)), 'Sorry, something went wrong.'],
      ['Expired', fold(withoutMessage((await simulatedEvents('expire')).events)), null],
      ['Cancelled', fold(withoutMessage(await simulatedCancelledEvents('Answer slowly, please'))), null],
    ]
    for (const [words, state, lastError] of cases) {
      rerender(<RunTimeline run={state} />)
      const step = messageStep()
      expect(step.getAttribute('data-state')).toBe(words.toLowerCase())
      expect(step.textContent).not.toContain('Writing')
      expect(within(step).getByText(`${words} before the message was written.`)).toBeTruthy()
      expect(step.querySelector('.rl-step__error')?.textContent ?? null).toBe(lastError)
    }
  })

  it('keeps the streaming caret at the very end of the text: in the last list item, never on a line of its own', async () => {
    const { events } = await simulatedEvents('hello')
    const store = syncStore()
    render(<RunTimeline run={store} />)
    // True when nothing follows `node` inside `container` (the caret ends the text).
    const endsInside = (node: Node, container: Node) => {
      for (let at: Node | null = node; at && at !== container; at = at.parentNode) {
        for (let next = at.nextSibling; next; next = next.nextSibling) if (next.textContent) return false
      }
      return true
    }
    let inList = 0
    for (const event of events) {
      act(() => store.dispatch(event))
      if (event.event !== 'thread.message.delta') continue
      const message = screen.getByRole('log').querySelector('.rl-message[data-state="in_progress"]')!
      const carets = message.querySelectorAll('.rl-caret')
      expect(carets).toHaveLength(1)
      const caret = carets[0]!
      expect(endsInside(caret, message)).toBe(true)
      expect(caret.closest('p, li, h3, h4, code')).not.toBeNull()
      const text = selectMessageText(selectMessages(store.getState()).at(-1)!)
      const lastLine = text.split('\n').findLast((line) => line.trim() !== '') ?? ''
      if (lastLine.startsWith('- ')) {
        // Also right after the item's newline, when the old caret fell below the list.
        const items = message.querySelectorAll('ul > li')
        expect(caret.parentElement).toBe(items[items.length - 1])
        inList++
      }
    }
    expect(inList).toBeGreaterThan(5)
    expect(document.querySelector('.rl-caret')).toBeNull()
  })

  it('renders citations as numbered chips naming the file, in place of the marker text', async () => {
    const state = await recordingState('openai-dotnet__file-search-citation__2025-10.sse')
    render(<RunTimeline run={state} />)
    const message = screen.getAllByRole('article')[1]!
    expect(message.textContent).not.toContain('【')
    const chip = message.querySelector('.rl-md .rl-cite')!
    expect(chip.getAttribute('data-type')).toBe('file_citation')
    expect(chip.textContent).toBe('1favorite_foods.txt')
    expect(within(message).getByRole('list', { name: 'Sources' }).textContent).toContain('favorite_foods.txt')
  })

  it('shows code interpreter input, logs and images', async () => {
    render(<RunTimeline run={await simulatedState('plot 2, 4, 6')} fileUrl={(id) => `/files/${id}`} />)
    const code = document.querySelector('.rl-tool--code')!
    expect(code.querySelector('code.language-python')?.textContent).toContain('import matplotlib')
    expect(code.querySelector('.rl-code--logs')?.textContent).toContain('plotted 3 values')
    expect(
      within(code as HTMLElement)
        .getByRole('img')
        .getAttribute('src'),
    ).toMatch(/^\/files\//)
  })

  it('shows file search results ranked by score, with name, score and snippet', async () => {
    render(<RunTimeline run={await simulatedState('search the docs file')} />)
    const results = screen.getByRole('list', { name: 'File search results' })
    const items = within(results).getAllByRole('listitem')
    const scores = items.map((item) =>
      Number(item.querySelector('.rl-result__score')!.textContent!.replace('score ', '')),
    )
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    expect(items[0]!.querySelector('.rl-result__name')?.textContent).toBe('runline-guide.md')
    expect(items[0]!.querySelector('.rl-result__snippet')?.textContent).toContain('Runline')
  })

  it('fills function arguments in live as deltas arrive, feeding the parser only new characters', async () => {
    const { events } = await simulatedEvents('weather in Paris and in Tokyo')
    const store = syncStore()
    const cache = createArgumentsCache()
    render(<RunTimeline run={store} argumentsCache={cache} />)
    const seen = new Set<string>()
    for (const event of events) {
      act(() => store.dispatch(event))
      if (event.event !== 'thread.run.step.delta') continue
      const pre = document.querySelector('.rl-tool--function pre')
      if (pre?.textContent) seen.add(pre.textContent)
    }
    // The first call's arguments went through several partial stages before being complete.
    const calls = [...document.querySelectorAll('.rl-tool--function')]
    expect(calls).toHaveLength(2)
    expect(calls[0]!.querySelector('pre')!.textContent).toBe('{\n  "location": "Paris"\n}')
    expect(calls[1]!.querySelector('pre')!.textContent).toBe('{\n  "location": "Tokyo"\n}')
    expect([...seen].some((text) => text.startsWith('{\n  "location": "P') && !text.endsWith('}'))).toBe(true)
    // Each argument character was fed exactly once, however many renders happened.
    const total = store
      .getState()
      .run!.required_action!.submit_tool_outputs.tool_calls.reduce(
        (n, call) => n + call.function.arguments.length,
        0,
      )
    expect(cache.charsFed).toBe(total)
    expect(calls.map((call) => call.getAttribute('data-state'))).toEqual(['waiting', 'waiting'])
  })

  it('uses a per-tool renderer by function name, with the parsed arguments and the output', async () => {
    const { events, submit } = await simulatedEvents('weather in Paris and in Tokyo')
    const first = fold(events)
    const outputs = first.run!.required_action!.submit_tool_outputs.tool_calls.map((call) => ({
      tool_call_id: call.id,
      output: '{"temperature": 21}',
    }))
    const state = fold(await submit(outputs), first)
    render(
      <RunTimeline
        run={state}
        toolRenderers={{
          get_weather: (_call, { args, output, state: callState }) => (
            <p data-testid="weather">
              {(args as { location: string }).location}: {output} ({callState})
            </p>
          ),
        }}
      />,
    )
    expect(screen.getAllByTestId('weather').map((p) => p.textContent)).toEqual([
      'Paris: {"temperature": 21} (answered)',
      'Tokyo: {"temperature": 21} (answered)',
    ])
  })
})

describe('RunTimeline: performance', () => {
  it('re-renders only the row whose item changed when a text delta arrives', async () => {
    const { events, submit } = await simulatedEvents('weather in Paris and in Tokyo')
    const first = fold(events)
    const continuation = await submit(
      first.run!.required_action!.submit_tool_outputs.tool_calls.map((call) => ({
        tool_call_id: call.id,
        output: 'mild',
      })),
    )
    const store = syncStore(first)
    const renders = new Map<string, number>()
    const weatherRenders = vi.fn(() => <span>weather</span>)
    // Module-stable renderItem, as the docs ask; counts renders per row.
    const renderItem = (item: TimelineItem) => {
      renders.set(item.id, (renders.get(item.id) ?? 0) + 1)
      return <RunTimeline.Step item={item} />
    }
    render(
      <RunTimeline.Root run={store} toolRenderers={{ get_weather: weatherRenders }}>
        <RunTimeline.Log renderItem={renderItem} />
      </RunTimeline.Root>,
    )
    const deltas = continuation.filter((e) => e.event === 'thread.message.delta')
    const before = continuation.slice(0, continuation.indexOf(deltas[0]!) + 1)
    for (const event of before) act(() => store.dispatch(event))
    const ids = [...renders.keys()]
    expect(ids).toHaveLength(2)
    const [toolRow, messageRow] = ids as [string, string]
    const toolRenders = renders.get(toolRow)
    const weatherCalls = weatherRenders.mock.calls.length
    const messageRenders = renders.get(messageRow)!
    for (const event of deltas.slice(1, 11)) act(() => store.dispatch(event))
    expect(renders.get(messageRow)).toBe(messageRenders + 10)
    expect(renders.get(toolRow)).toBe(toolRenders)
    expect(weatherRenders.mock.calls.length).toBe(weatherCalls)
  })

  it('follows the newest text from ResizeObserver callbacks, never reading layout on a streamed commit', async () => {
    // A minimal stand-in for the browser's ResizeObserver: the test decides when layout "happened".
    type Entry = { target: Element; borderBoxSize: Array<{ blockSize: number }> }
    const observers: Array<{ callback: (entries: Entry[]) => void; targets: Set<Element> }> = []
    class TestResizeObserver {
      targets = new Set<Element>()
      constructor(public callback: (entries: Entry[]) => void) {
        observers.push(this)
      }
      observe(target: Element) {
        this.targets.add(target)
      }
      unobserve(target: Element) {
        this.targets.delete(target)
      }
      disconnect() {
        this.targets.clear()
      }
    }
    vi.stubGlobal('ResizeObserver', TestResizeObserver)
    try {
      const { events } = await simulatedEvents('a long answer')
      const store = syncStore()
      render(<RunTimeline run={store} />)
      const log = screen.getByRole('log')
      let layoutReads = 0
      let contentHeight = 600
      Object.defineProperty(log, 'scrollHeight', {
        get: () => {
          layoutReads++
          return contentHeight
        },
      })
      Object.defineProperty(log, 'clientHeight', { get: () => 600 })
      const layoutHappened = () => {
        for (const observer of observers) {
          const entries = [...observer.targets].map((target) => ({
            target,
            borderBoxSize: [{ blockSize: contentHeight }],
          }))
          if (entries.length > 0) observer.callback(entries)
        }
      }
      const firstDelta = events.findIndex((event) => event.event === 'thread.message.delta')
      for (const event of events.slice(0, firstDelta + 200)) act(() => store.dispatch(event))
      expect(log.querySelector('.rl-message')?.textContent?.length).toBeGreaterThan(500)
      // 200 streamed commits, not one layout read.
      expect(layoutReads).toBe(0)

      // After layout, the rows' observer fires: the log scrolls to its new bottom.
      contentHeight = 5000
      layoutHappened()
      expect(log.scrollTop).toBe(4400)

      // The reader scrolls up: growth no longer moves them.
      log.scrollTop = 1000
      fireEvent.scroll(log)
      contentHeight = 6000
      layoutHappened()
      expect(log.scrollTop).toBe(1000)

      // Back at the bottom: following again.
      log.scrollTop = 5400
      fireEvent.scroll(log)
      contentHeight = 7000
      layoutHappened()
      expect(log.scrollTop).toBe(6400)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('styles rows from their own data-state: no :has() selector that every text mutation would re-check', async () => {
    const css = readFileSync(resolve(process.cwd(), 'packages/components/src/styles.css'), 'utf8')
    expect(css.replace(/\/\*[\s\S]*?\*\//g, '')).not.toContain(':has(')
    render(<RunTimeline run={await simulatedState('hello')} />)
    const rows = [...screen.getByRole('log').querySelectorAll('.rl-row')]
    expect(rows.map((row) => row.getAttribute('data-state'))).toEqual(
      rows.map((row) => row.querySelector('.rl-step')!.getAttribute('data-state')),
    )
  })

  it('windows a 1,000-step timeline: far fewer row nodes, spacers for the rest, scrolling moves the window', () => {
    render(<RunTimeline run={manyStepsState(1000)} />)
    const log = screen.getByRole('log')
    expect(log.hasAttribute('data-windowed')).toBe(true)
    const rows = log.querySelectorAll('.rl-row')
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.length).toBeLessThan(40)
    expect(within(log).getByText('Row number 0.')).toBeTruthy()
    const [top, bottom] = [...log.querySelectorAll<HTMLElement>('.rl-log__spacer')]
    expect(top!.style.height).toBe('0px')
    expect(Number.parseFloat(bottom!.style.height)).toBeGreaterThan(100_000)
    // Scroll to row ~500 (estimated 140 px per row).
    act(() => {
      log.scrollTop = 500 * 140
      fireEvent.scroll(log)
    })
    expect(within(log).queryByText('Row number 0.')).toBeNull()
    expect(within(log).getByText('Row number 500.')).toBeTruthy()
    expect(log.querySelectorAll('.rl-row').length).toBeLessThan(40)
  })
})

describe('RunTimeline.Root parts', () => {
  it('render one node each with data-state, spread props and forward refs', async () => {
    const state = await simulatedState('plot 2, 4, 6')
    const item = (await import('@runline/core')).selectTimeline(state)[0]!
    const ref = { current: null as HTMLElement | null }
    render(
      <RunTimeline.Root run={state} data-testid="root">
        <RunTimeline.Status data-testid="status" />
        <RunTimeline.Usage />
        <RunTimeline.Step item={item} ref={ref} data-testid="step" className="mine" />
      </RunTimeline.Root>,
    )
    expect(screen.getByTestId('root').getAttribute('data-status')).toBe('completed')
    expect(screen.getByTestId('status').getAttribute('data-status')).toBe('completed')
    const step = screen.getByTestId('step')
    expect(ref.current).toBe(step)
    expect(step.className).toContain('mine')
    expect(step.getAttribute('data-state')).toBe('completed')
    expect(step.getAttribute('data-kind')).toBe('code_interpreter')
    expect(screen.getByText('Total tokens')).toBeTruthy()
  })

  it('ToolCall, CodeInterpreter and FileSearch work alone from plain data', () => {
    render(
      <>
        <RunTimeline.ToolCall
          call={{
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"loc', output: null },
          }}
        />
        <RunTimeline.CodeInterpreter
          call={{
            id: 'call_2',
            type: 'code_interpreter',
            code_interpreter: { input: 'print(1)', outputs: [] },
          }}
          stepStatus="completed"
        />
        <RunTimeline.FileSearch
          call={{
            id: 'call_3',
            type: 'file_search',
            file_search: {
              results: [
                { file_id: 'f1', file_name: 'low.md', score: 0.2 },
                { file_id: 'f2', file_name: 'high.md', score: 0.9 },
              ],
            },
          }}
          stepStatus="completed"
        />
      </>,
    )
    const fn = document.querySelector('.rl-tool--function')!
    expect(fn.getAttribute('data-state')).toBe('streaming')
    expect(fn.querySelector('pre')!.textContent).toBe('{\n  "loc')
    expect([...document.querySelectorAll('.rl-result__name')].map((n) => n.textContent)).toEqual([
      'high.md',
      'low.md',
    ])
  })
})

// The hooks' handle is a valid `run` source (checked by the type checker).
export const handleIsRunSource: (handle: RunHandle) => RunSource = (handle) => handle

describe('RunTimeline: objects of unexpected shapes', () => {
  // What a compatible server, a cut stream or a bug may leave in the state: the reducer stores objects
  // as sent. Each variant is a created message, step and run.
  const messages: unknown[] = [
    { id: 'm' },
    { id: 'm', content: 'x', created_at: 'x', role: 5, attachments: 'x' },
    {
      id: 'm',
      role: 'assistant',
      content: [
        null,
        { type: 'text' },
        { type: 'text', text: null },
        { type: 'text', text: { value: 5, annotations: 'x' } },
        { type: 'text', text: { value: 'a【1†b】', annotations: [null, { type: 'file_citation' }] } },
        { type: 'image_file', image_file: null },
        { type: 'image_url', image_url: { url: 5 } },
        { type: 'refusal', refusal: 5 },
        { type: 'unknown' },
      ],
    },
  ]
  const steps: unknown[] = [
    { id: 's', step_details: null, status: 'unknown' },
    {
      id: 's',
      type: 'tool_calls',
      created_at: 'x',
      usage: { total_tokens: 'x' },
      step_details: {
        type: 'tool_calls',
        tool_calls: [
          null,
          {},
          { type: 'function', function: null },
          { id: 'c', type: 'function', function: { name: 5, arguments: { a: 1 }, output: 5 } },
          {
            type: 'code_interpreter',
            code_interpreter: { input: 5, outputs: [null, { type: 'logs', logs: 5 }] },
          },
          {
            type: 'file_search',
            file_search: { results: [null, { file_id: 5, score: 'x', content: [null] }] },
          },
        ],
      },
    },
    {
      id: 's',
      step_details: { type: 'message_creation', message_creation: { message_id: 'm' } },
      last_error: {},
    },
  ]
  const runs: unknown[] = [
    {
      id: 'r',
      status: 'requires_action',
      required_action: {
        submit_tool_outputs: {
          tool_calls: [null, {}, { id: 'c', type: 'function', function: { name: 5, arguments: '{bad' } }],
        },
      },
    },
    { id: 'r', status: 'failed', last_error: {}, usage: { total_tokens: 'x' }, created_at: 'x' },
  ]
  const stateOf = (message: unknown, step: unknown, run: unknown) =>
    fold([
      { event: 'thread.run.created', data: run },
      { event: 'thread.run.step.created', data: step },
      { event: 'thread.message.created', data: message },
    ] as unknown as AssistantStreamEvent[])

  it('renders every row of them itself, without falling back', () => {
    for (const message of messages)
      for (const step of steps)
        for (const run of runs) {
          const { container, unmount } = render(<RunTimeline run={stateOf(message, step, run)} />)
          const label = JSON.stringify([message, step, run])
          expect(screen.getByRole('log'), label).toBeTruthy()
          expect(container.querySelector('[data-kind="unrenderable"]'), label).toBeNull()
          unmount()
        }
  })

  it('a row that still throws says so, and the other rows and the next version of that row render', async () => {
    const state = manyStepsState(3)
    const items = (await import('@runline/core')).selectTimeline(state)
    expect(items).toHaveLength(3)
    const broken = items[1]!
    const renderItem = (item: TimelineItem) => {
      if (item === broken) throw new Error('boom')
      return <RunTimeline.Step item={item} />
    }
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { container, rerender } = render(
      <RunTimeline.Root run={state}>
        <RunTimeline.Log items={items} renderItem={renderItem} />
      </RunTimeline.Root>,
    )
    quiet.mockRestore()
    const fallback = container.querySelector('[data-kind="unrenderable"]')
    expect(fallback?.textContent).toBe('This step could not be shown: boom')
    expect(fallback?.getAttribute('data-state')).toBe('error')
    expect(container.querySelectorAll('article.rl-step')).toHaveLength(items.length)
    // The row's next version (a delta gives it a new item object) renders again.
    rerender(
      <RunTimeline.Root run={state}>
        <RunTimeline.Log
          items={items.map((item) => (item === broken ? { ...item } : item))}
          renderItem={renderItem}
        />
      </RunTimeline.Root>,
    )
    expect(container.querySelector('[data-kind="unrenderable"]')).toBeNull()
    expect(container.querySelectorAll('article.rl-step')).toHaveLength(items.length)
  })
})
