import { RunThread } from '@runline/components'
import { RunlineProvider } from '@runline/hooks'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { responsesSession, type ThreadSession, threadSession } from './thread/session.js'
import './thread/thread.css'

/** Props of {@link ThreadView}. */
interface ThreadViewProps {
  session: ThreadSession
  /** Messages per history page. */
  pageSize?: number
}

/** `<RunThread>` as an app drops it in, on the in-page simulator, in a frame of a chat window's height. */
function ThreadView({ session, pageSize }: ThreadViewProps) {
  return (
    <RunlineProvider client={session.client}>
      <div className="rl-thread-frame">
        <RunThread assistantId="asst_runline_demo" threadId={session.threadId} pageSize={pageSize} />
      </div>
    </RunlineProvider>
  )
}

/**
 * The whole conversation: history from the server (each past run with its steps), the message you
 * send (shown at once), the live run, and the composer. Every story runs against the simulator in
 * the page; the ones that send type into "Message" and press Enter, as a person does.
 */
const meta = {
  title: 'Thread/RunThread',
  render: (_args, { loaded }) => <ThreadView {...(loaded as ThreadViewProps)} />,
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const session = (turns: number, pageSize?: number) => async () => ({
  session: await threadSession({ turns }),
  pageSize,
})
const dark = { globals: { theme: 'dark' } }

const conversation = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('region', { name: 'Conversation' })

/** Waits until the live run's status (not an earlier run's) reads `words`. */
async function expectLiveStatus(canvasElement: HTMLElement, words: string, timeout = 8000) {
  await waitFor(
    () => {
      const live = within(canvasElement).getByRole('region', { name: 'Current run' })
      expect(within(live).getAllByRole('status')[0]).toHaveTextContent(new RegExp(`^${words}$`))
    },
    { timeout },
  )
}

/** Sends `text` with the keyboard and waits for the live run to show. */
async function send(canvasElement: HTMLElement, text: string) {
  const box = within(canvasElement).getByRole('textbox', { name: 'Message' })
  await userEvent.type(box, text)
  await userEvent.keyboard('{Enter}')
  await waitFor(() =>
    expect(within(canvasElement).getByRole('region', { name: 'Current run' })).toBeVisible(),
  )
}

/** No thread yet: the first Send creates one. */
export const Empty: Story = {
  loaders: [session(0)],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await expect(canvas.getByText('No messages yet')).toBeVisible()
    await expect(canvas.getByRole('textbox', { name: 'Message' })).toBeEnabled()
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled()
  },
}

export const EmptyDark: Story = { ...Empty, ...dark }

/**
 * 60 earlier turns (120 messages), 40 messages a page: "Load earlier messages" fetches more, and only
 * the rows near the viewport are drawn.
 */
export const LongThread: Story = {
  loaders: [session(60, 40)],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const earlier = await canvas.findByRole('button', { name: 'Load earlier messages' }, { timeout: 8000 })
    await waitFor(() => expect(conversation(canvasElement)).toHaveAttribute('data-windowed'))
    // It opened at the newest message.
    const view = conversation(canvasElement)
    await waitFor(() => expect(view.scrollHeight - view.scrollTop - view.clientHeight).toBeLessThan(48))
    const drawn = view.querySelectorAll('.rl-thread__row').length
    await expect(drawn).toBeLessThan(40)
    await userEvent.click(earlier)
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Load earlier messages' })).toBeEnabled())
    // Back to the newest, for the picture.
    view.scrollTop = view.scrollHeight
  },
}

export const LongThreadDark: Story = { ...LongThread, ...dark }

/**
 * A run streaming below two earlier turns: the message shows at once, the view follows the answer
 * while you are at the bottom and stays where you are when you scroll up.
 */
export const LiveRun: Story = {
  loaders: [session(2)],
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    await waitFor(
      () => expect(canvas.getAllByRole('region', { name: /^Earlier run \d+$/ })).toHaveLength(2),
      {
        timeout: 8000,
      },
    )
    await send(canvasElement, 'Tell me how the thread follows a streaming answer')
    await expectLiveStatus(canvasElement, 'In progress')
    const view = conversation(canvasElement)
    const live = canvas.getByRole('region', { name: 'Current run' })
    await waitFor(() => expect(within(live).getByRole('log').textContent?.length ?? 0).toBeGreaterThan(120))
    await step('It follows the answer', async () => {
      await waitFor(() => expect(view.scrollHeight - view.scrollTop - view.clientHeight).toBeLessThan(48))
    })
    await step('It stays where the reader scrolled to', async () => {
      view.dispatchEvent(new WheelEvent('wheel', { deltaY: -2000, bubbles: true }))
      view.scrollTop = 40
      const height = view.scrollHeight
      await waitFor(() => expect(view.scrollHeight).toBeGreaterThan(height + 40))
      await expect(view.scrollTop).toBe(40)
    })
    await expectLiveStatus(canvasElement, 'Completed', 15_000)
    const bubbles = [...view.querySelectorAll('.rl-thread__bubble')].map((bubble) => bubble.textContent)
    await expect(
      bubbles.filter((text) => text === 'Tell me how the thread follows a streaming answer'),
    ).toHaveLength(1)
    view.scrollTop = view.scrollHeight
  },
}

