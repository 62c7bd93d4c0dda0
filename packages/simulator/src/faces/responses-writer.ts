/**
 * Streams output items the way the recordings do: `response.output_item.added`, the item type's own
 * events (content parts and text deltas, argument deltas, tool-call progress), `response.output_item.done`.
 * Each item is placed by its `output_index`; every delta is one output token.
 */
import { randomId } from '../ids.js'
import { chunkArguments, chunkText } from '../text.js'
import type { ResponseRun, WireItem } from './responses-run.js'
import { obfuscation, snapshot } from './responses-shapes.js'

/** Thrown when the response used up its `max_output_tokens`: it ends `incomplete`. */
export class OutOfTokens extends Error {}

/** An annotation of output text, sent once the text it cites has streamed. */
export interface TextAnnotation {
  /** The text offset after which the annotation is announced (its `index` or `end_index`). */
  at: number
  annotation: Record<string, unknown>
}

/** Writes the items of one response. */
export class OutputWriter {
  constructor(
    readonly run: ResponseRun,
    /** Output tokens allowed (`max_output_tokens`), or null. */
    private readonly maxTokens: number | null,
  ) {}

  /** A fresh item id (`msg_`, `fc_`, `ci_`…) or call id, from the face's seeded source. */
  newId(prefix: string, length = 48): string {
    return randomId(this.run.host.random, prefix, length)
  }

  /** Adds an item at the next output index; returns that index. */
  add(item: WireItem): number {
    const index = this.run.response.output.length
    this.run.response.output.push(item)
    this.run.emit('response.output_item.added', { output_index: index, item: snapshot(item) })
    return index
  }

  /** Marks an item done. */
  done(index: number): void {
    const item = this.run.response.output[index] as WireItem
    this.run.emit('response.output_item.done', { output_index: index, item: snapshot(item) })
  }

  /** One output token: an `incomplete` ending once `max_output_tokens` is used up. */
  private spend(reasoning = false): void {
    if (this.maxTokens !== null && this.run.outputTokens >= this.maxTokens) throw new OutOfTokens()
    this.run.outputTokens++
    if (reasoning) this.run.reasoningTokens++
  }

  /**
   * An assistant message with one `output_text` part streamed in deltas; annotations follow their text.
   * `open` leaves it in progress after its deltas (a response that fails midway).
   */
  async message(
    text: string,
    annotations: TextAnnotation[] = [],
    pieces = chunkText(text, this.run.host.random),
    open = false,
  ): Promise<void> {
    const part = { type: 'output_text', annotations: [] as unknown[], logprobs: [], text: '' }
    const item: WireItem = {
      id: this.newId('msg_'),
      type: 'message',
      status: 'in_progress',
      content: [],
      role: 'assistant',
    }
    const output_index = this.add(item)
    const at = { item_id: item.id, output_index, content_index: 0 }
    await this.run.tick()
    ;(item.content as unknown[]).push(part)
    this.run.emit('response.content_part.added', { ...at, part: { ...part, annotations: [] } })
    const pending = [...annotations].sort((a, b) => a.at - b.at)
    try {
      for (const delta of pieces) {
        await this.run.tick()
        this.spend()
        part.text += delta
        const random = this.run.host.random
        this.run.emit('response.output_text.delta', {
          ...at,
          delta,
          logprobs: [],
          obfuscation: obfuscation(delta, random),
        })
        while (pending.length > 0 && (pending[0] as TextAnnotation).at <= part.text.length) {
          const { annotation } = pending.shift() as TextAnnotation
          const annotation_index = part.annotations.length
          part.annotations.push(annotation)
          this.run.emit('response.output_text.annotation.added', { ...at, annotation_index, annotation })
        }
      }
    } catch (error) {
      item.status = 'incomplete'
      throw error
    }
    if (open) return
    this.run.emit('response.output_text.done', { ...at, text: part.text, logprobs: [] })
    this.run.emit('response.content_part.done', { ...at, part: structuredClone(part) })
    item.status = 'completed'
    this.done(output_index)
  }

  /** A reasoning item whose summary streams in deltas. */
  async reasoning(summary: string): Promise<void> {
    const item: WireItem = { id: this.newId('rs_'), type: 'reasoning', summary: [] }
    const output_index = this.add(item)
    const at = { item_id: item.id, output_index, summary_index: 0 }
    const part = { type: 'summary_text', text: '' }
    ;(item.summary as unknown[]).push(part)
    this.run.emit('response.reasoning_summary_part.added', {
      ...at,
      part: { type: 'summary_text', text: '' },
    })
    for (const delta of chunkText(summary, this.run.host.random)) {
      await this.run.tick()
      this.spend(true)
      part.text += delta
      const random = this.run.host.random
      this.run.emit('response.reasoning_summary_text.delta', {
        ...at,
        delta,
        obfuscation: obfuscation(delta, random),
      })
    }
    this.run.emit('response.reasoning_summary_text.done', { ...at, text: part.text })
    this.run.emit('response.reasoning_summary_part.done', { ...at, part: { ...part } })
    this.done(output_index)
  }

  /** A call whose JSON arguments stream in deltas (`function_call`, or `mcp_call` after an approval). */
  async call(item: WireItem, event: 'function_call_arguments' | 'mcp_call_arguments', args: string) {
    const output_index = this.add(item)
    const at = { item_id: item.id, output_index }
    if (event === 'mcp_call_arguments') this.run.emit('response.mcp_call.in_progress', at)
    for (const delta of chunkArguments(args)) {
      await this.run.tick()
      this.spend()
      item.arguments = `${item.arguments as string}${delta}`
      const random = this.run.host.random
      this.run.emit(`response.${event}.delta`, { ...at, delta, obfuscation: obfuscation(delta, random) })
    }
    this.run.emit(`response.${event}.done`, { ...at, arguments: args })
    return output_index
  }

  /**
   * A hosted tool call (`file_search_call`, `web_search_call`, `mcp_list_tools`, `image_generation_call`):
   * added, its progress events (`response.<type>.<phase>`), then `finish` fills the item in and it is done.
   */
  async hosted(item: WireItem, phases: string[], finish: (item: WireItem) => void): Promise<void> {
    const output_index = this.add(item)
    for (const phase of phases) {
      await this.run.tick()
      this.run.emit(`response.${item.type}.${phase}`, { item_id: item.id, output_index })
    }
    finish(item)
    this.done(output_index)
  }

  /** A code_interpreter call: its code in deltas, then interpreting, then its outputs. */
  async codeInterpreter(code: string, outputs: unknown[]): Promise<void> {
    const item: WireItem = {
      id: this.newId('ci_'),
      type: 'code_interpreter_call',
      status: 'in_progress',
      code: '',
      container_id: this.newId('cntr_'),
      outputs: [],
    }
    const output_index = this.add(item)
    const at = { item_id: item.id, output_index }
    this.run.emit('response.code_interpreter_call.in_progress', at)
    for (const delta of chunkText(code, this.run.host.random)) {
      await this.run.tick()
      this.spend()
      item.code = `${item.code as string}${delta}`
      const random = this.run.host.random
      this.run.emit('response.code_interpreter_call_code.delta', {
        ...at,
        delta,
        obfuscation: obfuscation(delta, random),
      })
    }
    this.run.emit('response.code_interpreter_call_code.done', { ...at, code })
    await this.run.tick(2)
    this.run.emit('response.code_interpreter_call.interpreting', at)
    await this.run.tick(2)
    this.run.emit('response.code_interpreter_call.completed', at)
    item.status = 'completed'
    item.outputs = outputs
    this.done(output_index)
  }
}
