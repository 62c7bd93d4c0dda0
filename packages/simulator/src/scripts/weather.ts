/** The weather scenario: parallel `get_weather` function calls and `requires_action`. */
import type { FunctionToolCall } from 'openai/resources/beta/threads/runs/steps'
import type { Script } from '../engine/records.js'
import { placesIn } from '../scenarios.js'
import { chunkArguments } from '../text.js'
import { recordCall, startToolStep, text } from './common.js'

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

/** One `get_weather` call per place named, answered from the submitted outputs. */
export const weatherScript: Script = async (driver) => {
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
      recordCall(step, call)
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
    const outputs = await driver.actions.requireOutputs(step, calls)
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
