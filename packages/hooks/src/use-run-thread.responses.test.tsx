// useRunThread on the Responses wire, against the real simulator's Responses face, in-process
// through the client's `fetch` option: conversations, items, the live turn and its handover.
import { selectStatus, selectTimeline } from '@runline/core'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import type { ConversationItem } from 'openai/resources/conversations/items'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { groupConversationTurns, responsesHistory } from './responses-history.js'
import { createTestBackend, createWrapper } from './test-utils/sim.js'
import type { AssistantTurn, ThreadTurn } from './thread-history.js'
import type { ToolHandlers } from './tool-calls.js'
import { useRunStream } from './use-run-stream.js'
import { type RunThreadState, useRunThread } from './use-run-thread.js'

afterEach(cleanup)

const selectNothing = () => 0
type Backend = ReturnType<typeof createTestBackend>

/** Every render's thread state, to check that nothing ever shows twice, not even for one render. */
function renderThread(
  backend: Backend,
  props: { threadId?: string; onThreadCreated?: (id: string) => void; tools?: ToolHandlers } = {},
) {
  const { Wrapper, queryClient } = createWrapper(backend.client)
  const seen: RunThreadState[] = []
  const view = renderHook(
    () => {
      const run = useRunStream(
        { wire: 'responses', model: 'runline-sim', scheduler: 'sync', tools: props.tools },
        selectNothing,
      )
      const thread = useRunThread({
        run,
        wire: 'responses',
        threadId: props.threadId,
        onThreadCreated: props.onThreadCreated,
      })
      seen.push(thread)
      return { run, thread }
    },
    { wrapper: Wrapper },
  )
  return { ...view, seen, queryClient }
}

const shape = (turns: readonly ThreadTurn[]) =>
  turns.map((turn) => (turn.kind === 'user' ? `user:${turn.text}` : `assistant:${turn.items?.length}`))

/** No render showed a user message, a turn or an item twice; nor an item the live run held. */
function expectNoDuplicates(seen: readonly RunThreadState[]) {
  for (const state of seen) {
    const keys = state.turns.map((turn) => turn.key)
    expect(new Set(keys).size).toBe(keys.length)
    const texts = state.turns.flatMap((turn) => (turn.kind === 'user' ? [turn.text] : []))
    expect(new Set(texts).size).toBe(texts.length)
  }
}

/** Plays one turn in `conversation` the way the wire does, answering function calls with `output`. */
async function playTurn(backend: Backend, conversation: string, text: string, output = '21 C, sunny') {
  let response = await backend.client.responses.create({
    model: 'runline-sim',
    conversation,
    input: [{ role: 'user', content: text }],
  })
  for (;;) {
    const calls = response.output.filter((item) => item.type === 'function_call')
    if (calls.length === 0) return
    response = await backend.client.responses.create({
      model: 'runline-sim',
      conversation,
      input: calls.map((call) => ({ type: 'function_call_output' as const, call_id: call.call_id, output })),
    })
  }
}

