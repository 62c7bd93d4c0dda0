/** The code and plot scenarios: a code_interpreter call with logs (and a chart image for plot). */
import type { CodeInterpreterToolCall } from 'openai/resources/beta/threads/runs/steps'
import type { ReplyPart, Script } from '../engine/records.js'
import { randomFileId } from '../ids.js'
import { renderBarChartPng } from '../png.js'
import { numbersIn } from '../scenarios.js'
import { chunkText } from '../text.js'
import { recordCall, startToolStep, text } from './common.js'

/** Python's repr of a float (`7.0`, `9.333333333333334`). */
function pythonFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value)
}

/** Sums and averages the numbers of the message; `plot` also draws them as a PNG bar chart. */
export function codeScript(plot: boolean): Script {
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
    recordCall(step, call)
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
