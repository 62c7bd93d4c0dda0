import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { SIM } from './replay/catalog.js'
import { LiveRunView } from './replay/LiveRunView.js'
import { expectRunStatus } from './replay/story.js'

/**
 * Live runs against the simulator running in the page (core client → SSE → run store → components).
 * The play functions act like a person: they fill the tool form and submit, or cancel a run.
 */
const meta = {
  title: 'Runs/Interactions',
  component: LiveRunView,
} satisfies Meta<typeof LiveRunView>

export default meta
type Story = StoryObj<typeof meta>

/**
 * "What's the weather in Paris and in Tokyo?": two parallel `get_weather` calls. Fill both outputs
 * and submit; the simulator continues the run on a new stream and it ends Completed.
 */
export const SubmitToolOutputs: Story = {
  args: { prompt: SIM.weather, delayMs: 5 },
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement)
    await expectRunStatus(canvasElement, 'Requires action', 8000)
    const submit = canvas.getByRole('button', { name: 'Submit tool outputs' })
    await expect(submit).toBeDisabled()

    await step('Fill both outputs', async () => {
      const [paris, tokyo] = canvas.getAllByRole('textbox', { name: 'Output for get_weather' })
      await userEvent.type(paris!, '{{"temperature": 18, "unit": "c", "conditions": "light rain"}')
      await userEvent.type(tokyo!, '{{"temperature": 24, "unit": "c", "conditions": "clear"}')
    })

    await step('Submit them in one request', async () => {
      await expect(submit).toBeEnabled()
      await userEvent.click(submit)
    })
    await expectRunStatus(canvasElement, 'Completed', 8000)
    // The form is gone and the answer mentions both cities.
    await waitFor(() =>
      expect(canvas.queryByRole('button', { name: 'Submit tool outputs' })).not.toBeInTheDocument(),
    )
    await expect(canvas.getByRole('log')).toHaveTextContent(/Paris/)
    await expect(canvas.getByRole('log')).toHaveTextContent(/Tokyo/)
  },
}

/** A slow run (the `slow` scenario at 20 ms a tick): "Cancel run" → Cancelling → Cancelled. */
export const CancelRun: Story = {
  args: { prompt: SIM.slow, delayMs: 20 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const cancel = await canvas.findByRole('button', { name: 'Cancel run' }, { timeout: 8000 })
    await expectRunStatus(canvasElement, 'In progress')
    // Let a few words stream first, so the cut message shows.
    await waitFor(
      () => {
        const message = canvas.getByRole('log').querySelector('[data-role="assistant"][data-state]')
        expect(message?.textContent?.trim().length ?? 0).toBeGreaterThan(20)
      },
      { timeout: 8000 },
    )
    await userEvent.click(cancel)
    await expectRunStatus(canvasElement, 'Cancelled', 8000)
    await expect(canvas.queryByRole('button', { name: 'Cancel run' })).not.toBeInTheDocument()
  },
}
