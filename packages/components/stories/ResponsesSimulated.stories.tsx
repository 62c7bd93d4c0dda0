import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { ResponsesLive } from './replay/ResponsesLive.js'
import { RESPONSES_SIM } from './replay/responses-sim.js'
import { expectRunStatus, replayStory } from './replay/story.js'

/**
 * Responses-wire runs from the simulator's Responses face (model `runline-sim`), recorded in the page
 * (its SSE bytes decoded by core's parser and folded by its reducer) and replayed with the same
 * control as the real recordings (Recordings/Responses). A turn that waits on the client is followed
 * by its next response, with the answers as input items. The last story drives the face live.
 */
const meta = {
  title: 'Runs/Responses',
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const canvasOf = (element: HTMLElement) => within(element)
const dark = (story: Story): Story => ({ ...story, globals: { theme: 'dark' } })

/** Waits for the rows (`article`s) with this accessible name, e.g. "Web search". */
async function rowsNamed(canvasElement: HTMLElement, name: string): Promise<HTMLElement[]> {
  return canvasOf(canvasElement).findAllByRole('article', { name })
}

/** The message's "Sources" list (its citations) as the links' hrefs. */
async function citedHrefs(canvasElement: HTMLElement): Promise<string[]> {
  const [sources] = await canvasOf(canvasElement).findAllByRole('list', { name: 'Sources' })
  return within(sources!)
    .queryAllByRole('link')
    .map((link) => link.getAttribute('href') ?? '')
}

/** Text: a Markdown message streamed in small deltas. */
export const Text: Story = replayStory(RESPONSES_SIM.text, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const [message] = await rowsNamed(canvasElement, 'Message')
    await expect(
      within(message!).getByRole('heading', { name: 'How Runline streams a response' }),
    ).toBeVisible()
  },
})

/** The same, dark. */
export const TextDark: Story = dark(replayStory(RESPONSES_SIM.text, { status: 'Completed' }))

/** Weather: two `get_weather` function calls; the turn waits for their outputs. */
export const FunctionCalls: Story = replayStory(RESPONSES_SIM.weather, {
  status: 'Requires action',
  play: async ({ canvasElement }) => {
    const calls = await rowsNamed(canvasElement, 'Function call: get_weather')
    await expect(calls).toHaveLength(2)
    await expect(calls[0]).toHaveTextContent(/Paris/)
    await expect(calls[1]).toHaveTextContent(/Tokyo/)
  },
})

/** Weather, answered: the next response (after the `function_call_output`s) uses the outputs. */
export const FunctionCallsAnswered: Story = replayStory(RESPONSES_SIM.weatherAnswered, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    // The outputs sent (the wire's `runline.input_items`; the API does not echo them) on the cards.
    const calls = await rowsNamed(canvasElement, 'Function call: get_weather')
    await expect(calls).toHaveLength(2)
    for (const call of calls) {
      await expect(call).toHaveTextContent(/Output submitted/)
      await expect(call).not.toHaveTextContent(/Waiting for output/)
    }
    const messages = await rowsNamed(canvasElement, 'Message')
    await expect(messages.at(-1)).toHaveTextContent(/Paris.*light rain.*Tokyo.*clear/s)
  },
})

/** Code interpreter: the code, its logs, then the answer. */
export const CodeInterpreter: Story = replayStory(RESPONSES_SIM.code, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const [code] = await rowsNamed(canvasElement, 'Code interpreter')
    await expect(code).toHaveTextContent(/total = sum\(values\)/)
    await expect(canvasOf(canvasElement).getByRole('log')).toHaveTextContent(
      /The total is 27 and the mean is 9/,
    )
  },
})

/** Plot: code interpreter with an image output (a real PNG bar chart). */
export const Plot: Story = replayStory(RESPONSES_SIM.plot, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const chart = await canvasOf(canvasElement).findByRole('img', { name: 'Code interpreter output 1' })
    await waitFor(() => expect((chart as HTMLImageElement).naturalWidth).toBeGreaterThan(0))
  },
})

/** The same, dark. */
export const PlotDark: Story = dark(replayStory(RESPONSES_SIM.plot, { status: 'Completed' }))

/** Image generation: two partial images, then the final one. */
export const ImageGeneration: Story = replayStory(RESPONSES_SIM.image, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const image = await canvasOf(canvasElement).findByRole('img', { name: 'Generated image' })
    await waitFor(() => expect((image as HTMLImageElement).naturalWidth).toBeGreaterThan(0))
  },
})

/** Image generation caught after its first partial image. */
export const ImagePartial: Story = replayStory(RESPONSES_SIM.image, {
  at: { after: 'response.image_generation_call.partial_image' },
  status: 'In progress',
  play: async ({ canvasElement }) => {
    await expect(await canvasOf(canvasElement).findByRole('img', { name: 'Partial image' })).toBeVisible()
  },
})

/** File search with its results, then an answer with two `file_citation`s. */
export const FileSearch: Story = replayStory(RESPONSES_SIM.search, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const [search] = await rowsNamed(canvasElement, 'File search')
    await expect(search).toHaveTextContent(/streaming\.md/)
    const [sources] = await canvasOf(canvasElement).findAllByRole('list', { name: 'Sources' })
    await expect(within(sources!).getAllByRole('listitem')).toHaveLength(2)
  },
})

