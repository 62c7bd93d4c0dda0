import type { Random } from './prng.js'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * An OpenAI-style id: `prefix` + a base62 tail. The recordings use 24-char tails for
 * `thread_`, `run_`, `step_`, `msg_`, `call_` and 22-char tails for `file-` ids.
 */
export function randomId(random: Random, prefix: string, length = 24): string {
  let tail = ''
  for (let i = 0; i < length; i++) tail += BASE62[random.int(62)]
  return `${prefix}${tail}`
}

/** A file id as the API spells them today (`file-` + 22 base62 chars). */
export function randomFileId(random: Random): string {
  return randomId(random, 'file-', 22)
}
