import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BackendPanel } from './BackendPanel.js'
import { backendLabel, parseBackendInfo, parseThreadList } from './backend.js'

describe('backend info', () => {
  it('reads /api/runline-config and names the backend', () => {
    const info = parseBackendInfo({
      backend: 'simulator',
      wire: 'foundry',
      flavor: 'foundry',
      threadList: true,
    })
    expect(info).toEqual({ backend: 'simulator', wire: 'foundry', flavor: 'foundry', threadList: true })
    expect(backendLabel(info!)).toBe('Simulator · Foundry wire')
    expect(backendLabel({ backend: 'upstream', wire: 'foundry', flavor: 'foundry', threadList: false })).toBe(
      'Foundry project',
    )
    expect(parseBackendInfo({ error: { message: 'Unknown request URL' } })).toBeNull()
    expect(parseBackendInfo('<html>')).toBeNull()
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

describe('<BackendPanel>', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  function renderWith(responses: Record<string, unknown>, onOpenThread = vi.fn()) {
    const requested: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(url)
      const body = responses[url.split('?')[0] ?? url]
      return body === undefined ? new Response('{}', { status: 404 }) : Response.json(body)
    })
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    render(
      <QueryClientProvider client={client}>
        <BackendPanel activeId="thread_a" onOpenThread={onOpenThread} version={1} />
      </QueryClientProvider>,
    )
    return { requested, onOpenThread }
  }

  it('on Foundry: the backend, the current choice among the three, and the server thread list', async () => {
    const { requested, onOpenThread } = renderWith({
      '/api/runline-config': { backend: 'simulator', wire: 'foundry', flavor: 'foundry', threadList: true },
      '/api/v1/threads': {
        object: 'list',
        data: [
          { id: 'thread_b', created_at: 1 },
          { id: 'thread_a', created_at: 1 },
        ],
      },
    })
    const panel = await screen.findByRole('region', { name: 'Backend' })
    expect(within(panel).getByText('Simulator · Foundry wire')).toBeTruthy()
    expect(within(panel).getByText(/Simulator · Foundry wire \(current\)/)).toBeTruthy()
    const list = await within(panel).findByRole('list', { name: 'Threads on the server' })
    const buttons = within(list).getAllByRole('button')
    expect(buttons.map((b) => b.getAttribute('aria-current'))).toEqual([null, 'page'])
    await userEvent.click(within(list).getByRole('button', { name: /thread_b/ }))
    expect(onOpenThread).toHaveBeenCalledWith('thread_b')
    expect(requested).toContain('/api/v1/threads?limit=20&order=desc')
  })

  it('on the Assistants wire: no thread list is asked for', async () => {
    const { requested } = renderWith({
      '/api/runline-config': {
        backend: 'simulator',
        wire: 'assistants',
        flavor: 'openai',
        threadList: false,
      },
    })
    await screen.findByText('Simulator · Assistants wire')
    expect(screen.queryByRole('list', { name: 'Threads on the server' })).toBeNull()
    expect(requested).toEqual(['/api/runline-config'])
  })

  it('renders nothing when the server cannot say', async () => {
    const { requested } = renderWith({})
    await vi.waitFor(() => expect(requested).toEqual(['/api/runline-config']))
    expect(screen.queryByRole('region', { name: 'Backend' })).toBeNull()
  })
})