describe('useRunThread on the Responses wire', () => {
  it('the first send creates a conversation and the response carries the text; no message is created', async () => {
    const backend = createTestBackend()
    const onThreadCreated = vi.fn()
    const { result, seen } = renderThread(backend, { onThreadCreated })
    expect(result.current.thread.empty).toBe(true)

    let sent!: Promise<boolean>
    act(() => {
      sent = result.current.thread.send('  Hello there  ')
    })
    expect(result.current.thread.turns).toMatchObject([
      { kind: 'user', text: 'Hello there', state: 'sending' },
    ])
    await act(async () => {
      expect(await sent).toBe(true)
    })
    expect(result.current.thread.status).toBe('completed')
    const conversation = onThreadCreated.mock.calls[0]![0] as string
    expect(conversation).toMatch(/^conv_/)
    expect(result.current.thread.threadId).toBe(conversation)
    expect(backend.count('POST', /^\/conversations$/)).toBe(1)
    expect(backend.count('POST', /\/messages$/)).toBe(0)
    const create = backend.requests.find((r) => r.method === 'POST' && r.path === '/responses')
    expect(create?.body).toMatchObject({
      model: 'runline-sim',
      conversation,
      input: [{ role: 'user', content: 'Hello there' }],
    })
    // The run's end refetched the items: the history has the user's message, the answer stays live.
    await waitFor(() => expect(shape(result.current.thread.history.turns)).toEqual(['user:Hello there']))
    expect(result.current.thread.turns).toHaveLength(1)
    expect(result.current.thread.turns[0]).toMatchObject({ state: 'sent', item: { role: 'user' } })
    expect(result.current.thread.live).toBe(true)
    expectNoDuplicates(seen)
  })

  it('the message reads sent once the response exists, before the turn ends', async () => {
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    // The second response of the weather loop waits: the first one exists by then.
    const backend = createTestBackend({
      beforeFetch: (method, path) =>
        method === 'POST' && path === '/responses' && backend.count('POST', /^\/responses$/) > 1
          ? held
          : undefined,
    })
    const { result } = renderThread(backend, { tools: { get_weather: () => '18 C' } })
    let sent!: Promise<boolean>
    act(() => {
      sent = result.current.thread.send('What is the weather in Oslo?')
    })
    await waitFor(() => expect(backend.count('POST', /^\/responses$/)).toBe(2))
    expect(result.current.thread.turns).toMatchObject([{ kind: 'user', state: 'sent' }])
    expect(result.current.thread.active).toBe(true)
    release()
    await act(async () => {
      expect(await sent).toBe(true)
    })
    expect(result.current.thread.status).toBe('completed')
  })

  it('moves the finished turn into the history when the next one starts, without duplicates', async () => {
    const backend = createTestBackend()
    const { result, seen } = renderThread(backend, { tools: { get_weather: () => '{"temp": 21}' } })
    await act(async () => {
      await result.current.thread.send('What is the weather in Paris?')
    })
    await waitFor(() => expect(result.current.thread.history.turns).toHaveLength(1))
    await act(async () => {
      await result.current.thread.send('And a second question')
    })
    await waitFor(() =>
      expect(result.current.thread.turns.map((turn) => turn.kind)).toEqual(['user', 'assistant', 'user']),
    )
    // The weather turn, from its items: the calls, their outputs (input of the next response), the answer.
    const turn = result.current.thread.turns[1] as AssistantTurn
    const types = turn.items!.map((item) => item.type)
    expect(types).toContain('function_call')
    expect(types).toContain('function_call_output')
    expect(types.at(-1)).toBe('message')
    expect(turn).toMatchObject({ runId: null, messages: [] })
    // The second turn is live: none of its items is in the history.
    const liveIds = new Set(
      result.current.run.state.responses!.flatMap((rs) => rs.output.map((item) => item?.id)),
    )
    const historyIds = result.current.thread.history.turns.flatMap((t) =>
      t.kind === 'assistant' ? t.items!.map((item) => (item as { id: string }).id) : [],
    )
    expect(historyIds.some((id) => liveIds.has(id))).toBe(false)
    expectNoDuplicates(seen)
  })

  it('reads an existing conversation: turns from its items, each folded into a run state', async () => {
    const backend = createTestBackend()
    const { id } = await backend.client.conversations.create()
    await playTurn(backend, id, 'Hello')
    await playTurn(backend, id, 'What is the weather in Rome?')
    const { result } = renderThread(backend, { threadId: id })
    expect(result.current.thread.history.status).toBe('pending')
    await waitFor(() =>
      expect(shape(result.current.thread.turns)).toEqual([
        'user:Hello',
        expect.stringMatching(/^assistant:/),
        'user:What is the weather in Rome?',
        expect.stringMatching(/^assistant:/),
      ]),
    )
    expect(result.current.thread.live).toBe(false)
    const weather = result.current.thread.turns[3] as AssistantTurn
    const { result: folded } = renderHook(() => responsesHistory.useTurnRun(id, weather))
    expect(selectStatus(folded.current)).toBe('completed')
    const rows = selectTimeline(folded.current).map((row) => (row.item as { type: string }).type)
    expect(rows).toContain('function_call')
    expect(rows).not.toContain('function_call_output')
    expect(rows.at(-1)).toBe('message')
  })

  it('pages to earlier items', async () => {
    const backend = createTestBackend()
    const { id } = await backend.client.conversations.create()
    for (const text of ['one', 'two', 'three']) await playTurn(backend, id, text)
    const { Wrapper } = createWrapper(backend.client)
    const { result } = renderHook(
      () => {
        const run = useRunStream(
          { wire: 'responses', model: 'runline-sim', scheduler: 'sync' },
          selectNothing,
        )
        return useRunThread({ run, wire: 'responses', threadId: id, pageSize: 2 })
      },
      { wrapper: Wrapper },
    )
    await waitFor(() => expect(result.current.history.hasEarlier).toBe(true))
    expect(shape(result.current.turns)).toEqual(['user:three', 'assistant:1'])
    while (result.current.history.hasEarlier) {
      act(() => result.current.history.loadEarlier())
      await waitFor(() => expect(result.current.history.loadingEarlier).toBe(false))
    }
    expect(shape(result.current.turns)).toEqual([
      'user:one',
      'assistant:1',
      'user:two',
      'assistant:1',
      'user:three',
      'assistant:1',
    ])
  })

  it('says when the server does not know the conversation', async () => {
    const { result } = renderThread(createTestBackend(), { threadId: 'conv_gone' })
    await waitFor(() => expect(result.current.thread.history.missing).toBe(true))
    expect(result.current.thread.history.status).toBe('error')
  })

  it('a start that never reached the server marks the message failed and says why', async () => {
    const backend = createTestBackend({
      beforeFetch: (method, path) => {
        if (method === 'POST' && path === '/responses') throw new TypeError('network down')
      },
    })
    const { result } = renderThread(backend)
    await act(async () => {
      expect(await result.current.thread.send('lost')).toBe(false)
    })
    expect(result.current.thread.sendError?.message).toMatch(/network down/)
    expect(result.current.thread.turns).toMatchObject([{ kind: 'user', text: 'lost', state: 'failed' }])
    expect(result.current.thread.active).toBe(false)
  })
})

