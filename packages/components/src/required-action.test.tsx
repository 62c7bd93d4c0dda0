import type { RequiredActionFunctionToolCall, RunState } from '@runline/core'
import type { ToolOutput } from '@runline/hooks'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  preloadRunTimelineParts,
  RequiredAction,
  RunTimeline,
  ToolCallForm,
  validateOutput,
} from './index.js'
import { fold, simulatedEvents, simulatedState, syncStore } from './test-utils/states.js'

afterEach(cleanup)

let weather: RunState
let calls: readonly RequiredActionFunctionToolCall[]
beforeAll(async () => {
  // The form loads on first use; that first load is lazy-parts.test.tsx's subject.
  await preloadRunTimelineParts()
  weather = await simulatedState('weather in Paris and in Tokyo')
  calls = weather.run!.required_action!.submit_tool_outputs.tool_calls
})

function deferred() {
  let resolve: () => void = () => {}
  let reject: (error: Error) => void = () => {}
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('RequiredAction', () => {
  it('has one section per pending call, each with its arguments and a field "Output for <name>"', () => {
    render(<RequiredAction run={{ store: syncStore(weather), submitToolOutputs: vi.fn() }} />)
    const groups = screen.getAllByRole('group')
    expect(groups).toHaveLength(2)
    expect(within(groups[0]!).getByText(/"location": "Paris"/)).toBeTruthy()
    expect(within(groups[1]!).getByText(/"location": "Tokyo"/)).toBeTruthy()
    const fields = screen.getAllByLabelText('Output for get_weather')
    expect(fields).toHaveLength(2)
    // Two calls of one function: same label, told apart by their descriptions (the arguments).
    expect(fields[0]!.getAttribute('aria-describedby')).not.toBe(fields[1]!.getAttribute('aria-describedby'))
    expect((fields[0] as HTMLTextAreaElement).labels?.[0]?.textContent).toBe('Output for get_weather')
    const description = document.getElementById(fields[1]!.getAttribute('aria-describedby')!)
    expect(description?.textContent).toContain('location: Tokyo')
  })

  it('takes calls whose name or arguments are not strings, and still sends an output for each', async () => {
    const odd = [
      { id: 'call_obj', type: 'function', function: { name: 'lookup', arguments: { city: 'Paris' } } },
      { id: 'call_num', type: 'function', function: { name: 7, arguments: 5 } },
      { id: 'call_none', type: 'function', function: {} },
    ] as unknown as RequiredActionFunctionToolCall[]
    const onSubmit = vi.fn()
    render(<ToolCallForm calls={odd} onSubmit={onSubmit} />)
    const groups = screen.getAllByRole('group')
    expect(groups).toHaveLength(3)
    // Parsed arguments show as the JSON they stand for.
    expect(within(groups[0]!).getByText(/"city": "Paris"/)).toBeTruthy()
    for (const label of ['Output for lookup', 'Output for 7', 'Output for function']) {
      fireEvent.change(screen.getByLabelText(label), { target: { value: 'ok' } })
    }
    fireEvent.click(screen.getByRole('button', { name: 'Submit tool outputs' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
    expect(onSubmit.mock.calls[0]![0]).toEqual([
      { tool_call_id: 'call_obj', output: 'ok' },
      { tool_call_id: 'call_num', output: 'ok' },
      { tool_call_id: 'call_none', output: 'ok' },
    ])
  })

  it('renders nothing when the run does not require action', async () => {
    const { container } = render(<RequiredAction run={await simulatedState('hello')} />)
    expect(container.innerHTML).toBe('')
  })

  it('keeps "Submit tool outputs" disabled until every output is filled, then sends all in one call', async () => {
    const user = userEvent.setup()
    const submitToolOutputs = vi.fn(async (_outputs: ToolOutput[]) => {})
    render(<RequiredAction run={{ store: syncStore(weather), submitToolOutputs }} />)
    const button = screen.getByRole('button', { name: 'Submit tool outputs' }) as HTMLButtonElement
    const [paris, tokyo] = screen.getAllByLabelText('Output for get_weather')
    expect(button.disabled).toBe(true)
    await user.type(paris!, 'sunny')
    expect(button.disabled).toBe(true)
    await user.type(tokyo!, '   ')
    expect(button.disabled).toBe(true)
    await user.clear(tokyo!)
    await user.type(tokyo!, 'rainy')
    expect(button.disabled).toBe(false)
    await user.click(button)
    expect(submitToolOutputs).toHaveBeenCalledTimes(1)
    expect(submitToolOutputs).toHaveBeenCalledWith([
      { tool_call_id: calls[0]!.id, output: 'sunny' },
      { tool_call_id: calls[1]!.id, output: 'rainy' },
    ])
  })

  it('validates text that looks like JSON, with aria-invalid and an inline message', async () => {
    const user = userEvent.setup()
    render(<ToolCallForm calls={calls} onSubmit={vi.fn()} />)
    const [paris, tokyo] = screen.getAllByLabelText('Output for get_weather')
    await user.type(paris!, '{{"temp": 1')
    expect(paris!.getAttribute('aria-invalid')).toBe('true')
    const message = document.getElementById(paris!.getAttribute('aria-errormessage')!)
    expect(message?.textContent).toMatch(/^Not valid JSON/)
    await user.type(tokyo!, 'plain text is fine')
    expect(tokyo!.hasAttribute('aria-invalid')).toBe(false)
    expect((screen.getByRole('button', { name: 'Submit tool outputs' }) as HTMLButtonElement).disabled).toBe(
      true,
    )
    await user.clear(paris!)
    await user.type(paris!, '{{"temp": 1}')
    expect(paris!.hasAttribute('aria-invalid')).toBe(false)
    expect((screen.getByRole('button', { name: 'Submit tool outputs' }) as HTMLButtonElement).disabled).toBe(
      false,
    )
  })

  it('checks outputs against an optional schema per tool', async () => {
    const user = userEvent.setup()
    const schema = {
      type: 'object' as const,
      required: ['temperature'],
      properties: { temperature: { type: 'number' as const }, unit: { enum: ['c', 'f'] } },
    }
    render(
      <ToolCallForm calls={calls.slice(0, 1)} onSubmit={vi.fn()} outputSchemas={{ get_weather: schema }} />,
    )
    const field = screen.getByLabelText('Output for get_weather')
    const button = screen.getByRole('button', { name: 'Submit tool outputs' }) as HTMLButtonElement
    await user.type(field, 'warm')
    expect(field.getAttribute('aria-invalid')).toBe('true')
    await user.clear(field)
    await user.type(field, '{{"unit": "k"}')
    const message = document.getElementById(field.getAttribute('aria-errormessage')!)!.textContent!
    expect(message).toContain('missing "temperature"')
    expect(message).toContain('$.unit should be one of "c", "f"')
    expect(button.disabled).toBe(true)
    await user.clear(field)
    await user.type(field, '{{"temperature": 21, "unit": "c"}')
    expect(field.hasAttribute('aria-invalid')).toBe(false)
    expect(button.disabled).toBe(false)
    expect(validateOutput('{"temperature": "hot"}', schema)).toContain('$.temperature should be number')
  })

  it('sends once however often it is clicked, and stays disabled while submitting', async () => {
    const pending = deferred()
    const onSubmit = vi.fn(() => pending.promise)
    render(<ToolCallForm calls={calls} onSubmit={onSubmit} />)
    for (const field of screen.getAllByLabelText('Output for get_weather')) {
      fireEvent.change(field, { target: { value: 'ok' } })
    }
    const button = screen.getByRole('button', { name: 'Submit tool outputs' }) as HTMLButtonElement
    // Two clicks in the same tick: the second must not send again.
    act(() => {
      button.click()
      button.click()
    })
    expect(onSubmit).toHaveBeenCalledTimes(1)
    expect(button.disabled).toBe(true)
    fireEvent.submit(button.closest('form')!)
    expect(onSubmit).toHaveBeenCalledTimes(1)
    await act(async () => pending.resolve())
    expect(button.disabled).toBe(true)
    expect(onSubmit).toHaveBeenCalledTimes(1)
  })

  it('shows a submit error as an alert and lets the person try again', async () => {
    const first = deferred()
    const onSubmit = vi.fn().mockReturnValueOnce(first.promise).mockResolvedValueOnce(undefined)
    render(<ToolCallForm calls={calls.slice(0, 1)} onSubmit={onSubmit} />)
    fireEvent.change(screen.getByLabelText('Output for get_weather'), { target: { value: 'ok' } })
    const button = screen.getByRole('button', { name: 'Submit tool outputs' }) as HTMLButtonElement
    fireEvent.click(button)
    await act(async () => first.reject(new Error('run is not waiting for tool outputs')))
    expect(screen.getByRole('alert').textContent).toContain('run is not waiting for tool outputs')
    expect(button.disabled).toBe(false)
    fireEvent.click(button)
    expect(onSubmit).toHaveBeenCalledTimes(2)
  })

  it('shows calls answered by client handlers as handled, and sends their outputs too', async () => {
    const submitToolOutputs = vi.fn()
    const handledToolCalls = { [calls[1]!.id]: '{"temperature": 24}' }
    render(<RequiredAction run={{ store: syncStore(weather), submitToolOutputs, handledToolCalls }} />)
    const fields = screen.getAllByLabelText('Output for get_weather')
    expect(fields).toHaveLength(1)
    const handledGroup = screen.getAllByRole('group')[1]!
    expect(handledGroup.getAttribute('data-state')).toBe('handled')
    expect(within(handledGroup).getByText('Handled by the app')).toBeTruthy()
    expect(handledGroup.textContent).toContain('"temperature": 24')
    fireEvent.change(fields[0]!, { target: { value: 'sunny' } })
    fireEvent.click(screen.getByRole('button', { name: 'Submit tool outputs' }))
    expect(submitToolOutputs).toHaveBeenCalledWith([
      { tool_call_id: calls[0]!.id, output: 'sunny' },
      { tool_call_id: calls[1]!.id, output: '{"temperature": 24}' },
    ])
  })

  it('in the timeline, submitting feeds the continuation and the form goes away', async () => {
    const { events, submit } = await simulatedEvents('weather in Paris and in Tokyo')
    const store = syncStore(fold(events))
    const submitToolOutputs = async (outputs: ToolOutput[]) => {
      for (const event of await submit(outputs)) store.dispatch(event)
    }
    render(<RunTimeline run={{ store, submitToolOutputs, cancel: () => {} }} />)
    expect(screen.getByRole('status').textContent).toBe('Requires action')
    for (const field of screen.getAllByLabelText('Output for get_weather')) {
      fireEvent.change(field, { target: { value: '{"temperature": 20}' } })
    }
    fireEvent.click(screen.getByRole('button', { name: 'Submit tool outputs' }))
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Completed'))
    expect(screen.queryByRole('button', { name: 'Submit tool outputs' })).toBeNull()
    const calls = [...document.querySelectorAll('.rl-tool--function')]
    expect(calls.map((call) => call.getAttribute('data-state'))).toEqual(['answered', 'answered'])
    expect(calls[0]!.textContent).toContain('"temperature": 20')
  })
})
