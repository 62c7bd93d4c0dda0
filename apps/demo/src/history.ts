import type { Message } from '@runline/core'

/** One entry of a thread's transcript, oldest first. */
export type HistoryItem =
  | { kind: 'user'; key: string; message: Message }
  /** The assistant's messages of one run (or consecutive run-less ones), rendered as one timeline. */
  | { kind: 'assistant'; key: string; runId: string | null; messages: Message[] }

/**
 * Groups a thread's messages (oldest first) into user turns and assistant turns. Messages of
 * `liveRunId` are left out: the live run's own store renders them, so they never show twice.
 */
export function groupHistory(messages: readonly Message[], liveRunId: string | null): HistoryItem[] {
  const items: HistoryItem[] = []
  for (const message of messages) {
    if (message.role === 'user') {
      items.push({ kind: 'user', key: message.id, message })
      continue
    }
    if (liveRunId !== null && message.run_id === liveRunId) continue
    const last = items[items.length - 1]
    if (last?.kind === 'assistant' && last.runId === message.run_id) last.messages.push(message)
    else
      items.push({
        kind: 'assistant',
        key: message.run_id ?? message.id,
        runId: message.run_id,
        messages: [message],
      })
  }
  return items
}

/** The plain text of a user message (text parts joined; images as a placeholder). */
export function userText(message: Message): string {
  return message.content
    .map((part) => (part.type === 'text' ? part.text.value : part.type === 'image_file' ? '[image]' : ''))
    .filter((text) => text !== '')
    .join('\n')
}