/** Web search: the query and its sources as links, then an answer with `url_citation`s. */
export const WebSearch: Story = replayStory(RESPONSES_SIM.web, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const [search] = await rowsNamed(canvasElement, 'Web search')
    const sources = within(search!).getByRole('list', { name: 'Web search sources' })
    await expect(within(sources).getAllByRole('link')).toHaveLength(2)
    await expect(await citedHrefs(canvasElement)).toContain('https://runline.dev/docs?utm_source=openai')
  },
})

/** The same, dark. */
export const WebSearchDark: Story = dark(replayStory(RESPONSES_SIM.web, { status: 'Completed' }))

/** Reasoning: the summary, folded away until a person opens it, then the answer. */
export const Reasoning: Story = replayStory(RESPONSES_SIM.reasoning, {
  status: 'Completed',
  play: async ({ canvasElement, step }) => {
    const canvas = canvasOf(canvasElement)
    const summary = await canvas.findByText('Reasoning', { selector: 'summary' })
    const details = summary.closest('details')!
    await expect(details.open).toBe(false)
    await expect(canvas.getByText('Thinking it through')).not.toBeVisible()
    await step('Open the reasoning summary', async () => {
      await userEvent.click(summary)
    })
    await expect(canvas.getByText('Thinking it through')).toBeVisible()
  },
})

/** MCP: the server's tools, then an approval request; the turn waits for a person. */
export const McpApproval: Story = replayStory(RESPONSES_SIM.approval, {
  status: 'Requires action',
  play: async ({ canvasElement }) => {
    const canvas = canvasOf(canvasElement)
    await expect(canvas.getByRole('button', { name: 'Approve search_docs' })).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Deny search_docs' })).toBeVisible()
    await expect(canvas.getByRole('list', { name: 'Tools on runline_docs' })).toBeInTheDocument()
  },
})

/** The same, dark. */
export const McpApprovalDark: Story = dark(
  replayStory(RESPONSES_SIM.approval, {
    status: 'Requires action',
    play: async ({ canvasElement }) => {
      await expect(canvasOf(canvasElement).getByRole('button', { name: 'Approve search_docs' })).toBeVisible()
    },
  }),
)

/** MCP, approved: the next response runs the call (its output), then answers. */
export const McpApproved: Story = replayStory(RESPONSES_SIM.approved, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const canvas = canvasOf(canvasElement)
    await expect(canvas.queryByRole('button', { name: 'Approve search_docs' })).not.toBeInTheDocument()
    await expect(canvasElement.querySelector('[data-type="mcp_approval_request"]')).toHaveTextContent(
      /Approved/,
    )
    const [call] = await rowsNamed(canvasElement, 'MCP call: search_docs')
    await expect(call).toHaveTextContent(/approvals gate MCP calls/)
  },
})

/** MCP, denied: no call; the next response says so. */
export const McpDenied: Story = replayStory(RESPONSES_SIM.denied, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    await expect(
      canvasOf(canvasElement).queryAllByRole('article', { name: 'MCP call: search_docs' }),
    ).toEqual([])
    await expect(canvasElement.querySelector('[data-type="mcp_approval_request"]')).toHaveTextContent(
      /Denied/,
    )
    await expect(canvasOf(canvasElement).getByRole('log')).toHaveTextContent(
      /I did not run the search_docs call/,
    )
  },
})

/** A failed response: the `error` event and `response.failed`, with the open message cut. */
export const Failed: Story = replayStory(RESPONSES_SIM.fail, {
  status: 'Failed',
  play: async ({ canvasElement }) => {
    await expect(canvasOf(canvasElement).getByRole('alert')).toHaveTextContent(/server had an error/)
  },
})

/** An incomplete response: out of output tokens (`max_output_tokens`). */
export const Incomplete: Story = replayStory(RESPONSES_SIM.incomplete, { status: 'Incomplete' })

/** A slow answer caught mid-stream: the message is still being written. */
export const Streaming: Story = replayStory(RESPONSES_SIM.slow, {
  at: { after: 'response.output_text.delta', nth: 40 },
  status: 'In progress',
})

/** A long answer (5,200 deltas): scrub it with the slider. */
export const Long: Story = replayStory(RESPONSES_SIM.long, { status: 'Completed', inspector: false })

/**
 * Live: `useRunStream({ wire: 'responses', model: 'runline-sim' })` against the simulator's Responses
 * face in the page. The turn waits for an MCP approval; a person approves, the approval goes out as
 * the next response's input item, and the turn completes with the call's output.
 */
export const ApproveLive: Story = {
  render: () => <ResponsesLive prompt="Use the MCP docs server, I will approve the call" />,
  play: async ({ canvasElement, step }) => {
    const canvas = canvasOf(canvasElement)
    await expectRunStatus(canvasElement, 'Requires action', 8000)
    await step('Approve the docs search', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Approve search_docs' }))
    })
    await expectRunStatus(canvasElement, 'Completed', 8000)
    const [call] = await rowsNamed(canvasElement, 'MCP call: search_docs')
    await expect(call).toHaveTextContent(/approvals gate MCP calls/)
    await expect(canvas.queryByRole('button', { name: 'Approve search_docs' })).not.toBeInTheDocument()
    // The usage sums both responses of the turn: the second one wrote the answer.
    const completion = canvas.getByText('Completion').nextElementSibling
    await waitFor(() => expect(Number(completion?.textContent?.replace(/\D/g, ''))).toBeGreaterThan(0))
  },
}
