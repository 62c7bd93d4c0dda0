import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { FoundryLive } from './replay/FoundryLive.js'
import { FOUNDRY, toolSource } from './replay/foundry.js'
import { FOUNDRY_SIM } from './replay/foundry-sim.js'
import { expectRunStatus, replayStory } from './replay/story.js'

/**
 * Foundry Agent Service (classic agents): the Assistants wire plus tool approvals, MCP tool lists,
 * Azure tool calls and url citations. Most stories replay runs recorded in the page from the
 * simulator's Foundry face (its SSE bytes decoded by core's parser and folded by its reducer); the
 * tool types the face has no scenario for stay spec-shaped (Azure.AI.Agents TypeSpec builders).
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

/** Spec-shaped (no simulator scenario has them all): every Azure tool type in one run, then an answer with url citations. */
export const AllTools: Story = replayStory(FOUNDRY.tools, { status: 'Completed' })

/** Every Azure tool type in the dark theme. */
export const AllToolsDark: Story = {
  ...replayStory(FOUNDRY.tools, { status: 'Completed' }),
  globals: { theme: 'dark' },
}

/** Spec-shaped (the face's MCP calls always ask first): an MCP call with its server label, arguments and output. */
export const McpCall: Story = replayStory(toolSource('mcp'), { status: 'Completed' })
/* Spec-shaped: tool types the simulator's Foundry face has no scenario for. */

/** An Azure Function call: request and response. */
export const AzureFunction: Story = replayStory(toolSource('azure_function'), { status: 'Completed' })
/** Grounding with Bing Custom Search. */
export const BingCustomSearch: Story = replayStory(toolSource('bing_custom_search'), { status: 'Completed' })
/** SharePoint grounding. */
export const Sharepoint: Story = replayStory(toolSource('sharepoint_grounding'), { status: 'Completed' })
/** A Microsoft Fabric data agent. */
export const FabricDataAgent: Story = replayStory(toolSource('fabric_dataagent'), { status: 'Completed' })
/** Deep Research: the question and the report. */
export const DeepResearch: Story = replayStory(toolSource('deep_research'), { status: 'Completed' })
/** Browser Automation: the task, its steps, the answer. */
export const BrowserAutomation: Story = replayStory(toolSource('browser_automation'), { status: 'Completed' })
