import type { Message } from '@runline/core'
import { describe, expect, it } from 'vitest'
import { groupThreadTurns } from './assistants-history.js'
import type { ThreadTurn } from './thread-history.js'

const message = (id: string, role: 'user' | 'assistant', runId: string | null, text = id): Message =>
  ({
    id,
    object: 'thread.message',
    created_at: 0,
    thread_id: 'thread_1',
    role,
    run_id: runId,
    assistant_id: role === 'assistant' ? 'asst_runline_demo' : null,
    status: 'completed',
    content: [{ type: 'text', text: { value: text, annotations: [] } }],
    attachments: [],
    metadata: {},
    completed_at: null,
    incomplete_at: null,
    incomplete_details: null,
  }) as Message

const shape = (turns: readonly ThreadTurn[]) =>
  turns.map((turn) => (turn.kind === 'user' ? `user:${turn.text}` : `${turn.runId}:${turn.messages.length}`))

describe('groupThreadTurns', () => {
  const history = [
    message('msg_u1', 'user', null, 'Hello there'),
    message('msg_a1', 'assistant', 'run_1'),
    message('msg_a2', 'assistant', 'run_1'),
    message('msg_u2', 'user', null, 'And now?'),
    message('msg_a3', 'assistant', 'run_2'),
  ]

  it('groups assistant messages by run and keeps user turns in order, with their text', () => {
    const turns = groupThreadTurns(history, null)
    expect(shape(turns)).toEqual(['user:Hello there', 'run_1:2', 'user:And now?', 'run_2:1'])
    expect(turns[0]).toMatchObject({ key: 'msg_u1', id: 'msg_u1', state: 'sent' })
  })

  it('leaves out the live run, which renders from its own store', () => {
    expect(shape(groupThreadTurns(history, 'run_2'))).toEqual([
      'user:Hello there',
      'run_1:2',
      'user:And now?',
    ])
  })

  it('keeps the previous turn objects (and array) for the same messages', () => {
    const first = groupThreadTurns(history, null)
    // A refetch: React Query keeps unchanged message objects.
    expect(groupThreadTurns([...history], null, first)).toBe(first)
    const more = groupThreadTurns([...history, message('msg_u3', 'user', null)], null, first)
    expect(more).not.toBe(first)
    expect(more.slice(0, 4).every((turn, i) => turn === first[i])).toBe(true)
    // A run that got another message is a new turn object; the others stay.
    const grown = groupThreadTurns([...history, message('msg_a4', 'assistant', 'run_2')], null, first)
    expect(grown[3]).not.toBe(first[3])
    expect(grown[1]).toBe(first[1])
  })
})
