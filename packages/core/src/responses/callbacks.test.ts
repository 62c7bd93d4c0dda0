// The SDK-vocabulary callbacks on the Responses wire: on every real recording, through the real parser,
// reducer and the one callback adapter, a message item is reported as a message (and its text as text
// parts), a tool-call item as a tool call in a step of its own, each created, growing and done once.
import { describe, expect, it } from 'vitest'
import { foldRunStream } from '../all-wires.js'
import type { RunCallbacks } from '../callbacks.js'
import { parseRunStream } from '../parse.js'
import { streamOf } from '../test-utils/recordings.js'
import { loadResponsesRecordings } from '../test-utils/responses.js'
import type { ToolCall } from '../types.js'
import { selectResponses } from './select.js'

type Json = Record<string, any>

const recordings = loadResponsesRecordings()
const isTool = (item: Json) => typeof item.type === 'string' && item.type.endsWith('_call')
/** The id a tool call is reported under: a function call's `call_id` (what outputs answer), else its id. */
const callId = (item: Json) => (item.type === 'function_call' ? item.call_id : item.id)
/** The fragment a tool-call delta carries, whatever its type. */
const fragmentOf = (delta: Json) =>
  delta.function?.arguments ?? delta.code_interpreter?.input ?? delta.arguments ?? delta.delta ?? ''
/** What a tool call's fragments add up to. */
const wholeOf = (item: Json) => item.arguments ?? item.code ?? null

/** Folds a recording, logging every item callback as [name, id, payload]. */
async function logOf(bytes: Uint8Array) {
  const log: [string, string, unknown][] = []
  let message = ''
  const on = (name: string, id: (arg: any) => string) => (arg: any, extra?: any) =>
    log.push([name, id(arg), extra ?? arg])
  const callbacks: RunCallbacks = {
    onMessageCreated: on('messageCreated', (m) => m.id),
    onMessageDelta: (delta, snapshot) => {
      message = snapshot.id
      log.push(['messageDelta', snapshot.id, delta])
    },
    onMessageDone: on('messageDone', (m) => m.id),
    onTextCreated: (text) => log.push(['textCreated', message, text.value]),
    onTextDelta: (delta) => log.push(['textDelta', message, delta.value]),
    onTextDone: (text, snapshot) => log.push(['textDone', snapshot.id, text.value]),
    onToolCallCreated: on('toolCallCreated', (c) => c.id),
    onToolCallDelta: (delta, snapshot) => log.push(['toolCallDelta', snapshot.id, delta]),
    onToolCallDone: on('toolCallDone', (c) => c.id),
    onRunStepCreated: on('stepCreated', (s) => s.id),
    onRunStepDone: on('stepDone', (s) => s.id),
  }
  const state = await foldRunStream(parseRunStream(streamOf([bytes])), callbacks)
  return { log, state }
}

