/** The scripted "model": one script per scenario, run by a `RunDriver` once the run is in progress. */
import type {
  CodeInterpreterToolCall,
  FileSearchToolCall,
  FunctionToolCall,
  ToolCallsStepDetails,
} from 'openai/resources/beta/threads/runs/steps'
import type { ReplyPart, RunDriver, Script, TextPiece } from './engine.js'
import { randomFileId } from './ids.js'
import { renderBarChartPng } from './png.js'
import { mentionsFile, numbersIn, placesIn, type ScenarioName } from './scenarios.js'
import { chunkArguments, chunkText, textPieces, wordPieces } from './text.js'
import { FILE_SEARCH_RANKING } from './wire.js'

/** A document the file_search scenario finds and cites. */
export interface SearchDocument {
  fileId: string
  filename: string
  text: string
}

/** What scripts need from the simulator. */
export interface ScriptEnv {
  documents: readonly SearchDocument[]
}

/** How long the `expire` scenario's run lives: its `expires_at` is `created_at` + this. */
export const EXPIRE_AFTER_SECONDS = 3
/** Ticks the `expire` scenario stalls before it expires (3 s at the default 20 ms pace). */
const EXPIRE_STALL_TICKS = 150
/** Pace multiplier of the `slow` scenario: 260 deltas × 5 ticks × 20 ms ≈ 26 s. */
const SLOW_PACE = 5
const SLOW_DELTAS = 260
/** Deltas of the `long` scenario. */
const LONG_DELTAS = 5200

const text = (value: string, driver: RunDriver): ReplyPart => ({
  type: 'text',
  pieces: textPieces(value, driver.random),
})

function toolCalls(details: { type: string }): ToolCallsStepDetails['tool_calls'] {
  return (details as ToolCallsStepDetails).tool_calls
}

function startToolStep(driver: RunDriver) {
  return driver.startStep({ type: 'tool_calls', tool_calls: [] })
}

// ---- default ---------------------------------------------------------------------------------

const defaultScript: Script = async (driver) => {
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

// ---- weather (function calls, requires_action) -----------------------------------------------

function describeOutput(output: string): string {
  const trimmed = output.trim()
  try {
    const parsed: unknown = JSON.parse(trimmed)
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.entries(parsed)
        .filter(([key]) => key !== 'location')
        .map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
        .join(', ')
        .slice(0, 160)
    }
  } catch {
    // not JSON: use the text as given
  }
  return trimmed.replace(/\s+/g, ' ').slice(0, 160) || '(no data)'
}

const weatherScript: Script = async (driver) => {
  const found = placesIn(driver.userText)
  const places = found.length > 0 ? found : ['San Francisco']
  const unit = /fahrenheit|°f\b/i.test(driver.userText)
    ? 'f'
    : /celsius|°c\b/i.test(driver.userText)
      ? 'c'
      : null
  // With parallel_tool_calls off the model asks for one place per step, like the real one.
  const batches = driver.run.parallel_tool_calls ? [places] : places.map((place) => [place])
  const answers: Array<{ place: string; output: string }> = []
  for (const batch of batches) {
    const step = startToolStep(driver)
    await driver.tick(2)
    const calls: FunctionToolCall[] = []
    const fragments: string[][] = []
    for (const [index, place] of batch.entries()) {
      const call: FunctionToolCall = {
        id: driver.newId('call_'),
        type: 'function',
        function: { name: 'get_weather', arguments: '', output: null },
      }
      calls.push(call)
      toolCalls(step.step_details).push(call)
      driver.emitToolCallDelta(step, {
        index,
        id: call.id,
        type: 'function',
        function: { name: 'get_weather', arguments: '', output: null },
      })
      fragments.push(chunkArguments(JSON.stringify(unit ? { location: place, unit } : { location: place })))
      await driver.tick(1)
    }
    // Parallel calls stream their argument fragments interleaved, index by index.
    const rounds = Math.max(...fragments.map((list) => list.length))
    for (let round = 0; round < rounds; round++) {
      for (const [index, list] of fragments.entries()) {
        const fragment = list[round]
        const call = calls[index]
        if (fragment === undefined || !call) continue
        call.function.arguments += fragment
        driver.emitToolCallDelta(step, { index, type: 'function', function: { arguments: fragment } })
        await driver.tick(1)
      }
    }
    const outputs = await driver.requireAction(step, calls)
    for (const [index, call] of calls.entries()) {
      answers.push({ place: batch[index] ?? '', output: outputs.get(call.id) ?? '' })
    }
  }
  const lines = answers.map(({ place, output }) => `- **${place}**: ${describeOutput(output)}`)
  const reply =
    answers.length === 1
      ? `Here is the current weather in ${answers[0]?.place}: ${describeOutput(answers[0]?.output ?? '')}.`
      : `Here is the current weather:\n\n${lines.join('\n')}`
  await driver.writeMessage([text(`${reply}\n\nAnything else you would like to know?`, driver)])
  driver.completeRun()
}

