import type { TextPiece } from './engine/records.js'
import type { Random } from './prng.js'

/**
 * Splits text into token-like fragments of a few characters (a word with its leading space,
 * punctuation, newlines), the way the model streams it. Long words are cut into 2–5 char pieces.
 */
export function chunkText(text: string, random: Random): string[] {
  const out: string[] = []
  for (const token of text.match(/\s*[^\s]+|\s+/g) ?? []) {
    if (token.length <= 6) {
      out.push(token)
      continue
    }
    let rest = token
    while (rest.length > 6) {
      const size = random.between(2, 5)
      out.push(rest.slice(0, size))
      rest = rest.slice(size)
    }
    if (rest) out.push(rest)
  }
  return out
}

/** Plain text as unannotated pieces. */
export function textPieces(text: string, random: Random): TextPiece[] {
  return chunkText(text, random).map((value) => ({ value }))
}

/** Splits JSON arguments the way function-call argument deltas arrive (`{"`, `location`, `":"`, ...). */
export function chunkArguments(json: string): string[] {
  return json.match(/[A-Za-z0-9]+|\s+|[^A-Za-z0-9\s]+/g) ?? [json]
}

const LOREM = [
  'runs',
  'stream',
  'events',
  'steps',
  'threads',
  'messages',
  'deltas',
  'arrive',
  'in',
  'order',
  'and',
  'the',
  'timeline',
  'renders',
  'each',
  'one',
  'as',
  'it',
  'comes',
  'tool',
  'calls',
  'pause',
  'for',
  'outputs',
  'while',
  'snapshots',
  'stay',
  'consistent',
  'under',
  'load',
]

/** `count` seeded words as one-word pieces (" word"), in paragraphs of ~60 words, one delta each. */
export function wordPieces(count: number, random: Random): TextPiece[] {
  const pieces: TextPiece[] = []
  for (let i = 0; i < count; i++) {
    let word = random.pick(LOREM)
    if (i % 12 === 0) word = word.charAt(0).toUpperCase() + word.slice(1)
    const prefix = i === 0 ? '' : i % 60 === 0 ? '\n\n' : ' '
    const suffix = i % 12 === 11 ? '.' : ''
    pieces.push({ value: `${prefix}${word}${suffix}` })
  }
  return pieces
}
