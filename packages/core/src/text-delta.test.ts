import { createParser } from 'eventsource-parser'
import { describe, expect, it } from 'vitest'
import { createRunEventDecoder } from './parse.js'
import { generateRunStream } from './test-utils/generate.js'
import { loadRecordings, seededRandom } from './test-utils/recordings.js'
import { createTextDeltaMemo, readTextDelta, startsAt } from './text-delta.js'
import type { RunStreamEvent } from './types.js'

/** Every `thread.message.delta` data line of an SSE text. */
function deltaData(sse: string): string[] {
  const found: string[] = []
  const parser = createParser({
    onEvent: (message) => {
      if (message.event === 'thread.message.delta') found.push(message.data)
    },
  })
  parser.feed(sse)
  parser.feed('\n\n')
  return found
}

const template = (value: string, index = '0', tail = '"}}]}}') =>
  `{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":${index},"type":"text","text":{"value":"${value}${tail}`

describe('readTextDelta', () => {
  it('gives exactly what JSON.parse gives for the real recordings and generated runs, or declines', () => {
    const inputs = [
      ...loadRecordings().flatMap((r) => deltaData(new TextDecoder().decode(r.bytes))),
      ...[1, 2, 3, 4, 5].flatMap((seed) => deltaData(generateRunStream(seed).sse)),
    ]
    let read = 0
    for (const data of inputs) {
      const fast = readTextDelta(data)
      if (fast === undefined) continue
      read++
      // Same values and the same key order as the general path.
      expect(JSON.stringify(fast)).toBe(JSON.stringify(JSON.parse(data)))
      expect(fast).toStrictEqual(JSON.parse(data))
    }
    // The fast path must carry most of the real text deltas, or it is not worth having.
    expect(read).toBeGreaterThan(inputs.length * 0.6)
  })

  it('reads the first delta of a part, which carries an empty annotations list', () => {
    const data = template('Hi', '2', '","annotations":[]}}]}}')
    expect(readTextDelta(data)).toStrictEqual(JSON.parse(data))
    expect(readTextDelta(data)?.delta.content?.[0]).toMatchObject({ index: 2 })
  })

  it('reads escapes in the text and the id exactly as JSON.parse does', () => {
    for (const data of [
      template('line\\nbreak'),
      template('say \\"hi\\"'),
      template('\\u00e9 \\ud83d\\ude00 \\\\ \\/'),
      template('a long fragment with more than thirteen characters'),
      '{"id":"msg\\\\1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"x"}}]}}',
    ]) {
      expect(readTextDelta(data), data).toStrictEqual(JSON.parse(data))
    }
  })

  it('reuses the previous id only when the bytes are the same unescaped id', () => {
    const withId = (id: string) =>
      `{"id":"${id}","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"x"}}]}}`
    // An escaped id is read (as JSON reads it) but never reused for bytes that only look like its value.
    expect(readTextDelta(withId('msg\\u0041'))?.id).toBe('msgA')
    expect(readTextDelta(withId('msgA'))?.id).toBe('msgA')
    expect(readTextDelta(withId('msg\\\\1'))?.id).toBe('msg\\1')
    expect(readTextDelta(withId('msg\\1'))).toBeUndefined()
    expect(readTextDelta(withId('msgB'))?.id).toBe('msgB')
    expect(readTextDelta(withId('msgB'))?.id).toBe('msgB')
  })

  it('reuses an id only through the memo of its own stream, never across streams', () => {
    const withId = (id: string, value = 'x') =>
      `{"id":"${id}","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"${value}"}}]}}`
    const a = createTextDeltaMemo()
    const b = createTextDeltaMemo()
    // The same sequence as above, through one memo: reuse happens and never changes what is read.
    expect(readTextDelta(withId('msg\\u0041'), a)?.id).toBe('msgA')
    expect(a.lastId).toBe('')
    expect(readTextDelta(withId('msgA'), a)?.id).toBe('msgA')
    expect(a.lastId).toBe('msgA')
    expect(readTextDelta(withId('msg\\\\1'), a)?.id).toBe('msg\\1')
    expect(readTextDelta(withId('msg\\1'), a)).toBeUndefined()
    // Two streams interleaved: each memo keeps its own stream's id.
    for (let i = 0; i < 3; i++) {
      expect(readTextDelta(withId('msg_a', `a${i}`), a)?.id).toBe('msg_a')
      expect(readTextDelta(withId('msg_b', `b${i}`), b)?.id).toBe('msg_b')
      expect([a.lastId, b.lastId]).toEqual(['msg_a', 'msg_b'])
    }
    // Without a memo nothing is remembered.
    expect(readTextDelta(withId('msg_c'))?.id).toBe('msg_c')
    expect([a.lastId, b.lastId]).toEqual(['msg_a', 'msg_b'])
  })

  it('gives two streams decoded interleaved the very events each gives alone', () => {
    const streams = [generateRunStream(21).sse, generateRunStream(22).sse]
    const alone = streams.map((sse) => {
      const events: RunStreamEvent[] = []
      const decoder = createRunEventDecoder('sse', (event) => events.push(event))
      decoder.feed(sse)
      decoder.end()
      return events
    })
    const together: RunStreamEvent[][] = [[], []]
    const decoders = [0, 1].map((k) => createRunEventDecoder('sse', (event) => together[k]!.push(event)))
    const random = seededRandom(3)
    const at = [0, 0]
    while (at[0]! < streams[0]!.length || at[1]! < streams[1]!.length) {
      const k = random() < 0.5 ? 0 : 1
      const size = 1 + Math.floor(random() * 300)
      decoders[k]!.feed(streams[k]!.slice(at[k], at[k]! + size))
      at[k]! += size
    }
    for (const decoder of decoders) decoder.end()
    expect(together).toEqual(alone)
  })

  it('declines what is not exactly the template: stray quotes, control characters, other shapes', () => {
    for (const data of [
      template('a","x":"b'),
      template('ends in a backslash\\'),
      template('x\\'),
      template('tab\there'),
      template('x', '01'),
      template('x', '-1'),
      template('x', '1.5'),
      template('x', '1e3'),
      template('x', '1234567890'),
      template('x', '0', '"}}]}} '),
      template('x', '0', '","annotations":[{"index":0}]}}]}}'),
      template('x', '0', '"}},{"index":1,"type":"text","text":{"value":"y"}}]}}'),
      '{"id": "msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"x"}}]}}',
      '{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"image_file","image_file":{"file_id":"f"}}]}}',
      '{"id":"msg\\"1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"x"}}]}}',
      '{"id":"msg_1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"',
      '',
      'not json',
    ]) {
      expect(readTextDelta(data), data).toBeUndefined()
    }
  })

  it('reads an index of up to 9 digits as JSON.parse does, and declines anything else there', () => {
    for (const index of ['0', '7', '10', '990', '123456789']) {
      const data = template('x', index)
      expect(readTextDelta(data), data).toStrictEqual(JSON.parse(data))
    }
    for (const index of ['', '00', '007', '1234567890', ' 1', '+1', '1 ', '0x1', '٣']) {
      expect(readTextDelta(template('x', index)), index).toBeUndefined()
    }
  })

  it('declines data whose tail is not at its very end, or that stops short of it', () => {
    for (const data of [
      `${template('a')} `,
      `${template('a')}}`,
      `${template('a', '0', '","annotations":[]}}]}}')}\n`,
      template('a"}}]}}b', '0', ''),
      template('', '0', '"}}]}'),
      '{"id":"m","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"}}]}}',
    ]) {
      expect(readTextDelta(data), data).toBeUndefined()
    }
  })

  it('agrees with JSON.parse on random values around the template (read or declined, never different)', () => {
    const random = seededRandom(7)
    const alphabet = [
      'a',
      ' ',
      'é',
      '😀',
      '"',
      '\\',
      '\\n',
      '\\"',
      '\n',
      '\u0001',
      '}',
      ']',
      ',',
      ':',
      '\u2028',
    ]
    let read = 0
    for (let i = 0; i < 3000; i++) {
      let value = ''
      // Short values (under 13 characters) and long ones take different branches.
      const length = Math.floor(random() * 20)
      for (let k = 0; k < length; k++) value += alphabet[Math.floor(random() * alphabet.length)]
      const data = template(
        value,
        String(Math.floor(random() * 12)),
        random() < 0.3 ? '","annotations":[]}}]}}' : '"}}]}}',
      )
      const fast = readTextDelta(data)
      if (fast === undefined) continue
      read++
      expect(fast).toStrictEqual(JSON.parse(data))
    }
    expect(read).toBeGreaterThan(300)
  })
})

describe('startsAt', () => {
  it('says whether the prefix is at that place, and only there', () => {
    const data = '{"a":1,"type":"x","b":"{\\"type\\":"}'
    expect(startsAt(data, '{"a":', 0)).toBe(true)
    expect(startsAt(data, '"type":"', 7)).toBe(true)
    // The prefix further on, the same last character with another start, or past the end: no.
    expect(startsAt(data, '"type":"', 0)).toBe(false)
    expect(startsAt(data, '"xype":"', 7)).toBe(false)
    expect(startsAt(data, '"b":"{', data.length - 3)).toBe(false)
    expect(startsAt('', '{', 0)).toBe(false)
  })
})
