/** @jsxRuntime automatic @jsxImportSource react */
/**
 * Renders the main compositions to static HTML (react-dom/server) with styles.css inlined, in light
 * and dark, and screenshots them in headless Chromium. A little over ~350 lines: one page per
 * composition, kept in one script so every screenshot is made the same way. Run from the repository root:
 *
 *   node --import tsx packages/components/scripts/screenshot.tsx [outDir]
 *
 * PNGs land in /tmp/runline-shots/ (or outDir). No network: images are data URLs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  type AssistantStreamEvent,
  type Run,
  type RunState,
  selectMessages,
  selectMessageText,
} from '@runline/core'
import { renderBarChartPng } from '@runline/simulator'
import { chromium } from 'playwright-core'
import type { ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { chromiumLaunchOptions } from '../../../vitest.config.js'
import {
  APPROVAL_CALLS,
  approvalContinuationEvents,
  approvalRequestEvents,
  FOUNDRY_IDS,
  messageEvents,
  runEvent,
  SAMPLE_CALLS,
  toolCallStepEvents,
  urlCitation,
} from '../../core/src/test-utils/foundry.js'
import {
  type RunHandleLike,
  RunList,
  RunStatusBadge,
  RunTimeline,
  RunUsage,
  ToolApprovalForm,
  ToolCallForm,
} from '../src/index.js'
import { generateRunStream } from '../src/test-utils/generated.js'
import {
  eventsOf,
  fold,
  recordingState,
  simulatedEvents,
  simulatedState,
  syncStore,
} from '../src/test-utils/states.js'

const outDir = resolve(process.argv[2] ?? '/tmp/runline-shots')
const css = readFileSync(new URL('../src/styles.css', import.meta.url), 'utf8')
const chart = `data:image/png;base64,${Buffer.from(renderBarChartPng([2, 4, 6, 3, 5])).toString('base64')}`
const fileUrl = () => chart

/** Cuts a run's events after `fraction` of its message deltas: a state caught mid-stream. */
function midStream(events: AssistantStreamEvent[], fraction: number): RunState {
  const deltas = events.filter((e) => e.event === 'thread.message.delta').length
  let seen = 0
  const cut: AssistantStreamEvent[] = []
  for (const event of events) {
    if (event.event === 'thread.message.delta' && ++seen > deltas * fraction) break
    cut.push(event)
  }
  return fold(cut)
}

/** Cuts after `count` step deltas (function arguments half written). */
function midArguments(events: AssistantStreamEvent[], count: number): RunState {
  let seen = 0
  const cut: AssistantStreamEvent[] = []
  for (const event of events) {
    if (event.event === 'thread.run.step.delta' && ++seen > count) break
    cut.push(event)
  }
  return fold(cut)
}

/** The state at the last message delta after which the message's text matches `test`. */
function lastStateWhere(events: AssistantStreamEvent[], test: (text: string) => boolean): RunState {
  let state = fold([])
  let found = state
  for (const event of events) {
    state = fold([event], state)
    if (event.event !== 'thread.message.delta') continue
    const message = selectMessages(state).at(-1)
    if (message && test(selectMessageText(message))) found = state
  }
  return found
}

/** A run whose message step ended before its message was created (its message events left out). */
function withoutMessages(events: AssistantStreamEvent[]): RunState {
  return fold(events.filter((event) => !event.event.startsWith('thread.message.')))
}

function handle(state: RunState, extra: Partial<RunHandleLike> = {}): RunHandleLike {
  return { store: syncStore(state), cancel: () => {}, submitToolOutputs: () => {}, ...extra }
}

