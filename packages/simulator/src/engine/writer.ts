/** Writing an assistant message: its message_creation step, its deltas and its annotations. */
import { buildRunMessage } from '../objects.js'
import type { WireMessage } from '../wire.js'
import type { RunDriver } from './driver.js'
import type { AnnotationPlan, ReplyPart, WriteMessageOptions } from './records.js'

type Range = { text: string; start_index: number; end_index: number }

/** The annotation a completed message stores. */
function storedAnnotation(plan: AnnotationPlan, range: Range): Record<string, unknown> {
  switch (plan.type) {
    case 'file_citation':
      return { type: plan.type, ...range, file_citation: { file_id: plan.fileId } }
    case 'file_path':
      return { type: plan.type, ...range, file_path: { file_id: plan.fileId } }
    case 'url_citation':
      return { type: plan.type, ...range, url_citation: { url: plan.url, title: plan.title } }
  }
}

function emitMessageDelta(driver: RunDriver, message: WireMessage, part: Record<string, unknown>): void {
  driver.emit('thread.message.delta', {
    id: message.id,
    object: 'thread.message.delta',
    delta: { content: [part] },
  })
}

/**
 * Writes an assistant message in its own message_creation step, streaming each text piece as one
 * delta. A file citation or file path rides on the delta of its marker (with its own `index`, and a
 * citation's `quote: ""`); a url_citation follows its marker in a delta of its own that carries no
 * text `value` and no annotation `text` (Foundry's shape). Returns false when it stopped early
 * (`stopAfter`), leaving message and step open.
 */
export async function writeMessage(
  driver: RunDriver,
  parts: ReplyPart[],
  options: WriteMessageOptions,
): Promise<boolean> {
  const pace = options.pace ?? 1
  const messageId = driver.newId('msg_')
  const step = driver.startStep({ type: 'message_creation', message_creation: { message_id: messageId } })
  await driver.tick(1)
  const message = buildRunMessage(messageId, driver.run, driver.nowSeconds())
  driver.thread.messages.push(message)
  driver.activeMessage = message
  driver.emit('thread.message.created', message)
  driver.emit('thread.message.in_progress', message)
  await driver.tick(1)
  let deltas = 0
  const full = () => options.stopAfter !== undefined && deltas >= options.stopAfter
  for (const [index, part] of parts.entries()) {
    if (part.type === 'image_file') {
      if (full()) return false
      message.content[index] = { type: 'image_file', image_file: { file_id: part.fileId } }
      emitMessageDelta(driver, message, { index, type: 'image_file', image_file: { file_id: part.fileId } })
      deltas++
      await driver.tick(pace)
      continue
    }
    const text = { value: '', annotations: [] as Array<Record<string, unknown>> }
    message.content[index] = { type: 'text', text } as unknown as WireMessage['content'][number]
    let annotationIndex = 0
    for (const [pieceIndex, piece] of part.pieces.entries()) {
      if (full()) return false
      const deltaText: { value: string; annotations?: unknown[] } = { value: piece.value }
      const plan = piece.annotation
      const range = {
        text: piece.value,
        start_index: text.value.length,
        end_index: text.value.length + piece.value.length,
      }
      if (plan && plan.type !== 'url_citation') {
        const stored = storedAnnotation(plan, range)
        deltaText.annotations = [
          plan.type === 'file_citation'
            ? {
                index: annotationIndex,
                type: plan.type,
                ...range,
                file_citation: { file_id: plan.fileId, quote: '' },
              }
            : { index: annotationIndex, ...stored },
        ]
        annotationIndex++
        text.annotations.push(stored)
      } else if (pieceIndex === 0) {
        deltaText.annotations = []
      }
      text.value += piece.value
      emitMessageDelta(driver, message, { index, type: 'text', text: deltaText })
      deltas++
      await driver.tick(pace)
      if (plan?.type === 'url_citation') {
        if (full()) return false
        const { text: _marker, ...placed } = range
        const url_citation = { url: plan.url, title: plan.title }
        const annotation = { index: annotationIndex, type: plan.type, url_citation, ...placed }
        emitMessageDelta(driver, message, { index, type: 'text', text: { annotations: [annotation] } })
        annotationIndex++
        text.annotations.push(storedAnnotation(plan, range))
        deltas++
        await driver.tick(pace)
      }
    }
  }
  const now = driver.nowSeconds()
  if (options.ending === 'incomplete') {
    message.status = 'incomplete'
    message.incomplete_at = now
    message.incomplete_details = {
      reason: (options.incompleteReason ?? 'max_tokens') as 'max_tokens',
    }
    driver.emit('thread.message.incomplete', message)
  } else {
    message.status = 'completed'
    message.completed_at = now
    driver.emit('thread.message.completed', message)
  }
  driver.activeMessage = null
  await driver.tick(1)
  driver.completeStep(step, deltas)
  return true
}
