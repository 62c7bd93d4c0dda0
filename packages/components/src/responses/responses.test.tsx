import { listResponsesRecordings } from '@runline/fixtures'
import { createSimulator, RESPONSES_MODEL } from '@runline/simulator'
import { cleanup, render, screen, within } from '@testing-library/react'
import axe from 'axe-core'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { preloadRunTimelineParts, RunTimeline } from '../index.js'
import { eventsOf, fold, responsesState, syncStore } from '../test-utils/states.js'

afterEach(cleanup)
// The rows load on first use; that first load is lazy-parts.test.tsx's subject.
beforeAll(preloadRunTimelineParts)

const rec = (short: string) => `ai-sdk__${short}.1.jsonl`

async function show(name: string, count?: number) {
  const state = await responsesState(name, count)
  const view = render(<RunTimeline run={{ store: syncStore(state) }} windowing={false} />)
  const rows = [...view.container.querySelectorAll<HTMLElement>('article.rl-step')]
  return { state, view, rows, kinds: rows.map((row) => row.dataset.kind) }
}

function row(rows: HTMLElement[], kind: string, nth = 0): HTMLElement {
  const found = rows.filter((r) => r.dataset.kind === kind)[nth]
  if (!found) throw new Error(`no ${kind} row #${nth}`)
  return found
}

