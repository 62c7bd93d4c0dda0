import type { Message } from '@runline/core'
import { describe, expect, it } from 'vitest'
import { groupHistory, userText } from './history.js'

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

describe('groupHistory', () => {
  it('groups assistant messages by run and keeps user turns in order', () => {
    const items = groupHistory(
      [
        message('msg_u1', 'user', null),
        message('msg_a1', 'assistant', 'run_1'),
        message('msg_a2', 'assistant', 'run_1'),
        message('msg_u2', 'user', null),
        message('msg_a3', 'assistant', 'run_2'),
      ],
      null,
    )
    expect(
      items.map((item) => (item.kind === 'user' ? item.key : `${item.runId}:${item.messages.length}`)),
    ).toEqual(['msg_u1', 'run_1:2', 'msg_u2', 'run_2:1'])
  })

  it('leaves out the live run, which renders from its own store', () => {
    const items = groupHistory(
      [message('msg_u1', 'user', null), message('msg_a1', 'assistant', 'run_live')],
      'run_live',
    )
    expect(items).toHaveLength(1)
    expect(items[0]?.kind).toBe('user')
  })

  it('reads the text of user messages', () => {
    expect(userText(message('msg_u', 'user', null, 'Hello there'))).toBe('Hello there')
  })
})
