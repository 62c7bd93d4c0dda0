import { expect, it } from 'vitest'
import { parseRunStream } from '../parse.js'
import { chunkBytes, streamOf, utf8 } from '../test-utils/recordings.js'
import { loadResponsesRecordings } from '../test-utils/responses.js'
import { createTextDeltaMemo } from '../text-delta.js'
import { isFragmentDelta, readFragmentDelta } from './fragment-delta.js'

it('reads every fragment delta of the recordings as JSON.parse does (same keys, same order)', () => {
  let read = 0
  for (const { events } of loadResponsesRecordings()) {
    const memo = createTextDeltaMemo()
    for (const event of events) {
      if (!isFragmentDelta(event.type) || event.type === 'response.output_text.delta') continue
      const line = JSON.stringify(event)
      const fast = readFragmentDelta(line, event.type, memo)
      if (fast === undefined) continue
      read++
      expect(JSON.stringify(fast)).toBe(line)
      expect(fast).toEqual(JSON.parse(line))
    }
  }
  // Code, arguments, summaries and diffs: all but the few with a key this does not read.
  expect(read).toBeGreaterThan(250)
})

it('reads escapes in a delta, and reuses the last item id only for the same bytes', () => {
  const memo = createTextDeltaMemo()
  const name = 'response.function_call_arguments.delta'
  const first = `{"type":"${name}","sequence_number":3,"item_id":"fc_1","output_index":1,"delta":"{\\"a\\\\\\": \\"\\n","obfuscation":"x"}`
  expect(readFragmentDelta(first, name, memo)).toEqual(JSON.parse(first))
  const second = first.replace('"fc_1"', '"fc_2"').replace(':3', ':4')
  expect(readFragmentDelta(second, name, memo)).toEqual(JSON.parse(second))
  expect(memo.lastId).toBe('fc_2')
})

it('leaves anything else to JSON.parse', () => {
  const name = 'response.code_interpreter_call_code.delta'
  const head = `{"type":"${name}","sequence_number":6,"output_index":1,"item_id":"ci_1"`
  const ok = `${head},"delta":"import random","obfuscation":"OIva"}`
  expect(readFragmentDelta(ok, name)).toEqual(JSON.parse(ok))
  for (const data of [
    // Another type than the event line says, or one that goes on past it.
    ok.replace(name, 'response.mcp_call_arguments.delta'),
    ok.replace(name, `${name}s`),
    // An escaped id, an unknown key, a key twice, a value of another kind.
    `${head.replace('"ci_1"', '"ci\\u0031"')},"delta":"x"}`,
    `${head},"delta":"x","extra":1}`,
    `${head},"delta":"x","delta":"y"}`,
    `${head},"delta":1}`,
    `${head.replace(':6', ':06')},"delta":"x"}`,
    `${head.replace(':1', ':-1')},"delta":"x"}`,
    `${head},"delta":"x","logprobs":[{"token":"x"}]}`,
    // No delta, an unfinished or over-long object, whitespace.
    `${head}}`,
    `${head},"delta":"x"`,
    `${head},"delta":"x"} `,
    `${head}, "delta":"x"}`,
    // A quote the delta does not escape.
    `${head},"delta":"x"y"}`,
  ]) {
    expect(readFragmentDelta(data, name)).toBeUndefined()
  }
  // A raw control character, short and long: JSON.parse refuses it, so does this.
  for (const data of [`${head},"delta":"x\ty"}`, `${head},"delta":"a long fragment\twith a tab"}`]) {
    expect(() => JSON.parse(data)).toThrow()
    expect(readFragmentDelta(data, name)).toBeUndefined()
  }
  expect(isFragmentDelta('response.output_text.done')).toBe(false)
  expect(isFragmentDelta('response.a\\".delta')).toBe(false)
})

it('gives parseRunStream the same events as JSON.parse, under any chunking', async () => {
  for (const [i, { bytes, events }] of loadResponsesRecordings().entries()) {
    for (const chunks of [[bytes], chunkBytes(bytes, { seed: i, max: 97 })]) {
      // (An `error` event's data is unwrapped: see parse.test.ts.)
      const parsed: string[] = []
      for await (const event of parseRunStream(streamOf(chunks)))
        if (event.event !== 'error') parsed.push(JSON.stringify(event.data))
      expect(parsed).toEqual(events.filter((e) => e.type !== 'error').map((e) => JSON.stringify(e)))
    }
  }
  // The events of a stream without `event:` lines are named by their type and read whole.
  const line = '{"type":"response.function_call_arguments.delta","sequence_number":1,"delta":"x"}'
  const named: unknown[] = []
  for await (const event of parseRunStream(streamOf([utf8(`data: ${line}\n\n`)]))) named.push(event)
  expect(named).toEqual([{ event: 'response.function_call_arguments.delta', data: JSON.parse(line) }])
})
