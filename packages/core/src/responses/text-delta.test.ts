import { expect, it } from 'vitest'
import { loadResponsesRecordings } from '../test-utils/responses.js'
import { createTextDeltaMemo } from '../text-delta.js'
import { readResponsesTextDelta } from './text-delta.js'

it('reads every templated text delta of the recordings as JSON.parse does (same keys, same order)', () => {
  let read = 0
  for (const { events } of loadResponsesRecordings()) {
    for (const event of events) {
      if (event.type !== 'response.output_text.delta') continue
      const line = JSON.stringify(event)
      const fast = readResponsesTextDelta(line)
      if (fast === undefined) continue
      read++
      expect(JSON.stringify(fast)).toBe(line)
      expect(fast).toEqual(JSON.parse(line))
    }
  }
  expect(read).toBeGreaterThan(1000)
})

it('leaves anything else to JSON.parse', () => {
  const head =
    '{"type":"response.output_text.delta","sequence_number":1,"item_id":"m","output_index":0,"content_index":0'
  const ok = `${head},"delta":"a long enough plain fragment","logprobs":[]}`
  expect(readResponsesTextDelta(ok)).toEqual(JSON.parse(ok))
  for (const data of [
    `${head.replace('"m"', '"m\\u0041"')},"delta":"x","logprobs":[]}`,
    `${head},"delta":"x\\","logprobs":[]}`,
    `${head},"delta":"x\\\\","logprobs":[]} ","logprobs":[]}`,
    `${head},"delta":"x","y","logprobs":[]}`,
    `${head},"delta":"x","logprobs":[{"token":"x"}]}`,
    `${head},"delta":"x","logprobs":[]} `,
    `${head},"delta":"x","logprobs":[],"extra":1}`,
    `${head.replace('"sequence_number":1', '"sequence_number":01')},"delta":"x","logprobs":[]}`,
    `${head.replace('"output_index":0', '"output_index":-1')},"delta":"x","logprobs":[]}`,
    `${head},"delta":"x","logprobs":[],"obfuscation":"a\\u0041"}`,
  ]) {
    expect(readResponsesTextDelta(data)).toBeUndefined()
  }
  // A raw control character, in a short string and in a long one: JSON.parse refuses it, so does this.
  for (const data of [
    `${head},"delta":"x\ty","logprobs":[]}`,
    `${head},"delta":"a long fragment\twith a tab","logprobs":[]}`,
  ]) {
    expect(() => JSON.parse(data)).toThrow()
    expect(readResponsesTextDelta(data)).toBeUndefined()
  }
})

it('reads a delta with escapes as JSON.parse does, wherever its closing quote is', () => {
  const head =
    '{"type":"response.output_text.delta","sequence_number":1,"item_id":"m","output_index":0,"content_index":0'
  for (const delta of [
    'esc\\"aped',
    'x\\\\',
    'a\\nb',
    '\\u6771\\u4eac',
    'x\\",\\"logprobs\\":[]',
    '\\\\\\"',
  ]) {
    const data = `${head},"delta":"${delta}","logprobs":[]}`
    expect(readResponsesTextDelta(data)).toEqual(JSON.parse(data))
  }
})

it('reuses the previous delta’s item id only when the bytes are the same', () => {
  const memo = createTextDeltaMemo()
  const line = (id: string, delta: string) =>
    `{"type":"response.output_text.delta","sequence_number":1,"item_id":"${id}","output_index":0,"content_index":0,"delta":"${delta}","logprobs":[]}`
  const first = readResponsesTextDelta(line('msg_0123456789abcdef', 'a'), memo)
  expect(memo.lastId).toBe('msg_0123456789abcdef')
  const again = readResponsesTextDelta(line('msg_0123456789abcdef', 'b'), memo)
  expect(again?.item_id).toBe(first?.item_id)
  // Same length, other bytes: read anew.
  const other = readResponsesTextDelta(line('msg_0123456789abcdeX', 'c'), memo)
  expect(other).toEqual(JSON.parse(line('msg_0123456789abcdeX', 'c')))
  expect(memo.lastId).toBe('msg_0123456789abcdeX')
  // A delta that is not the template leaves the memo as it was.
  expect(readResponsesTextDelta(line('msg_\\u0041', 'd'), memo)).toBeUndefined()
  expect(memo.lastId).toBe('msg_0123456789abcdeX')
})