describe('Responses rows', () => {
  it('every recording renders one row per output item, none dropped', async () => {
    for (const name of listResponsesRecordings()) {
      const { state, rows } = await show(name)
      const items = (state.responses ?? []).flatMap((rs) => rs.output.filter(Boolean))
      expect(rows.length, name).toBe(items.length)
      expect(
        rows.map((r) => r.dataset.kind),
        name,
      ).toEqual(items.map((it) => (it as { type: string }).type))
      cleanup()
    }
  })

  it('message with file citations: markdown and chips named by filename', async () => {
    const { rows } = await show('ai-sdk__openai-file-search-tool.2.jsonl')
    const message = row(rows, 'message')
    expect(message.getAttribute('aria-label')).toBe('Message')
    expect(message.textContent).toContain('embedding model')
    expect(within(message).getAllByText('ai.pdf').length).toBeGreaterThan(0)
    const search = row(rows, 'file_search_call')
    expect(within(search).getByRole('list', { name: 'File search queries' }).textContent).toContain(
      'embedding model',
    )
    expect(within(search).getByRole('list', { name: 'File search results' }).textContent).toContain('ai.pdf')
  })

  it('web search: the query and the sources as links; url_citation chips link to the page', async () => {
    const { rows } = await show(rec('openai-web-search-tool'))
    const search = row(rows, 'web_search_call')
    expect(search.getAttribute('aria-label')).toBe('Web search')
    expect(search.textContent).toContain('tech news today December 5 2025')
    const sources = within(search).getByRole('list', { name: 'Web search sources' })
    const links = within(sources).getAllByRole('link')
    expect(links.length).toBeGreaterThan(3)
    expect(links[0]!.getAttribute('href')).toMatch(/^https:\/\//)
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer')
    const message = row(rows, 'message')
    const chip = within(message).getAllByRole('link', { name: /Petco confirms security lapse/ })[0]!
    expect(chip.getAttribute('href')).toContain('techcrunch.com')
    expect(row(rows, 'web_search_call', 2).textContent).toContain('Open page')
  })

  it('reasoning: summaries in a closed details, encrypted content never shown', async () => {
    const { rows } = await show(rec('openai-reasoning-encrypted-content'))
    const reasoning = row(rows, 'reasoning')
    const details = reasoning.querySelector('details')!
    expect(details.open).toBe(false)
    expect(details.querySelector('summary')!.textContent).toContain('Reasoning')
    expect(details.textContent).toContain('Calculating step-by-step')
    expect(reasoning.textContent).not.toContain('gAAAAA')
  })

  it('function calls: name and arguments', async () => {
    const { rows } = await show(rec('openai-reasoning-encrypted-content'))
    const call = row(rows, 'function_call')
    expect(call.getAttribute('aria-label')).toBe('Function call: calculator')
    expect(call.textContent).toContain('"op": "add"')
  })

  it('function call arguments stream', async () => {
    // Cut after the recording's first two argument deltas (events 41 and 42).
    const { rows } = await show(rec('openai-reasoning-encrypted-content'), 42)
    const call = row(rows, 'function_call')
    expect(call.dataset.state).toBe('in_progress')
    expect(within(call).getByText('Writing arguments…')).toBeTruthy()
  })

  it('code interpreter: code and logs; container file citation chip', async () => {
    const { rows } = await show(rec('openai-code-interpreter-tool'))
    const code = row(rows, 'code_interpreter_call')
    expect(code.textContent).toContain('import random')
    expect(code.textContent).toContain('(2, 12, 69868, 6.9868)')
    expect(within(row(rows, 'message')).getAllByText('roll2dice_sums_10000.csv').length).toBeGreaterThan(0)
  })

  it('code interpreter image outputs: a raster data URL (the simulator’s chart) is drawn, nothing else', async () => {
    const sim = createSimulator({ delayMs: 0 })
    const response = await sim.fetch(
      new Request('http://sim/v1/responses', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: RESPONSES_MODEL, stream: true, input: 'plot 3, 1, 4' }),
      }),
    )
    const state = fold(await eventsOf(await response.text()))
    const view = render(<RunTimeline run={{ store: syncStore(state) }} windowing={false} />)
    const chart = within(view.container).getByRole('img', { name: 'Code interpreter output 1' })
    expect(chart.getAttribute('src')).toMatch(/^data:image\/png;base64,iVBOR/)
    cleanup()
    // The same item with outputs an `img` must not load: another data type, a script URL, a path.
    const [item] = (state.responses?.[0]?.output ?? []) as unknown as Array<Record<string, unknown>>
    const unsafe = ['data:text/html;base64,PHNjcmlwdD4=', 'javascript:alert(1)', '/files/chart.png']
    const done = fold(
      [
        {
          event: 'response.completed',
          data: {
            type: 'response.completed',
            sequence_number: 99,
            response: {
              ...state.responses?.[0]?.response,
              output: [{ ...item, outputs: unsafe.map((url) => ({ type: 'image', url })) }],
            },
          },
        } as never,
      ],
      state,
    )
    const again = render(<RunTimeline run={{ store: syncStore(done) }} windowing={false} />)
    expect(again.container.querySelectorAll('article[data-kind="code_interpreter_call"] img')).toHaveLength(0)
  })

  it('image generation: the final image; a partial image while it generates', async () => {
    const { rows } = await show(rec('openai-image-generation-tool'))
    const image = within(row(rows, 'image_generation_call')).getByRole('img', { name: 'Generated image' })
    expect(image.getAttribute('src')).toMatch(/^data:image\/webp;base64,/)
    cleanup()
    // Cut right after the first partial image (the recording's 8th event): the row shows it.
    const partial = await show(rec('openai-image-generation-tool'), 8)
    const item = row(partial.rows, 'image_generation_call')
    expect(item.dataset.state).toBe('generating')
    const img = within(item).getByRole('img', { name: 'Partial image' })
    expect(img.getAttribute('src')).toMatch(/^data:image\//)
  })

  it('MCP: tool list, call with output, approval request waiting', async () => {
    const { rows } = await show(rec('openai-mcp-tool'))
    const tools = row(rows, 'mcp_list_tools')
    expect(within(tools).getByRole('list', { name: 'Tools on dmcp' }).textContent).toContain('web_search_exa')
    const call = row(rows, 'mcp_call')
    expect(call.getAttribute('aria-label')).toBe('MCP call: web_search_exa')
    expect(call.textContent).toContain('dmcp')
    expect(call.textContent).toContain('requestId')
    cleanup()
    const approval = await show(rec('openai-mcp-tool-approval'))
    const request = row(approval.rows, 'mcp_approval_request')
    expect(request.dataset.state).toBe('waiting')
    expect(request.textContent).toContain('Waiting for approval')
    expect(request.textContent).toContain('create_short_url')
    // The approval form picks it up through selectRequiredApprovals.
    expect(screen.getByRole('button', { name: 'Approve create_short_url' })).toBeTruthy()
  })

  it('unknown item types: type name and raw JSON', async () => {
    const { rows } = await show(rec('openai-shell-tool'))
    const shell = row(rows, 'shell_call')
    expect(shell.getAttribute('aria-label')).toBe('Item: shell_call')
    expect(shell.querySelector('details summary')!.textContent).toBe('Raw JSON')
    expect(shell.textContent).toContain('ls -a ~/Desktop')
  })
})

describe('axe on Responses recordings', () => {
  for (const short of [
    'openai-web-search-tool',
    'openai-code-interpreter-tool',
    'openai-mcp-tool-approval',
    'openai-file-search-tool',
    'openai-shell-tool',
  ]) {
    it(short, async () => {
      const { view } = await show(rec(short))
      const result = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } })
      expect(
        result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([])
    })
  }
})
