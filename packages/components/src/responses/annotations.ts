// A Responses `message` item read as an Assistants `Message`, so it renders through the same
// markdown and citation chips (`MessageContent`) as an Assistants message does.
import type { Message } from '@runline/core'
import type { Annotation, MessageContent as Part } from 'openai/resources/beta/threads/messages'

type Json = Readonly<Record<string, unknown>>

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/**
 * One Responses annotation in the Assistants shape, or null when it cites nothing we can show.
 * `file_citation` and `file_path` name a point (`index`), not a range: they become zero-width
 * annotations with no marker text, which `prepareCitations` places at that point.
 */
function annotationOf(a: Json): Annotation | null {
  const fileId = str(a.file_id)
  const index = num(a.index)
  switch (a.type) {
    case 'url_citation': {
      const url = str(a.url)
      const start = num(a.start_index)
      const end = num(a.end_index)
      if (!url || start === null || end === null) return null
      // Foundry's url_citation shape, which `prepareCitations` already reads (not in openai's union).
      return {
        type: 'url_citation',
        url_citation: { url, title: a.title },
        start_index: start,
        end_index: end,
      } as never
    }
    case 'container_file_citation': {
      const start = num(a.start_index)
      const end = num(a.end_index)
      if (!fileId || start === null || end === null) return null
      return {
        type: 'file_citation',
        file_citation: { file_id: fileId },
        start_index: start,
        end_index: end,
        text: '',
      }
    }
    case 'file_citation':
      if (!fileId || index === null) return null
      return {
        type: 'file_citation',
        file_citation: { file_id: fileId },
        start_index: index,
        end_index: index,
        text: '',
      }
    case 'file_path':
      if (!fileId || index === null) return null
      return {
        type: 'file_path',
        file_path: { file_id: fileId },
        start_index: index,
        end_index: index,
        text: '',
      }
    default:
      return null
  }
}

/** The file names the message's annotations carry (`filename`), by file id: the chips' labels. */
export function annotationFileNames(item: Json): Record<string, string> {
  const names: Record<string, string> = {}
  for (const part of listIn(item.content)) {
    for (const a of listIn(part.annotations)) {
      const id = str(a.file_id)
      const name = str(a.filename)
      if (id && name) names[id] = name
    }
  }
  return names
}

function listIn(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((v): v is Json => v !== null && typeof v === 'object') : []
}

/** A Responses `message` item as an Assistants `Message`: `output_text` → text, `refusal` kept. */
export function messageOf(item: Json): Message {
  const content: Part[] = []
  for (const part of listIn(item.content)) {
    if (part.type === 'output_text' || part.type === 'input_text') {
      const annotations = listIn(part.annotations)
        .map(annotationOf)
        .filter((a) => a !== null)
      content.push({
        type: 'text',
        text: { value: typeof part.text === 'string' ? part.text : '', annotations },
      })
    } else if (part.type === 'refusal') {
      content.push({ type: 'refusal', refusal: typeof part.refusal === 'string' ? part.refusal : '' })
    }
  }
  const status = item.status === 'in_progress' || item.status === 'incomplete' ? item.status : 'completed'
  return {
    id: str(item.id) ?? '',
    object: 'thread.message',
    role: item.role === 'user' ? 'user' : 'assistant',
    status,
    content,
  } as unknown as Message
}