// ---- code / plot (code_interpreter) ----------------------------------------------------------

/** Python's repr of a float (`7.0`, `9.333333333333334`). */
function pythonFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value)
}

function codeScript(plot: boolean): Script {
  return async (driver) => {
    const given = numbersIn(driver.userText)
    const values = plot
      ? given.length >= 2
        ? given.slice(0, 12).map(Math.abs)
        : Array.from({ length: 6 }, () => driver.random.between(3, 20))
      : given.length > 0
        ? given.slice(0, 12)
        : [3, 11, 14]
    const list = `[${values.join(', ')}]`
    const total = values.reduce((sum, value) => sum + value, 0)
    const mean = total / values.length
    const max = Math.max(...values)
    const input = plot
      ? [
          'import matplotlib.pyplot as plt',
          '',
          `values = ${list}`,
          'plt.figure(figsize=(6, 4))',
          'plt.bar(range(len(values)), values, color="#2563eb")',
          'plt.title("Values")',
          'plt.savefig("/mnt/data/chart.png")',
          'print(f"plotted {len(values)} values, max={max(values)}")',
        ].join('\n')
      : [
          `values = ${list}`,
          'total = sum(values)',
          'mean = total / len(values)',
          'print(f"total={total}, mean={mean}")',
        ].join('\n')
    const logs = plot
      ? `plotted ${values.length} values, max=${max}\n`
      : `total=${Number.isInteger(total) ? total : pythonFloat(total)}, mean=${pythonFloat(mean)}\n`

    const step = startToolStep(driver)
    await driver.tick(2)
    const call: CodeInterpreterToolCall = {
      id: driver.newId('call_'),
      type: 'code_interpreter',
      code_interpreter: { input: '', outputs: [] },
    }
    toolCalls(step.step_details).push(call)
    driver.emitToolCallDelta(step, {
      index: 0,
      id: call.id,
      type: 'code_interpreter',
      code_interpreter: { input: '', outputs: [] },
    })
    await driver.tick(1)
    for (const fragment of chunkText(input, driver.random)) {
      call.code_interpreter.input += fragment
      driver.emitToolCallDelta(step, {
        index: 0,
        type: 'code_interpreter',
        code_interpreter: { input: fragment },
      })
      await driver.tick(1)
    }
    await driver.tick(8) // "executing"
    call.code_interpreter.outputs.push({ type: 'logs', logs })
    driver.emitToolCallDelta(step, {
      index: 0,
      type: 'code_interpreter',
      code_interpreter: { outputs: [{ index: 0, type: 'logs', logs }] },
    })
    let imageFileId: string | null = null
    if (plot) {
      await driver.tick(2)
      const file = driver.addFile({
        id: randomFileId(driver.random),
        filename: 'chart.png',
        purpose: 'assistants_output',
        body: renderBarChartPng(values),
        contentType: 'image/png',
      })
      imageFileId = file.id
      call.code_interpreter.outputs.push({ type: 'image', image: { file_id: file.id } })
      driver.emitToolCallDelta(step, {
        index: 0,
        type: 'code_interpreter',
        code_interpreter: { outputs: [{ index: 1, type: 'image', image: { file_id: file.id } }] },
      })
    }
    await driver.tick(2)
    driver.completeStep(step, Math.ceil(input.length / 4))
    const parts: ReplyPart[] = imageFileId
      ? [
          { type: 'image_file', fileId: imageFileId },
          text(
            `Here is a bar chart of the ${values.length} values. The tallest bar, in orange, is **${max}**.`,
            driver,
          ),
        ]
      : [
          text(
            `I ran the numbers ${list}: the total is **${Number.isInteger(total) ? total : pythonFloat(total)}** and the mean is **${pythonFloat(mean)}**.`,
            driver,
          ),
        ]
    await driver.writeMessage(parts)
    driver.completeRun()
  }
}

// ---- search (file_search, citations, file_path) ----------------------------------------------

