/** Text-only scenarios: the default reply and the run outcomes (fail, incomplete, expire, slow, long). */
import type { Script } from '../engine/records.js'
import { textPieces, wordPieces } from '../text.js'
import { text } from './common.js'

/** How long the `expire` scenario's run lives: its `expires_at` is `created_at` + this. */
export const EXPIRE_AFTER_SECONDS = 3
/** Ticks the `expire` scenario stalls before it expires (3 s at the default 20 ms pace). */
const EXPIRE_STALL_TICKS = 150
/** Pace multiplier of the `slow` scenario: 260 deltas × 5 ticks × 20 ms ≈ 26 s. */
const SLOW_PACE = 5
const SLOW_DELTAS = 260
/** Deltas of the `long` scenario. */
const LONG_DELTAS = 5200

/** A Markdown reply (heading, list, code block) that echoes the message. */
export const defaultScript: Script = async (driver) => {
  const heading = driver.random.pick([
    'Here is a quick overview',
    'How Runline streams a run',
    'What you are seeing',
  ])
  const asked = driver.userText.trim().replace(/\s+/g, ' ').slice(0, 80) || 'nothing yet'
  const body = [
    `## ${heading}`,
    '',
    `You wrote: *${asked}*. Every part of this answer arrives as a small delta:`,
    '',
    '- **Run status**: queued, in progress, then completed',
    '- **Steps**: one `message_creation` step for this reply',
    '- **Messages**: text streamed a few characters at a time',
    '',
    '```ts',
    "const stream = client.beta.threads.runs.stream(threadId, { assistant_id: 'asst_runline_demo' })",
    'for await (const event of stream) console.log(event.event)',
    '```',
    '',
    'Ask about the *weather in Paris*, to *calculate* or *plot* some numbers, or to *search the docs* to see tool calls.',
  ].join('\n')
  await driver.writeMessage([text(body, driver)])
  driver.completeRun()
}

/** A few deltas, then the run fails with `server_error`. */
export const failScript: Script = async (driver) => {
  const reply = 'Let me look into that for you. First, I will gather the relevant details and then'
  await driver.writeMessage([text(reply, driver)], { stopAfter: 10 })
  await driver.tick(3)
  driver.fail('Sorry, something went wrong.')
}

/** 16 deltas, then the run ends `incomplete` (`max_completion_tokens`). */
export const incompleteScript: Script = async (driver) => {
  const reply =
    'Sure, I can help with that. Here is a detailed answer, although it will stop before the end because the'
  const pieces = textPieces(reply, driver.random).slice(0, 16)
  await driver.writeMessage([{ type: 'text', pieces }], { ending: 'incomplete' })
  driver.completeRun('incomplete', { reason: 'max_completion_tokens' })
}

/** A few deltas, then the run stalls until it expires. */
export const expireScript: Script = async (driver) => {
  await driver.writeMessage([text('Working on it, this may take a while to', driver)], { stopAfter: 6 })
  for (let i = 0; i < EXPIRE_STALL_TICKS; i++) await driver.tick(1)
  driver.expireNow()
}

/** 260 word deltas at 5× pace. */
export const slowScript: Script = async (driver) => {
  await driver.writeMessage([{ type: 'text', pieces: wordPieces(SLOW_DELTAS, driver.random) }], {
    pace: SLOW_PACE,
  })
  driver.completeRun()
}

/** 5,200 one-word deltas. */
export const longScript: Script = async (driver) => {
  await driver.writeMessage([{ type: 'text', pieces: wordPieces(LONG_DELTAS, driver.random) }])
  driver.completeRun()
}

/**
 * A safety guardrail stops the answer (Foundry): a few deltas, the message ends `incomplete` and so
 * does the run, both with reason `content_filter`.
 */
export const guardrailScript: Script = async (driver) => {
  const reply = 'I can walk you through that. The first step is to take the parts you described and'
  const pieces = textPieces(reply, driver.random).slice(0, 8)
  await driver.writeMessage([{ type: 'text', pieces }], {
    ending: 'incomplete',
    incompleteReason: 'content_filter',
  })
  // Foundry's reasons are an open union; openai's type only lists the token limits.
  driver.completeRun('incomplete', { reason: 'content_filter' as 'max_completion_tokens' })
}
