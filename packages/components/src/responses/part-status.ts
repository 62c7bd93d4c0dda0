// A Responses row's state in the Assistants parts' words, for the rows' own views (they load with the
// Responses rows' chunk; the row header and name, at start, need only kind.ts).
import type { StepStatus } from '../step-words.js'
import { responseItemState } from './kind.js'

type Json = Readonly<Record<string, unknown>>

/**
 * The item's status in the vocabulary the Assistants parts take: the tool-specific busy words
 * (searching, interpreting, generating, calling) are `in_progress`; `incomplete` is `cancelled`
 * (cut short), `failed` stays.
 */
export function partStatus(item: Json): StepStatus {
  const status = responseItemState(item)
  switch (status) {
    case 'completed':
    case 'waiting':
      return 'completed'
    case 'failed':
      return 'failed'
    case 'incomplete':
    case 'cancelled':
      return 'cancelled'
    default:
      return 'in_progress'
  }
}