export const LiveRunDark: Story = { ...LiveRun, ...dark }

/** The live run asks for `get_weather` outputs: the form is in the thread, the composer says why it waits. */
export const WaitingForToolOutputs: Story = {
  loaders: [session(1)],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await canvas.findByRole('region', { name: /^Earlier run \d+$/ }, { timeout: 8000 })
    await send(canvasElement, 'What is the weather in Paris and in Tokyo?')
    await expectLiveStatus(canvasElement, 'Requires action')
    await expect(canvas.getByRole('button', { name: 'Submit tool outputs' })).toBeVisible()
    await expect(canvas.getAllByRole('textbox', { name: 'Output for get_weather' })).toHaveLength(2)
    await expect(canvas.getByRole('textbox', { name: 'Message' })).toBeDisabled()
    await expect(canvas.getByText(/waiting for tool outputs/)).toBeVisible()
  },
}

export const WaitingForToolOutputsDark: Story = { ...WaitingForToolOutputs, ...dark }

/** Answers `get_weather` in the page: the Responses turn's next response carries the output. */
const weatherTools = {
  get_weather: ({ location }: { location?: string }) =>
    JSON.stringify({ location, temperature: 21, unit: 'c', sky: 'sunny' }),
}

/** `<RunThread wire="responses">` on the in-page simulator's Responses face: the thread is a conversation. */
function ResponsesThreadView({ session }: { session: ThreadSession }) {
  return (
    <RunlineProvider client={session.client}>
      <div className="rl-thread-frame">
        <RunThread
          wire="responses"
          model="runline-sim"
          threadId={session.threadId}
          runOptions={{ tools: weatherTools }}
        />
      </div>
    </RunlineProvider>
  )
}

/**
 * The same conversation on the Responses wire (OpenAI Responses + Conversations): two earlier turns
 * read from the conversation's items (the weather turn's call with the output its next response
 * was sent), then a weather question a tool handler in the page answers, and an MCP call approved
 * from the form. The history after each turn shows it once.
 */
export const ResponsesWire: Story = {
  loaders: [async () => ({ session: await responsesSession({ turns: 2 }) })],
  render: (_args, { loaded }) => (
    <ResponsesThreadView session={(loaded as { session: ThreadSession }).session} />
  ),
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    await waitFor(
      () => expect(canvas.getAllByRole('region', { name: /^Earlier run \d+$/ })).toHaveLength(2),
      { timeout: 8000 },
    )
    const [, lisbon] = canvas.getAllByRole('region', { name: /^Earlier run \d+$/ })
    await expect(lisbon!.querySelector('.rl-tool--function[data-name="get_weather"]')).toHaveAttribute(
      'data-state',
      'answered',
    )
    await step('A weather question, answered by the tool handler', async () => {
      await send(canvasElement, 'What is the weather in Paris?')
      await expectLiveStatus(canvasElement, 'Completed', 15_000)
      const live = canvas.getByRole('region', { name: 'Current run' })
      await expect(within(live).getByRole('log')).toHaveTextContent(/sunny/)
    })
    await step('An MCP call, approved from the form', async () => {
      await waitFor(() => expect(canvas.getByRole('textbox', { name: 'Message' })).toBeEnabled())
      await send(canvasElement, 'Search the docs over mcp, with approval')
      await waitFor(() =>
        expect(canvas.getAllByRole('region', { name: /^Earlier run \d+$/ })).toHaveLength(3),
      )
      await expectLiveStatus(canvasElement, 'Requires action')
      await userEvent.click(canvas.getByRole('button', { name: 'Approve search_docs' }))
      await expectLiveStatus(canvasElement, 'Completed', 15_000)
    })
    const view = conversation(canvasElement)
    const bubbles = [...view.querySelectorAll('.rl-thread__bubble')].map((bubble) => bubble.textContent)
    await expect(bubbles).toEqual([
      'How does Runline stream a turn?',
      'What is the weather in Lisbon?',
      'What is the weather in Paris?',
      'Search the docs over mcp, with approval',
    ])
    // The weather turn, now in the history, shows its call once.
    await expect(view.querySelectorAll('.rl-tool--function[data-name="get_weather"]')).toHaveLength(2)
    view.scrollTop = view.scrollHeight
  },
}

export const ResponsesWireDark: Story = { ...ResponsesWire, ...dark }
