/** The search scenario: a file_search call, citations of the documents, and a CSV file on request. */
import type { FileSearchToolCall } from 'openai/resources/beta/threads/runs/steps'
import type { Script, TextPiece } from '../engine/records.js'
import { randomFileId } from '../ids.js'
import { mentionsFile } from '../scenarios.js'
import { textPieces } from '../text.js'
import { FILE_SEARCH_RANKING } from '../wire.js'
import { recordCall, type ScriptEnv, startToolStep } from './common.js'

/** Searches the simulator's documents and cites both (a `file_path` too when the message asks for a file). */
export function searchScript(env: ScriptEnv): Script {
  return async (driver) => {
    const step = startToolStep(driver)
    await driver.tick(2)
    const call: FileSearchToolCall = {
      id: driver.newId('call_'),
      type: 'file_search',
      file_search: { ranking_options: { ...FILE_SEARCH_RANKING }, results: [] },
    }
    recordCall(step, call)
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