function searchScript(env: ScriptEnv): Script {
  return async (driver) => {
    const step = startToolStep(driver)
    await driver.tick(2)
    const call: FileSearchToolCall = {
      id: driver.newId('call_'),
      type: 'file_search',
      file_search: { ranking_options: { ...FILE_SEARCH_RANKING }, results: [] },
    }
    toolCalls(step.step_details).push(call)
    driver.emitToolCallDelta(step, {
      index: 0,
      id: call.id,
      type: 'file_search',
      file_search: { ranking_options: { ...FILE_SEARCH_RANKING }, results: [] },
    })
    await driver.tick(6) // "searching"
    let score = 0.7 + driver.random.next() * 0.2
    call.file_search.results = env.documents.map((document) => {
      const result = {
        file_id: document.fileId,
        file_name: document.filename,
        score,
        attributes: {},
        content: [{ type: 'text' as const, text: document.text }],
      }
      score -= 0.05 + driver.random.next() * 0.15
      return result
    })
    driver.completeStep(step, 20)

    const cite = (index: number): TextPiece[] => {
      const document = env.documents[index]
      return document
        ? [
            {
              value: `【4:${index}†${document.filename}】`,
              annotation: { type: 'file_citation', fileId: document.fileId },
            },
          ]
        : []
    }
    const pieces: TextPiece[] = [
      ...textPieces(
        'Runline renders every run as a timeline: each step, tool call and message appears as its events stream in',
        driver.random,
      ),
      ...cite(0),
      ...textPieces(
        '. When a function call needs your input, the run waits in `requires_action` until every tool output is submitted in one request',
        driver.random,
      ),
      ...cite(1),
      { value: '.' },
    ]
    if (mentionsFile(driver.userText)) {
      const rows = env.documents.map(
        (document, index) => `${index},${document.filename},"${document.text.split('\n')[0]}"`,
      )
      const csv = new TextEncoder().encode(`rank,file,first_line\n${rows.join('\n')}\n`)
      const file = driver.addFile({
        id: randomFileId(driver.random),
        filename: 'passages.csv',
        purpose: 'assistants_output',
        body: csv,
        contentType: 'text/csv',
      })
      pieces.push(
        ...textPieces('\n\nI exported the matching passages for you: [passages.csv](', driver.random),
        { value: 'sandbox:/mnt/data/passages.csv', annotation: { type: 'file_path', fileId: file.id } },
        { value: ')' },
      )
    }
    await driver.writeMessage([{ type: 'text', pieces }])
    driver.completeRun()
  }
}

// ---- outcomes: fail, incomplete, expire, slow, long ------------------------------------------

const failScript: Script = async (driver) => {
  const reply = 'Let me look into that for you. First, I will gather the relevant details and then'
  await driver.writeMessage([text(reply, driver)], { stopAfter: 10 })
  await driver.tick(3)
  driver.fail('Sorry, something went wrong.')
}

const incompleteScript: Script = async (driver) => {
  const reply =
    'Sure, I can help with that. Here is a detailed answer, although it will stop before the end because the'
  const pieces = textPieces(reply, driver.random).slice(0, 16)
  await driver.writeMessage([{ type: 'text', pieces }], { ending: 'incomplete' })
  driver.completeRun('incomplete', { reason: 'max_completion_tokens' })
}

const expireScript: Script = async (driver) => {
  await driver.writeMessage([text('Working on it, this may take a while to', driver)], { stopAfter: 6 })
  for (let i = 0; i < EXPIRE_STALL_TICKS; i++) await driver.tick(1)
  driver.expireNow()
}

const slowScript: Script = async (driver) => {
  await driver.writeMessage([{ type: 'text', pieces: wordPieces(SLOW_DELTAS, driver.random) }], {
    pace: SLOW_PACE,
  })
  driver.completeRun()
}

const longScript: Script = async (driver) => {
  await driver.writeMessage([{ type: 'text', pieces: wordPieces(LONG_DELTAS, driver.random) }])
  driver.completeRun()
}

/** The script for a scenario. */
export function scriptFor(name: ScenarioName, env: ScriptEnv): Script {
  switch (name) {
    case 'weather':
      return weatherScript
    case 'plot':
      return codeScript(true)
    case 'code':
      return codeScript(false)
    case 'search':
      return searchScript(env)
    case 'fail':
      return failScript
    case 'incomplete':
      return incompleteScript
    case 'expire':
      return expireScript
    case 'slow':
      return slowScript
    case 'long':
      return longScript
    case 'default':
      return defaultScript
  }
}
