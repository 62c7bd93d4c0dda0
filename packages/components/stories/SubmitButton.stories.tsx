import { ToolCallForm } from '@runline/components'
import type { RequiredActionFunctionToolCall, RunState } from '@runline/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, within } from 'storybook/test'
import { type LoadedReplay, loadReplay, SOURCES } from './replay/catalog.js'
import './replay/replay.css'

/**
 * The "Submit tool outputs" button in both of its looks, side by side: disabled (an output is still
 * missing) and enabled (every call answered by the app). Checked in real Chromium: the enabled one
 * is the solid, high-contrast accent; the disabled one is muted with no accent at all; both stay
 * readable; the focus ring shows. axe checks the contrast of the whole canvas too.
 */
const meta = {
  title: 'Runs/Submit button',
  loaders: [async () => ({ replay: await loadReplay(SOURCES.parallelCalls) })],
  render: (_args, { loaded }) => {
    const { tape } = loaded.replay as LoadedReplay
    const state: RunState = tape.stateAt(tape.length)
    const calls: readonly RequiredActionFunctionToolCall[] =
      state.run?.required_action?.submit_tool_outputs.tool_calls ?? []
    const allHandled = Object.fromEntries(calls.map((call) => [call.id, '{"temperature": 18, "unit": "c"}']))
    return (
      <div className="rl-frame" style={{ display: 'grid', gap: '1.5rem', maxWidth: 640, padding: '1.5rem' }}>
        {/* Two forms on one page need names of their own (axe: landmark-unique). */}
        <p id="submit-pending" className="rl-muted">
          Disabled: an output is still missing
        </p>
        <ToolCallForm calls={calls} onSubmit={() => {}} aria-labelledby="submit-pending" />
        <p id="submit-ready" className="rl-muted">
          Enabled: every call was answered by the app
        </p>
        <ToolCallForm calls={calls} handled={allHandled} onSubmit={() => {}} aria-labelledby="submit-ready" />
      </div>
    )
  },
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** sRGB channels of a computed colour (`rgb(...)` / `rgba(...)`). */
function channels(color: string): [number, number, number, number] {
  const parts = color.match(/[\d.]+/g)?.map(Number) ?? []
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1]
}

function luminance(color: string): number {
  const [r, g, b] = channels(color).map((c) => {
    const v = c / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light! + 0.05) / (dark! + 0.05)
}

/** Colourfulness: how far a colour is from grey (0 for greys, large for the accent). */
function chroma(color: string): number {
  const [r, g, b] = channels(color)
  return Math.max(r, g, b) - Math.min(r, g, b)
}

async function checkButtons(canvasElement: HTMLElement) {
  const canvas = within(canvasElement)
  const [disabled, enabled] = canvas.getAllByRole('button', { name: 'Submit tool outputs' })
  await expect(disabled).toBeDisabled()
  await expect(enabled).toBeEnabled()
  const off = getComputedStyle(disabled!)
  const on = getComputedStyle(enabled!)
  const accent = getComputedStyle(enabled!).getPropertyValue('--_rl-accent').trim()

  // Enabled: solid (opaque), high contrast, clearly coloured.
  await expect(channels(on.backgroundColor)[3]).toBe(1)
  await expect(Number(on.opacity)).toBe(1)
  await expect(contrast(on.color, on.backgroundColor)).toBeGreaterThanOrEqual(4.5)
  await expect(chroma(on.backgroundColor)).toBeGreaterThan(60)
  await expect(accent).not.toBe('')

  // Disabled: muted (a grey surface, no accent), not faded into illegibility.
  await expect(chroma(off.backgroundColor)).toBeLessThan(30)
  await expect(off.backgroundColor).not.toBe(on.backgroundColor)
  await expect(Number(off.opacity)).toBe(1)
  await expect(contrast(off.color, off.backgroundColor)).toBeGreaterThanOrEqual(4.5)
  // The two look different at a glance: their backgrounds differ in lightness as well as hue.
  await expect(contrast(off.backgroundColor, on.backgroundColor)).toBeGreaterThan(1.8)

  // Keyboard focus shows a ring (the disabled button is skipped).
  enabled!.blur()
  for (let i = 0; i < 20 && document.activeElement !== enabled; i++) await userEvent.tab()
  await expect(enabled).toHaveFocus()
  await expect(getComputedStyle(enabled!).outlineStyle).toBe('solid')
  await expect(Number.parseFloat(getComputedStyle(enabled!).outlineWidth)).toBeGreaterThanOrEqual(2)
}

/** Light theme. */
export const Light: Story = {
  globals: { theme: 'light' },
  play: ({ canvasElement }) => checkButtons(canvasElement),
}

/** Dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: ({ canvasElement }) => checkButtons(canvasElement),
}
