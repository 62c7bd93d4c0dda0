import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { FoundryLive } from './replay/FoundryLive.js'
import { FOUNDRY_SIM } from './replay/foundry-sim.js'
import { expectRunStatus, replayStory } from './replay/story.js'

/**
 * Foundry Agent Service (classic agents): the Assistants wire plus tool approvals, MCP tool lists,
 * Azure tool calls and url citations. The stories replay runs recorded in the page from the
 * simulator's Foundry face (its SSE bytes decoded by core's parser and folded by its reducer), one
 * per Azure tool type and one with them all; the live ones drive the face with `useRunStream`.
 */
const meta = {
  title: 'Runs/Foundry',
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const canvasOf = (element: HTMLElement) => within(element)

/** Waits for a link to `href` (a citation chip, a source, a document). */
async function expectLink(canvasElement: HTMLElement, href: string): Promise<void> {
  await waitFor(() =>
    expect(
      canvasOf(canvasElement)
        .getAllByRole('link')
        .map((link) => link.getAttribute('href')),
    ).toContain(href),
  )
}

/** Simulated: MCP tools listed, then two calls waiting for approval, with the time left before the run expires. */
export const ApprovalRequired: Story = replayStory(FOUNDRY_SIM.approval, {
  at: { after: 'thread.run.requires_action' },
  status: 'Requires action',
  play: async ({ canvasElement }) => {
    const canvas = canvasOf(canvasElement)
    await expect(canvas.getByRole('button', { name: 'Approve search_docs' })).toBeInTheDocument()
    await expect(canvas.getByRole('button', { name: 'Deny fetch_page' })).toBeInTheDocument()
    await expect(canvas.getByRole('timer')).toHaveTextContent(/Expires in \d+:\d\d/)
    await expect(canvas.getByRole('list', { name: 'Tools on runline_docs' })).toBeInTheDocument()
  },
})

/** Simulated: the approval form in the dark theme. */
export const ApprovalRequiredDark: Story = {
  ...replayStory(FOUNDRY_SIM.approval, {
    at: { after: 'thread.run.requires_action' },
    status: 'Requires action',
    play: async ({ canvasElement }) => {
      await expect(canvasOf(canvasElement).getByRole('button', { name: 'Approve search_docs' })).toBeVisible()
    },
  }),
  globals: { theme: 'dark' },
}

/** Simulated: the same run after the calls were approved: the MCP call's output, then the answer. */
export const ApprovalApproved: Story = {
  ...replayStory(FOUNDRY_SIM.approved, {
    status: 'Completed',
    play: async ({ canvasElement }) => {
      const canvas = canvasOf(canvasElement)
      await expect(canvas.queryByRole('button', { name: 'Approve search_docs' })).not.toBeInTheDocument()
      await expect(canvas.getByRole('log')).toHaveTextContent(/search_docs/)
      await expect(canvas.getByRole('log')).toHaveTextContent(/Runline guide/)
    },
  }),
}

/** Simulated: the approved run in the dark theme. */
export const ApprovalApprovedDark: Story = {
  ...replayStory(FOUNDRY_SIM.approved, { status: 'Completed' }),
  globals: { theme: 'dark' },
}

/** Simulated: Grounding with Bing Search, then the answer's url_citation chips and sources. */
export const BingGrounding: Story = replayStory(FOUNDRY_SIM.bing, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const canvas = canvasOf(canvasElement)
    await expect(canvas.getByRole('link', { name: 'Search on Bing' })).toHaveAttribute('target', '_blank')
    await expect(canvas.getByRole('list', { name: 'Sources' })).toBeInTheDocument()
    await expectLink(canvasElement, 'https://runline.example.com/blog/streaming-runs')
  },
})

/** Simulated: Azure AI Search: the query, the documents as links, then the cited answer. */
export const AzureAISearch: Story = replayStory(FOUNDRY_SIM.azureAISearch, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    await expectLink(canvasElement, 'https://runline.example.com/index/runline-guide')
  },
})

/** Simulated: an OpenAPI operation: request and response, then the answer. */
export const OpenApi: Story = replayStory(FOUNDRY_SIM.openapi, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    await expect(canvasOf(canvasElement).getByRole('log')).toHaveTextContent(/runline_status_getStatus/)
  },
})

/** Simulated: a connected agent: what it was asked, its answer, its thread and run. */
export const ConnectedAgent: Story = replayStory(FOUNDRY_SIM.connected, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    await expect(canvasOf(canvasElement).getByRole('log')).toHaveTextContent(/runline_researcher/)
  },
})

/** Simulated: a run a safety guardrail stopped (`incomplete`, reason `content_filter`). */
export const Guardrail: Story = replayStory(FOUNDRY_SIM.guardrail, {
  status: 'Incomplete',
  play: async ({ canvasElement }) => {
    await expect(canvasOf(canvasElement).getByRole('alert')).toHaveTextContent(/content filter stopped it/)
  },
})

/**
 * Live: `useRunStream` against the simulator's Foundry face in the page. A person approves one call and
 * denies the other; the decisions go out in one request, the run completes, and the audit log
 * lists both with the SHA-256 of the arguments they saw.
 */
export const ApproveLive: Story = {
  render: () => <FoundryLive decidedBy="ada@contoso.example" />,
  play: async ({ canvasElement, step }) => {
    const canvas = canvasOf(canvasElement)
    await expectRunStatus(canvasElement, 'Requires action', 8000)
    await step('Approve the search, deny the page fetch', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Approve search_docs' }))
      await userEvent.click(canvas.getByRole('button', { name: 'Deny fetch_page' }))
    })
    await expectRunStatus(canvasElement, 'Completed', 8000)
    const audit = canvas.getByRole('region', { name: 'Audit log' })
    await waitFor(() => expect(within(audit).getAllByRole('listitem')).toHaveLength(2))
    await expect(audit).toHaveTextContent(/Approved runline_docs\/search_docs by ada@contoso.example/)
  },
}