function Section({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  return (
    <section className={wide ? 'shot wide' : 'shot'}>
      <p className="shot__title">{title}</p>
      {children}
    </section>
  )
}

async function compositions(): Promise<Array<{ name: string; node: ReactNode }>> {
  const hello = await simulatedEvents('hello')
  const weather = await simulatedEvents('weather in Paris and in Tokyo')
  const weatherDone = weather.events.concat(
    await weather.submit(
      (fold(weather.events).run?.required_action?.submit_tool_outputs.tool_calls ?? []).map((call) => ({
        tool_call_id: call.id,
        output: JSON.stringify({
          temperature: call.function.arguments.includes('Paris') ? 18 : 24,
          unit: 'c',
        }),
      })),
    ),
  )
  const weatherState = fold(weather.events)
  const calls = weatherState.run?.required_action?.submit_tool_outputs.tool_calls ?? []
  const allHandled = Object.fromEntries(calls.map((call) => [call.id, '{"temperature": 18, "unit": "c"}']))
  const failEvents = (await simulatedEvents('fail')).events
  const plot = await simulatedState('plot 2, 4, 6, 3, 5')
  const search = await simulatedState('search the docs file for streaming')
  const failed = await simulatedState('fail')
  const incomplete = await simulatedState('incomplete')
  const citations = await recordingState('openai-dotnet__file-search-citation__2025-10.sse')
  const generated = fold(await eventsOf(generateRunStream(7, { terminal: 'completed' }).sse))
  const runs = [weatherState, plot, search, failed, incomplete, citations]
    .map((state) => state.run)
    .filter((run): run is Run => !!run)
    .map((run, i) => ({ ...run, id: `${run.id.slice(0, 14)}${i}`, created_at: run.created_at - i * 600 }))

  const overview = (
    <div className="grid">
      <Section title="Streaming — markdown fills in, caret at the end">
        <RunTimeline run={handle(midStream(hello.events, 0.7))} fileUrl={fileUrl} />
      </Section>
      <Section title="Completed — code interpreter with logs and image">
        <RunTimeline run={plot} fileUrl={fileUrl} />
      </Section>
      <Section title="File search — ranked results, citations">
        <RunTimeline run={citations} fileUrl={fileUrl} />
      </Section>
      <Section title="Generated — parts, citations, file paths">
        <RunTimeline run={generated} fileUrl={fileUrl} />
      </Section>
    </div>
  )
  const action = (
    <div className="grid">
      <Section title="Arguments streaming in (partial JSON)">
        <RunTimeline run={handle(midArguments(weather.events, 9))} fileUrl={fileUrl} />
      </Section>
      <Section title="Requires action — one output handled by the app">
        <RunTimeline
          run={handle(weatherState, {
            handledToolCalls: calls[1] ? { [calls[1].id]: '{"temperature": 24, "unit": "c"}' } : {},
          })}
          fileUrl={fileUrl}
        />
      </Section>
      <Section title="Tool-output form — JSON validation and schema">
        <ToolCallForm
          calls={calls}
          onSubmit={() => {}}
          outputSchemas={{ get_weather: { type: 'object', required: ['temperature'] } }}
        />
      </Section>
      <Section title="Submit enabled — every output given (handled by the app)">
        <ToolCallForm calls={calls} handled={allHandled} onSubmit={() => {}} />
      </Section>
      <Section title="After submit — outputs shown, run completed">
        <RunTimeline run={fold(weatherDone)} fileUrl={fileUrl} />
      </Section>
    </div>
  )
  const states = (
    <div className="grid">
      <Section title="Failed — last_error as an alert">
        <RunTimeline run={failed} />
      </Section>
      <Section title="Incomplete — incomplete_details as an alert">
        <RunTimeline run={incomplete} />
      </Section>
      <Section title="Streaming — caret after a list item's newline stays in the item">
        <RunTimeline
          run={handle(lastStateWhere(hello.events, (text) => text.trimEnd().endsWith('a time')))}
          fileUrl={fileUrl}
        />
      </Section>
      <Section title="Message step failed before its message was created">
        <RunTimeline run={withoutMessages(failEvents)} />
      </Section>
      <Section title="File search with content snippets">
        <RunTimeline run={search} />
      </Section>
      <Section title="Badges, usage and the run list">
        <div className="stack">
          <div className="row">
            {(
              [
                'queued',
                'in_progress',
                'requires_action',
                'cancelling',
                'cancelled',
                'failed',
                'completed',
                'incomplete',
                'expired',
                'connecting',
                'error',
              ] as const
            ).map((status) => (
              <RunStatusBadge key={status} status={status} />
            ))}
          </div>
          <RunUsage usage={{ prompt_tokens: 2028, completion_tokens: 40, total_tokens: 2068 }} />
          <RunList
            runs={runs}
            hasMore
            onLoadMore={() => {}}
            onSelectRun={() => {}}
            selectedRunId={runs[1]?.id}
          />
        </div>
      </Section>
    </div>
  )
  return [
    { name: 'foundry', node: foundry() },
    { name: 'overview', node: overview },
    { name: 'required-action', node: action },
    { name: 'states', node: states },
  ]
}

/** Foundry classic agents: approvals, every Azure tool card, url citations, a guardrail stop. */
function foundry(): ReactNode {
  const ids = { ...FOUNDRY_IDS, expiresAt: Math.floor(Date.now() / 1000) + 9 * 60 + 41 }
  const waiting = fold(approvalRequestEvents(APPROVAL_CALLS, ids))
  const answered = fold(
    approvalContinuationEvents(
      [
        { tool_call_id: APPROVAL_CALLS[0]!.id, approve: true },
        { tool_call_id: APPROVAL_CALLS[1]!.id, approve: false },
      ],
      APPROVAL_CALLS,
      ids,
    ),
    waiting,
  )
  const text =
    'Runline folds every Foundry event into one run model【3:0†source】 and waits for a person【3:1†source】.'
  const tools = (calls: readonly unknown[]) =>
    fold([
      runEvent('in_progress'),
      ...calls.flatMap((call, i) => toolCallStepEvents(`step_${i}`, [call])),
      runEvent('completed'),
    ])
  const { mcp, openapi, azure_function, connected_agent, browser_automation, ...search } = SAMPLE_CALLS
  const cited = fold([
    runEvent('in_progress'),
    ...toolCallStepEvents('step_bing', [SAMPLE_CALLS.bing_grounding]),
    ...messageEvents('msg_1', text, FOUNDRY_IDS, [
      urlCitation(
        text,
        '【3:0†source】',
        'https://runline.example.com/docs/core',
        'Runline core: the run model',
      ),
      urlCitation(text, '【3:1†source】', 'https://learn.microsoft.com/azure/ai-foundry/agents'),
    ]),
    runEvent('completed'),
  ])
  return (
    <div className="grid">
      <Section title="Approval required — MCP tools listed, two calls, countdown">
        <RunTimeline run={handle(waiting, { submitToolApprovals: () => {} })} />
      </Section>
      <Section title="Approval form — one decided by the app's rule">
        <ToolApprovalForm
          calls={APPROVAL_CALLS}
          handled={{ [APPROVAL_CALLS[0]!.id]: true }}
          expiresAt={ids.expiresAt}
          onSubmit={() => {}}
        />
      </Section>
      <Section title="Approved and denied — the MCP calls ran">
        <RunTimeline run={answered} />
      </Section>
      <Section title="Bing grounding — query, facts, url citation chips and sources">
        <RunTimeline run={cited} />
      </Section>
      <Section title="Action tools — MCP, OpenAPI, Azure Function, connected agent, browser">
        <RunTimeline run={tools([mcp, openapi, azure_function, connected_agent, browser_automation])} />
      </Section>
      <Section title="Search tools — Bing custom, Azure AI Search, SharePoint, Fabric, deep research">
        <RunTimeline run={tools(Object.values(search).filter((call) => call.type !== 'bing_grounding'))} />
      </Section>
      <Section title="Stopped by a guardrail — incomplete without details">
        <RunTimeline run={fold([runEvent('in_progress'), runEvent('incomplete')])} />
      </Section>
    </div>
  )
}

const PAGE_CSS = `
  body { margin: 0; padding: 28px; background: var(--_rl-surface-2); font-family: var(--_rl-font); color: var(--_rl-text); }
  .grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 28px; align-items: start; }
  .shot__title { margin: 0 0 10px; font-size: 13px; font-weight: 600; color: var(--_rl-text-muted); }
  .stack { display: flex; flex-direction: column; gap: 18px; }
  .row { display: flex; flex-wrap: wrap; gap: 8px; }
  .rl-timeline { --rl-log-max-height: none; }
`

function page(node: ReactNode, theme: 'light' | 'dark'): string {
  return `<!doctype html><html lang="en" data-theme="${theme}"><head><meta charset="utf-8"><title>Runline ${theme}</title>
<style>${css}</style><style>${PAGE_CSS}</style></head><body class="rl-theme">${renderToStaticMarkup(node)}</body></html>`
}

async function main() {
  mkdirSync(outDir, { recursive: true })
  const browser = await chromium.launch(chromiumLaunchOptions)
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 })
    // Nothing leaves the machine: every request but the page's own data is refused.
    await context.route(/^(?!data:)/, (route) => route.abort())
    const browserPage = await context.newPage()
    for (const { name, node } of await compositions()) {
      for (const theme of ['light', 'dark'] as const) {
        const html = page(node, theme)
        writeFileSync(resolve(outDir, `${name}-${theme}.html`), html)
        await browserPage.setContent(html, { waitUntil: 'load' })
        await browserPage.emulateMedia({ reducedMotion: 'reduce', colorScheme: theme })
        const file = resolve(outDir, `${name}-${theme}.png`)
        await browserPage.screenshot({ path: file, fullPage: true })
        console.log(file)
      }
    }
  } finally {
    await browser.close()
  }
}

await main()
