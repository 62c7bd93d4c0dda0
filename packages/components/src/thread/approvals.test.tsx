// <RunThread> on the Foundry wire: the simulator's Foundry face in-process (api-version and its bearer
// token added by the client's `fetch`, as a proxy would), an MCP approval inside the live run.
import { createRunlineClient, type FetchLike } from '@runline/core'
import { createSimulator } from '@runline/simulator'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ASSISTANT, createWrapper } from '../../../hooks/src/test-utils/sim.js'
import { RunThread } from '../index.js'

afterEach(cleanup)

const ORIGIN = 'http://foundry.test'

/** A client on the simulator's Foundry face, the way the proxy's `foundry` flavor talks to it. */
function foundryClient() {
  const sim = createSimulator({ delayMs: 0 })
  const { foundry } = sim
  const fetch: FetchLike = (input, init) => {
    const url = new URL(input)
    url.searchParams.set('api-version', 'v1')
    const headers = new Headers(init?.headers)
    headers.set('authorization', `Bearer ${foundry.token}`)
    return foundry.fetchLike(url.toString(), { ...init, headers })
  }
  return createRunlineClient({ baseUrl: `${ORIGIN}${foundry.basePath}`, fetch })
}

const live = () => screen.getByRole('region', { name: 'Current run' })
const liveStatus = () => within(live()).getAllByRole('status')[0]

describe('<RunThread> with tool approvals (Foundry)', () => {
  it('shows the approval form in the live run; approving one call and denying the other completes the run', async () => {
    const client = foundryClient()
    const { Wrapper } = createWrapper(client)
    render(<RunThread assistantId={ASSISTANT} />, { wrapper: Wrapper })
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), {
      target: { value: 'approve an MCP search for streaming' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))

    const approve = await within(live()).findByRole(
      'button',
      { name: 'Approve search_docs' },
      { timeout: 5000 },
    )
    expect(liveStatus()?.textContent).toBe('Requires action')
    expect(screen.getByText('The run is waiting for your approval — decide above.')).toBeTruthy()
    expect(approve.hasAttribute('disabled')).toBe(false)
    fireEvent.click(approve)
    fireEvent.click(within(live()).getByRole('button', { name: 'Deny fetch_page' }))

    await waitFor(() => expect(liveStatus()?.textContent).toBe('Completed'), { timeout: 5000 })
    expect(within(live()).getByRole('log').textContent).toContain(
      '`fetch_page` was not approved'.replace(/`/g, ''),
    )
  })
})