/**
 * Live, with an approval rule: search tools are approved by the app, anything else is asked. (The
 * form shows the rule's decision once core's reducer records `runline.tool_approval`; until then the
 * person decides every call of a partly decided action.)
 */
export const ApproveByRule: Story = {
  render: () => <FoundryLive approve={(call) => (call.name.startsWith('search') ? true : 'ask')} />,
  play: async ({ canvasElement }) => {
    const canvas = canvasOf(canvasElement)
    await expectRunStatus(canvasElement, 'Requires action', 8000)
    await expect(canvas.getByRole('button', { name: 'Approve fetch_page' })).toBeInTheDocument()
  },
}

/** Waits for the row (an `article`) a step's tool type names, e.g. "Azure Function call". */
async function rowNamed(canvasElement: HTMLElement, name: string): Promise<HTMLElement> {
  const [row] = await canvasOf(canvasElement).findAllByRole('article', { name })
  return row!
}

/** What a person sees of every Azure tool type: one row each. */
const TOOL_ROWS = [
  'MCP call',
  'Bing search',
  'Bing custom search',
  'Azure AI Search',
  'SharePoint search',
  'Fabric data agent',
  'Azure Function call',
  'OpenAPI call',
  'Connected agent',
  'Deep research',
  'Browser automation',
]

/** Simulated: every Azure tool type in one run (its MCP calls approved), then an answer with url citations. */
export const AllTools: Story = replayStory(FOUNDRY_SIM.allTools, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    for (const name of TOOL_ROWS) await expect(await rowNamed(canvasElement, name)).toBeVisible()
    await expectLink(canvasElement, 'https://runline.example.com/blog/streaming-runs')
  },
})

/** Simulated: every Azure tool type in the dark theme. */
export const AllToolsDark: Story = {
  ...replayStory(FOUNDRY_SIM.allTools, { status: 'Completed' }),
  globals: { theme: 'dark' },
}

/** Simulated (the run's `require_approval: never`): MCP calls with their server label, arguments and output. */
export const McpCall: Story = replayStory(FOUNDRY_SIM.mcpNever, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const row = await rowNamed(canvasElement, 'MCP call')
    await expect(within(row).getByText('search_docs')).toBeVisible()
    await expect(row).toHaveTextContent(/runline_docs/)
    await expect(canvasOf(canvasElement).queryByRole('button', { name: /^Approve/ })).not.toBeInTheDocument()
  },
})

/** Simulated: an Azure Function behind storage queues: the function, its request and its response. */
export const AzureFunction: Story = replayStory(FOUNDRY_SIM.azureFunction, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const row = await rowNamed(canvasElement, 'Azure Function call')
    await expect(within(row).getByText('get_release_notes')).toBeVisible()
    await expect(row).toHaveTextContent(/Request.*"version": "1\.4\.0".*Response.*"highlights"/s)
  },
})

/** Simulated: Grounding with Bing Custom Search on the agent's own sites, then the cited answer. */
export const BingCustomSearch: Story = replayStory(FOUNDRY_SIM.bingCustom, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const row = await rowNamed(canvasElement, 'Bing custom search')
    await expect(within(row).getByRole('link', { name: 'Search on Bing' })).toHaveAttribute(
      'target',
      '_blank',
    )
    await expectLink(canvasElement, 'https://runline.example.com/docs/approvals')
  },
})

/** Simulated: SharePoint grounding: the query, the documents as links, then the answer citing them. */
export const Sharepoint: Story = replayStory(FOUNDRY_SIM.sharepoint, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const row = await rowNamed(canvasElement, 'SharePoint search')
    const documents = within(row).getByRole('list', { name: 'SharePoint sources' })
    await expect(within(documents).getByRole('link', { name: 'Release process' })).toHaveAttribute(
      'href',
      'https://contoso.sharepoint.com/sites/runline/Shared%20Documents/release-process.docx',
    )
  },
})

/** Simulated: a Microsoft Fabric data agent: the question and the data it answered with. */
export const FabricDataAgent: Story = replayStory(FOUNDRY_SIM.fabric, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const row = await rowNamed(canvasElement, 'Fabric data agent')
    await expect(row).toHaveTextContent(/Input.*Runs by status.*Output.*Runs by status, last 7 days/s)
  },
})

/** Simulated: Deep Research: the question, the report (Markdown with its sources), then the cited answer. */
export const DeepResearch: Story = replayStory(FOUNDRY_SIM.deepResearch, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const row = await rowNamed(canvasElement, 'Deep research')
    await expect(within(row).getByRole('heading', { name: 'Streaming interfaces' })).toBeVisible()
    await expect(within(row).getByRole('link', { name: 'Approvals in practice' })).toBeVisible()
  },
})

/** Simulated: Deep Research in the dark theme. */
export const DeepResearchDark: Story = {
  ...replayStory(FOUNDRY_SIM.deepResearch, { status: 'Completed' }),
  globals: { theme: 'dark' },
}

/** Simulated: Browser Automation: the task, each step the browser took, its answer. */
export const BrowserAutomation: Story = replayStory(FOUNDRY_SIM.browser, {
  status: 'Completed',
  play: async ({ canvasElement }) => {
    const row = await rowNamed(canvasElement, 'Browser automation')
    await expect(within(row).getAllByRole('listitem')).toHaveLength(3)
    await expect(row).toHaveTextContent(/Simulator: Operational/)
  },
})
