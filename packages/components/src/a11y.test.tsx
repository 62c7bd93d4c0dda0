import { cleanup, render } from '@testing-library/react'
import axe from 'axe-core'
import type { ReactNode } from 'react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  approvalRequestEvents,
  messageEvents,
  runEvent,
  SAMPLE_CALLS,
  toolCallStepEvents,
  urlCitation,
} from '../../core/src/test-utils/foundry.js'
import {
  preloadRunTimelineParts,
  RequiredAction,
  RunList,
  RunStatusBadge,
  RunTimeline,
  RunUsage,
} from './index.js'
import { fold, manyStepsState, recordingState, simulatedState, syncStore } from './test-utils/states.js'

afterEach(cleanup)
// axe checks every part drawn whole: the parts loaded on demand are loaded first.
beforeAll(preloadRunTimelineParts)

// jsdom has no layout, so colour contrast cannot be computed here (Storybook checks it in Chromium).
async function violations(node: ReactNode) {
  const { container } = render(<main>{node}</main>)
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } })
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

describe('axe finds no violations', () => {
  const prompts = [
    'hello',
    'weather in Paris and in Tokyo',
    'plot 2, 4, 6',
    'search the docs file',
    'fail',
    'incomplete',
  ]
  for (const prompt of prompts) {
    it(`RunTimeline: ${prompt}`, async () => {
      const state = await simulatedState(prompt)
      const handle = { store: syncStore(state), cancel: () => {}, submitToolOutputs: () => {} }
      expect(await violations(<RunTimeline run={handle} />)).toEqual([])
    })
  }

  it('RunTimeline: a real recording with citations, and a windowed 1,000-step run', async () => {
    const state = await recordingState('openai-dotnet__file-search-citation__2025-10.sse')
    expect(await violations(<RunTimeline run={state} />)).toEqual([])
    cleanup()
    expect(await violations(<RunTimeline run={manyStepsState(1000)} />)).toEqual([])
  })

  it('RequiredAction with a handled call, badges, usage and the run list', async () => {
    const state = await simulatedState('weather in Paris and in Tokyo')
    const calls = state.run!.required_action!.submit_tool_outputs.tool_calls
    expect(
      await violations(
        <>
          <RequiredAction
            run={{
              store: syncStore(state),
              submitToolOutputs: () => {},
              handledToolCalls: { [calls[0]!.id]: 'mild' },
            }}
          />
          <RunStatusBadge status="completed" />
          <RunStatusBadge run={state} />
          <RunUsage usage={{ prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 }} />
          <RunList runs={[state.run!]} hasMore onLoadMore={() => {}} onSelectRun={() => {}} />
        </>,
      ),
    ).toEqual([])
  })

  it('Foundry: the approval form with the MCP tool list, every tool card, url citations', async () => {
    const waiting = fold(approvalRequestEvents())
    const handle = { store: syncStore(waiting), cancel: () => {}, submitToolApprovals: () => {} }
    expect(await violations(<RunTimeline run={handle} />)).toEqual([])
    cleanup()
    const text = 'Runline streams runs【3:0†source】.'
    const tools = fold([
      runEvent('in_progress'),
      ...toolCallStepEvents('step_tools', Object.values(SAMPLE_CALLS)),
      ...messageEvents('msg_1', text, undefined, [
        urlCitation(text, '【3:0†source】', 'https://runline.example.com'),
      ]),
      runEvent('completed'),
    ])
    expect(await violations(<RunTimeline run={tools} />)).toEqual([])
  })
})