describe('groupConversationTurns', () => {
  const item = (id: string, type: string, extra: Record<string, unknown> = {}) =>
    ({ id, type, ...extra }) as unknown as ConversationItem
  const user = (id: string, text: string) =>
    item(id, 'message', { role: 'user', content: [{ type: 'input_text', text }] })
  const items = [
    item('rs_0', 'reasoning'),
    user('msg_1', 'Hi'),
    item('msg_2', 'message', { role: 'assistant', content: [{ type: 'output_text', text: 'Hello' }] }),
    user('msg_3', 'Weather?'),
    item('fc_4', 'function_call'),
    item('fco_5', 'function_call_output'),
    item('msg_6', 'message', { role: 'assistant', content: [] }),
  ]

  it('a user message begins a turn; what follows up to the next one is its answer; a page may begin mid-turn', () => {
    expect(shape(groupConversationTurns(items))).toEqual([
      'assistant:1',
      'user:Hi',
      'assistant:1',
      'user:Weather?',
      'assistant:3',
    ])
    expect(groupConversationTurns(items).map((turn) => turn.key)).toEqual([
      'rs_0',
      'msg_1',
      'msg_2',
      'msg_3',
      'fc_4',
    ])
  })

  it('leaves out the turn that holds an item of the live run', () => {
    expect(shape(groupConversationTurns(items, new Set(['msg_6'])))).toEqual([
      'assistant:1',
      'user:Hi',
      'assistant:1',
      'user:Weather?',
    ])
  })

  it('keeps the previous turn objects (and array) for the same items', () => {
    const first = groupConversationTurns(items)
    expect(groupConversationTurns([...items], undefined, first)).toBe(first)
    const grown = groupConversationTurns([...items, item('msg_7', 'message')], undefined, first)
    expect(grown).not.toBe(first)
    expect(grown.slice(0, 4).every((turn, i) => turn === first[i])).toBe(true)
    expect(grown[4]).not.toBe(first[4])
  })
})
