import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BackendPanel } from './BackendPanel.js'
import { BackendSwitch } from './BackendSwitch.js'
import { type Backend, FALLBACK_CHOICE, parseBackendChoice, parseThreadList } from './backend.js'

const ASSISTANTS: Backend = {
  id: 'sim-assistants',
  label: 'Simulator (Assistants)',
  wire: 'assistants',
  apiBase: '/api/backends/sim-assistants/v1',
  threadList: false,
}
const FOUNDRY: Backend = {
  id: 'sim-foundry',
  label: 'Simulator (Foundry)',
  wire: 'foundry',
  apiBase: '/api/backends/sim-foundry/v1',
  threadList: true,
}
const RESPONSES: Backend = {
  id: 'sim-responses',
  label: 'Simulator (Responses)',
  wire: 'responses',
  apiBase: '/api/backends/sim-responses/v1',
  threadList: false,
  model: 'runline-sim',
}

describe('the server configuration', () => {
  it('reads the backends of /api/runline-config and its default', () => {
    const choice = parseBackendChoice({
      backend: 'simulator',
      wire: 'assistants',
      backends: [ASSISTANTS, FOUNDRY, RESPONSES],
      defaultBackend: 'sim-foundry',
    })
    expect(choice).toEqual({ backends: [ASSISTANTS, FOUNDRY, RESPONSES], defaultBackend: 'sim-foundry' })
  })

  it('skips malformed backends and falls back to the first for an unknown default', () => {
    const choice = parseBackendChoice({
      backends: [
        { ...ASSISTANTS, apiBase: 'https://elsewhere.example/v1' },
        { ...FOUNDRY, id: '../x' },
        { ...FOUNDRY, wire: 'grpc' },
        FOUNDRY,
        { ...FOUNDRY, label: 'duplicate' },
        'nonsense',
      ],
      defaultBackend: 'sim-nothing',
    })
    expect(choice).toEqual({ backends: [FOUNDRY], defaultBackend: 'sim-foundry' })
    expect(parseBackendChoice({ backends: [] })).toBeNull()
  })

  it('an older server without backends is its one /api/v1 proxy; anything else is no configuration', () => {
    const older = parseBackendChoice({
      backend: 'simulator',
      wire: 'foundry',
      flavor: 'foundry',
      threadList: true,
    })
    expect(older?.backends).toEqual([{ ...FALLBACK_CHOICE.backends[0], wire: 'foundry', threadList: true }])
    expect(parseBackendChoice({ error: { message: 'Unknown request URL' } })).toBeNull()
    expect(parseBackendChoice('<html>')).toBeNull()
  })

  it('reads a thread list page, skipping what is not a thread', () => {
    const page = {
      object: 'list',
      data: [{ id: 'thread_b', created_at: 20 }, { id: '../x' }, null, { id: 'thread_a', created_at: 'x' }],
    }
    expect(parseThreadList(page)).toEqual([
      { id: 'thread_b', createdAt: 20_000 },
      { id: 'thread_a', createdAt: 0 },
    ])
    expect(parseThreadList({})).toEqual([])
  })
})

describe('<BackendSwitch>', () => {
  afterEach(cleanup)

  it('is a select named "Backend" offering every backend the server lists', async () => {
    const onChange = vi.fn()
    render(
      <BackendSwitch
        backends={[ASSISTANTS, FOUNDRY, RESPONSES]}
        value="sim-assistants"
        onChange={onChange}
      />,
    )
    const select = screen.getByRole('combobox', { name: 'Backend' }) as HTMLSelectElement
    expect(select.value).toBe('sim-assistants')
    const options = within(select).getAllByRole('option') as HTMLOptionElement[]
    expect(options.map((o) => [o.textContent, o.disabled])).toEqual([
      ['Simulator (Assistants)', false],
      ['Simulator (Foundry)', false],
      ['Simulator (Responses)', false],
    ])
    await userEvent.selectOptions(select, 'sim-foundry')
    expect(onChange).toHaveBeenCalledWith('sim-foundry')
    await userEvent.selectOptions(select, 'sim-responses')
    expect(onChange).toHaveBeenLastCalledWith('sim-responses')
  })
})

describe('<BackendPanel>', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  function renderWith(backend: Backend, responses: Record<string, unknown>, onOpenThread = vi.fn()) {
    const requested: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(url)
      const body = responses[url.split('?')[0] ?? url]
      return body === undefined ? new Response('{}', { status: 404 }) : Response.json(body)
    })
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    render(
      <QueryClientProvider client={client}>
        <BackendPanel
          backend={backend}
          activeId="thread_a"
          titles={new Map([['thread_a', 'What is the weather?']])}
          onOpenThread={onOpenThread}
          version={1}
        />
      </QueryClientProvider>,
    )
    return { requested, onOpenThread }
  }

  it("on Foundry: the server's threads from its own mount, known ones by title, opened on click", async () => {
    const { requested, onOpenThread } = renderWith(FOUNDRY, {
      '/api/backends/sim-foundry/v1/threads': {
        object: 'list',
        data: [
          { id: 'thread_b', created_at: 1 },
          { id: 'thread_a', created_at: 1 },
        ],
      },
    })
    const list = await screen.findByRole('list', { name: 'Threads on the server' })
    const buttons = within(list).getAllByRole('button')
    expect(buttons.map((b) => b.getAttribute('aria-current'))).toEqual([null, 'page'])
    expect(buttons.map((b) => b.getAttribute('title'))).toEqual(['thread_b', 'thread_a'])
    expect(buttons[1]?.textContent).toContain('What is the weather?')
    await userEvent.click(within(list).getByRole('button', { name: /thread_b/ }))
    expect(onOpenThread).toHaveBeenCalledWith('thread_b')
    expect(requested).toEqual(['/api/backends/sim-foundry/v1/threads?limit=20&order=desc'])
  })

  it('says so when the list is unavailable', async () => {
    renderWith(FOUNDRY, {})
    await screen.findByText("The server's thread list is unavailable.")
  })

  it('without a list: nothing is asked for and nothing is drawn', async () => {
    const { requested } = renderWith(ASSISTANTS, {})
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(screen.queryByRole('heading', { name: 'On the server' })).toBeNull()
    expect(requested).toEqual([])
  })
})
