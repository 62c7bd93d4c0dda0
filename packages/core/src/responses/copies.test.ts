import { describe, expect, it } from 'vitest'
import { reduceRun } from '../all-wires.js'
import { initialRunState } from '../reduce.js'
import { loadResponsesRecordings } from '../test-utils/responses.js'
import type { RunStreamEvent } from '../types.js'
import {
  copyItem,
  copyPart,
  copyResponseState,
  FUNCTION_CALL_KEYS,
  MESSAGE_ITEM_KEYS,
  OUTPUT_TEXT_KEYS,
  RESPONSE_STATE_KEYS,
} from './copies.js'

type Json = Record<string, any>
// Events as OpenAI sends them (`type` first; some recorders sorted the keys of theirs).
const events = loadResponsesRecordings()
  .flatMap((r) => r.events)
  .filter((e) => Object.keys(e)[0] === 'type')
const first = (type: string, pick: (e: Json) => Json | undefined) =>
  events.map(pick).find((v) => v?.type === type)!

describe('the copies on a Responses fragment path', () => {
  const message = first('message', (e) => (e.type === 'response.output_item.added' ? e.item : undefined))
  const call = first('function_call', (e) => (e.type === 'response.output_item.added' ? e.item : undefined))
  const part = first('output_text', (e) => (e.type === 'response.content_part.added' ? e.part : undefined))
  const state = reduceRun(initialRunState, {
    event: 'response.created',
    data: { type: 'response.created', sequence_number: 0, response: { id: 'resp_1', output: [] } },
  } as unknown as RunStreamEvent)
  const cases: Array<[string, (value: any) => object, object]> = [
    ['response state', copyResponseState, state.responses![0]!],
    ['message item', copyItem, message],
    ['function call item', copyItem, call],
    ['output_text part', copyPart, part],
    ['summary part', copyPart, { type: 'summary_text', text: 'x' }],
  ]

  it('equal a spread, key order included, for the shapes they know and for any other', () => {
    for (const [name, copy, value] of cases) {
      const variants: object[] = [
        value,
        // Other orders, a key more, a key less, an inherited key: all take the spread.
        Object.fromEntries(Object.entries(value).reverse()),
        { ...value, extra: 1 },
        Object.fromEntries(Object.entries(value).slice(1)),
        Object.assign(Object.create({ inherited: true }), value),
      ]
      for (const variant of variants) {
        const copied = copy(variant)
        expect(copied, name).not.toBe(variant)
        expect(copied, name).toStrictEqual({ ...variant })
        expect(Object.keys(copied), name).toEqual(Object.keys({ ...variant }))
      }
    }
  })

  it('know the keys OpenAI sends and the fold makes (else they fall back to the slow spread)', () => {
    expect(Object.keys(state.responses![0]!)).toEqual(RESPONSE_STATE_KEYS)
    expect(Object.keys(message)).toEqual(MESSAGE_ITEM_KEYS)
    expect(Object.keys(call)).toEqual(FUNCTION_CALL_KEYS)
    expect(Object.keys(part)).toEqual(OUTPUT_TEXT_KEYS)
  })
})