describe('callbacks on the Responses wire', () => {
  it.each(recordings.map((r) => [r.name, r] as const))('%s', async (_, recording) => {
    const { log } = await logOf(recording.bytes)
    const events = recording.events
    const names = (name: string) => log.filter(([n]) => n === name)
    // Items by their place, as added and as done (ids may change between the two: a real server's quirk).
    const items = new Map<string, { added?: Json; done?: Json }>()
    let response = -1
    for (const e of events) {
      if (e.type === 'response.created') response++
      if (e.type !== 'response.output_item.added' && e.type !== 'response.output_item.done') continue
      const key = `${response}:${e.output_index}`
      const entry = items.get(key) ?? {}
      entry[e.type === 'response.output_item.added' ? 'added' : 'done'] = e.item
      items.set(key, entry)
    }
    const all = [...items.values()]
    const added = (keep: (item: Json) => boolean) =>
      all.flatMap((i) => (i.added && keep(i.added) ? [i.added] : []))
    const done = (keep: (item: Json) => boolean) =>
      all.flatMap((i) => (i.done && keep(i.done) ? [i.done] : []))
    const isMessage = (item: Json) => item.type === 'message'

    // Messages: created and done once each, in stream order; a done message holds its text.
    expect(names('messageCreated').map(([, id]) => id)).toEqual(added(isMessage).map((item) => item.id))
    expect(names('messageDone').map(([, id]) => id)).toEqual(done(isMessage).map((item) => item.id))
    names('messageDone').forEach(([, , message], n) => {
      const texts = (done(isMessage)[n]!.content as Json[]).filter((p) => p.type === 'output_text')
      expect((message as Json).content.map((part: Json) => part.text?.value)).toEqual(
        texts.map((p) => p.text),
      )
    })

    // Text: the deltas as sent; each streamed part created once and done once, whole.
    const textDeltas = events.filter((e) => e.type === 'response.output_text.delta')
    expect(names('textDelta').map(([, , value]) => value)).toEqual(
      textDeltas.filter((e) => e.delta !== '').map((e) => e.delta),
    )
    expect(names('messageDelta')).toHaveLength(textDeltas.length)
    // Parts by their place (response, output_index, content_index): ids may rotate here too.
    const placed = (e: Json) =>
      `${events.slice(0, events.indexOf(e)).filter((x) => x.type === 'response.created').length}:${e.output_index}:${e.content_index}`
    const streamed = new Set(textDeltas.map(placed))
    const partsDone = events.filter((e) => e.type === 'response.output_text.done' && streamed.has(placed(e)))
    expect(names('textCreated')).toHaveLength(partsDone.length)
    expect(names('textDone').map(([, , value]) => value)).toEqual(partsDone.map((e) => e.text))

    // Tool calls: created and done once each; their fragments add up to their arguments or code.
    expect(names('toolCallCreated').map(([, id]) => id)).toEqual(added(isTool).map(callId))
    expect(names('toolCallDone').map(([, id]) => id)).toEqual(done(isTool).map(callId))
    for (const { added: first, done: last } of all) {
      if (!first || !last || !isTool(last)) continue
      const fragments = names('toolCallDelta').filter(([, id]) => id === callId(first))
      const whole = wholeOf(last)
      if (fragments.length > 0 && typeof whole === 'string')
        expect(fragments.map(([, , delta]) => fragmentOf(delta as Json)).join('')).toBe(whole)
      const call = names('toolCallDone').find(([, id]) => id === callId(last))![2] as ToolCall
      if (last.type === 'function_call')
        expect(call).toEqual({
          id: last.call_id,
          type: 'function',
          function: { name: last.name, arguments: last.arguments, output: null },
        })
      if (last.type === 'mcp_call')
        expect(call).toMatchObject({ type: 'mcp', name: last.name, output: last.output })
      if (last.type === 'code_interpreter_call')
        expect(call).toMatchObject({ type: 'code_interpreter', code_interpreter: { input: last.code } })
    }

    // Steps: one per message or tool call, created before its item's callbacks and done after them.
    const steps = (item: Json) => isMessage(item) || isTool(item)
    expect(names('stepCreated').map(([, id]) => id)).toEqual(added(steps).map((item) => item.id))
    expect(names('stepDone').map(([, id]) => id)).toEqual(done(steps).map((item) => item.id))
    for (const { added: first } of all) {
      if (!first || !steps(first)) continue
      const mine = log.filter(([, id]) => id === first.id || id === callId(first))
      expect(mine[0]![0]).toBe('stepCreated')
    }
    for (const { done: last } of all) {
      if (!last || !steps(last)) continue
      const mine = log.filter(([, id]) => id === last.id || id === callId(last))
      expect(mine.at(-1)![0]).toBe('stepDone')
    }
  })

  it('onEvent narrows the Responses events by name', async () => {
    const recording = recordings.find((r) => r.name.includes('reasoning-encrypted-content'))!
    let text = ''
    let args = ''
    const state = await foldRunStream(parseRunStream(streamOf([recording.bytes])), {
      onEvent: (event) => {
        if (event.event === 'response.output_text.delta') text += event.data.delta
        if (event.event === 'response.function_call_arguments.done') args += event.data.arguments
      },
    })
    const output = selectResponses(state).flatMap((response) => response.output)
    expect(text).toBe(
      selectResponses(state)
        .map((response) => response.output_text)
        .join(''),
    )
    expect(text.length).toBeGreaterThan(0)
    expect(args).toBe(output.map((item) => (item.type === 'function_call' ? item.arguments : '')).join(''))
  })
})
