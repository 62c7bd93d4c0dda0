import { RunTimeline } from '@runline/components'
import {
  initialRunState,
  type RunState,
  type RunStreamEvent,
  reduceRun,
  type TimelineItem,
} from '@runline/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, within } from 'storybook/test'
import { REC, SOURCES } from './replay/catalog.js'
import { LiveRunView } from './replay/LiveRunView.js'
import { expectRunStatus, replayStory } from './replay/story.js'

/** How each kind of failure reads: run failures, ended-early runs, stream errors and HTTP errors. */
const meta = {
  title: 'Runs/Errors',
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const alertOf = (canvasElement: HTMLElement) => within(canvasElement).getByRole('alert')

/** `thread.run.failed` with `last_error` (simulator `fail` scenario): the open message is cut. */
export const Failed: Story = replayStory(SOURCES.fail, {
  status: 'Failed',
  play: async ({ canvasElement }) => {
    await expect(alertOf(canvasElement)).toHaveTextContent('Sorry, something went wrong.')
  },
})

/** A real `max_completion_tokens` stop: the message is `incomplete` and so is the run. */
export const Incomplete: Story = replayStory(
  { recordings: [REC.incomplete] },
  {
    status: 'Incomplete',
    play: async ({ canvasElement }) => {
      await expect(alertOf(canvasElement)).toHaveTextContent(/ended early/)
    },
  },
)

/** The same stop on the v1 API: the run says `completed` but carries `incomplete_details`. */
export const IncompleteV1: Story = replayStory({ recordings: [REC.incompleteV1] }, { status: 'Completed' })

/** A run that passed its `expires_at` (simulator `expire` scenario). */
export const Expired: Story = replayStory(SOURCES.expire, { status: 'Expired' })

/** `event: error` mid-message (the real, upstream-spliced simple-openai stream): no terminal event follows. */
export const StreamError: Story = replayStory(
  { recordings: [REC.streamError] },
  {
    status: 'Stream error',
    play: async ({ canvasElement }) => {
      await expect(alertOf(canvasElement)).toHaveTextContent(
        /The server had an error processing your request/,
      )
    },
  },
)

/**
 * A 403 from the proxy: a real `@runline/proxy` in the page whose `authorize` hook refuses, in front
 * of the simulator. The client's error reaches the store as `runline.error`.
 */
export const ProxyForbidden: StoryObj<typeof LiveRunView> = {
  render: (args) => <LiveRunView {...args} />,
  args: { prompt: 'Hello', forbidden: true },
  play: async ({ canvasElement }) => {
    await expectRunStatus(canvasElement, 'Stream error')
    await expect(alertOf(canvasElement)).toHaveTextContent(/not allowed/i)
  },
}

// What a compatible backend or a cut stream can leave: objects missing fields or carrying the wrong
// types. The reducer stores them as sent; every part reads what it can.
const oddShapes = fold([
  {
    event: 'thread.run.created',
    data: { id: 'run_odd', status: 'in_progress', created_at: 'soon', usage: { total_tokens: 'many' } },
  },
  {
    event: 'thread.run.step.created',
    data: {
      id: 'step_tools',
      status: 'completed',
      created_at: 'x',
      step_details: {
        type: 'tool_calls',
        tool_calls: [
          null,
          {
            id: 'call_a',
            type: 'function',
            function: { name: 'lookup', arguments: { city: 'Paris' }, output: 42 },
          },
          {
            type: 'code_interpreter',
            code_interpreter: { input: 7, outputs: [null, { type: 'logs', logs: 3 }] },
          },
          {
            type: 'file_search',
            file_search: { results: [null, { file_id: 5, score: 'high', content: [null] }] },
          },
        ],
      },
    },
  },
  {
    event: 'thread.message.created',
    data: {
      id: 'msg_odd',
      role: 'assistant',
      status: 'completed',
      content: [
        null,
        { type: 'text', text: null },
        { type: 'text', text: { value: 'Text is still shown.', annotations: 'none' } },
        { type: 'image_url', image_url: { url: 'http://[' } },
        { type: 'refusal', refusal: 0 },
      ],
    },
  },
])

function fold(events: unknown[]) {
  return events.reduce<RunState>((state, event) => reduceRun(state, event as RunStreamEvent), initialRunState)
}

/** Objects of unexpected shapes: each part shows what it can read; nothing throws. */
export const OddShapes: Story = {
  render: () => (
    <div className="rl-frame">
      <RunTimeline run={oddShapes} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const log = within(canvasElement).getByRole('log')
    await expect(log).toHaveTextContent('Text is still shown.')
    await expect(log).toHaveTextContent('lookup')
    await expect(canvasElement.querySelector('[data-kind="unrenderable"]')).toBeNull()
  },
}

// Three finished message steps.
const threeRows = fold(
  [0, 1, 2].flatMap((i) => [
    {
      event: 'thread.run.step.completed',
      data: {
        id: `step_${i}`,
        type: 'message_creation',
        status: 'completed',
        created_at: 1_761_861_531 + i,
        step_details: { type: 'message_creation', message_creation: { message_id: `msg_${i}` } },
      },
    },
    {
      event: 'thread.message.completed',
      data: {
        id: `msg_${i}`,
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'text', text: { value: `Row number ${i}.`, annotations: [] } }],
      },
    },
  ]),
)

const throwOnSecondRow = (item: TimelineItem) => {
  if (item.id === 'step_1') throw new Error('this renderItem failed on purpose')
  return <RunTimeline.Step item={item} />
}

/** A row that throws while rendering (here a custom `renderItem`) says so; the other rows stay. */
export const UnrenderableRow: Story = {
  render: () => (
    <div className="rl-frame">
      <RunTimeline.Root run={threeRows}>
        <RunTimeline.Status />
        <RunTimeline.Log renderItem={throwOnSecondRow} />
      </RunTimeline.Root>
    </div>
  ),
  play: async ({ canvasElement }) => {
    const log = within(canvasElement).getByRole('log')
    await expect(log).toHaveTextContent('This step could not be shown: this renderItem failed on purpose')
    await expect(log.querySelectorAll('article')).toHaveLength(3)
  },
}
