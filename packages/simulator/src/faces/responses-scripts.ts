/**
 * The Responses face's scripts: what each scenario streams, item by item (see responses-scenarios.ts
 * for which one plays). A script returns to complete the response, or throws a {@link ScriptFailure}.
 */
import { encodeBase64 } from '../base64.js'
import { renderBarChartPng } from '../png.js'
import { numbersIn, placesIn } from '../scenarios.js'
import { chunkText, wordPieces } from '../text.js'
import type { WireItem } from './responses-run.js'
import type { ResponsesScenarioName } from './responses-scenarios.js'
import { RESPONSES_MCP_LABEL, RUNLINE_DOCS_TOOLS } from './responses-shapes.js'
import type { OutputWriter, TextAnnotation } from './responses-writer.js'

/** What a script knows about its request. */
export interface ScriptContext {
  writer: OutputWriter
  /** The last user message of the turn. */
  userText: string
  /** `function_call_output` inputs of this request, with the call they answer (if known). */
  toolOutputs: Array<{ output: string; call: WireItem | undefined }>
  /** `mcp_approval_response` inputs of this request, with the request they answer (if known). */
  approvals: Array<{ approve: boolean; request: WireItem | undefined }>
  /** Whether `runline_docs` calls need approval (`require_approval` is not `never`). */
  mcpNeedsApproval: boolean
  /** Whether file_search results are included (`include: ['file_search_call.results']`). */
  includeSearchResults: boolean
}

/** Thrown by a script whose response fails (`error` event, then `response.failed`). */
export class ScriptFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

type Script = (ctx: ScriptContext) => Promise<void>

const SERVER_ERROR = 'The server had an error while processing your request. Sorry about that!'

const defaultScript: Script = async ({ writer, userText }) => {
  const asked = userText.trim().replace(/\s+/g, ' ').slice(0, 80) || 'nothing yet'
  const body = [
    '## How Runline streams a response',
    '',
    `You wrote: *${asked}*. Every part of this answer arrives as a small delta:`,
    '',
    '- **Response status**: in progress, then completed',
    '- **Output items**: one `message` item for this reply',
    '- **Text**: streamed a few characters at a time',
    '',
    '```ts',
    "const stream = client.responses.stream({ model: 'runline-sim', input })",
    'for await (const event of stream) console.log(event.type)',
    '```',
    '',
    'Ask about the *weather in Paris*, to *calculate* or *plot* numbers, to *search the docs*, to search the *web*, or to *approve* an MCP call.',
  ].join('\n')
  await writer.message(body)
}

const failScript: Script = async ({ writer }) => {
  const text = 'Let me look into that for you. First, I will gather the details and then'
  await writer.message(text, [], chunkText(text, writer.run.host.random).slice(0, 8), true)
  throw new ScriptFailure('server_error', SERVER_ERROR)
}

const words =
  (count: number, pace: number): Script =>
  async ({ writer }) => {
    const pieces = wordPieces(count, writer.run.host.random).map((piece) => piece.value)
    writer.run.pace = pace
    await writer.message(pieces.join(''), [], pieces)
  }

const weatherScript: Script = async ({ writer, userText }) => {
  const places = placesIn(userText)
  for (const location of places.length > 0 ? places : ['San Francisco']) {
    const args = JSON.stringify({ location, unit: 'c' })
    const item: WireItem = {
      id: writer.newId('fc_'),
      type: 'function_call',
      status: 'in_progress',
      arguments: '',
      call_id: writer.newId('call_', 24),
      name: 'get_weather',
    }
    const index = await writer.call(item, 'function_call_arguments', args)
    item.status = 'completed'
    writer.done(index)
  }
}

const answerToolOutputs: Script = async ({ writer, toolOutputs }) => {
  const lines = toolOutputs.map(({ output, call }) => {
    const location = call
      ? (JSON.parse(call.arguments as string) as { location?: string }).location
      : undefined
    return `- **${location ?? 'Your call'}**: ${output}`
  })
  await writer.message(['Here is what the tool returned:', '', ...lines].join('\n'))
}

const reasoningScript: Script = async ({ writer, userText }) => {
  await writer.reasoning(
    `**Thinking it through**\n\nThe question is "${userText.trim().slice(0, 60)}". I will restate it, weigh two readings, and answer briefly.`,
  )
  await writer.message(
    'Having thought it over: the short answer is yes, and the timeline shows my reasoning summary above.',
  )
}

const codeScript =
  (plot: boolean): Script =>
  async ({ writer, userText }) => {
    const given = numbersIn(userText).slice(0, 12)
    const values = given.length > 0 ? given.map(plot ? Math.abs : (n: number) => n) : [3, 11, 14]
    const total = values.reduce((sum, value) => sum + value, 0)
    const code = plot
      ? `import matplotlib.pyplot as plt\nvalues = [${values.join(', ')}]\nplt.bar(range(len(values)), values)\nplt.show()\n`
      : `values = [${values.join(', ')}]\ntotal = sum(values)\nprint(total, total / len(values))\n`
    const outputs: unknown[] = [{ type: 'logs', logs: `${total} ${total / values.length}\n` }]
    if (plot)
      outputs.push({ type: 'image', url: `data:image/png;base64,${encodeBase64(renderBarChartPng(values))}` })
    await writer.codeInterpreter(code, outputs)
    await writer.message(
      plot
        ? `I plotted ${values.length} values as a bar chart; the tallest bar is ${Math.max(...values)}.`
        : `The total is ${total} and the mean is ${total / values.length}.`,
    )
  }

const imageScript: Script = async ({ writer, userText }) => {
  const png = encodeBase64(
    renderBarChartPng(numbersIn(userText).length > 0 ? numbersIn(userText) : [4, 8, 15, 16, 23, 42]),
  )
  const style = { size: '1024x1024', quality: 'low', background: 'opaque', output_format: 'png' }
  const item: WireItem = { id: writer.newId('ig_'), type: 'image_generation_call', status: 'in_progress' }
  const output_index = writer.add(item)
  const at = { item_id: item.id, output_index }
  writer.run.emit('response.image_generation_call.in_progress', at)
  await writer.run.tick()
  writer.run.emit('response.image_generation_call.generating', at)
  for (let partial_image_index = 0; partial_image_index < 2; partial_image_index++) {
    await writer.run.tick(3)
    writer.run.emit('response.image_generation_call.partial_image', {
      ...at,
      partial_image_index,
      partial_image_b64: png,
      ...style,
    })
  }
  writer.run.emit('response.image_generation_call.completed', at)
  Object.assign(item, { status: 'completed', ...style, result: png, revised_prompt: userText.trim() })
  writer.done(output_index)
  await writer.message('Here is the picture you asked for.')
}

const DOCS = [
  { file_id: 'file-RunlineStreaming0000001', filename: 'streaming.md', text: 'Runs stream events over SSE.' },
  {
    file_id: 'file-RunlineTimeline00000002',
    filename: 'timeline.md',
    text: 'The timeline renders each step.',
  },
]

const searchScript: Script = async ({ writer, userText, includeSearchResults }) => {
  const query = userText.trim().slice(0, 80) || 'runline'
  const item: WireItem = {
    id: writer.newId('fs_'),
    type: 'file_search_call',
    status: 'in_progress',
    queries: [],
    results: null,
  }
  await writer.hosted(item, ['in_progress', 'searching', 'completed'], (done) => {
    done.status = 'completed'
    done.queries = [query]
    if (includeSearchResults)
      done.results = DOCS.map((doc, index) => ({ attributes: {}, ...doc, score: 0.9 - index / 10 }))
  })
  const first = 'Runline streams every run as server-sent events.'
  const text = `${first} Its timeline renders each step as it arrives.`
  const annotations: TextAnnotation[] = DOCS.map((doc, index) => {
    const at = index === 0 ? first.length : text.length
    return {
      at,
      annotation: { type: 'file_citation', file_id: doc.file_id, filename: doc.filename, index: at },
    }
  })
  await writer.message(text, annotations)
}

const SOURCES = [
  { title: 'Runline documentation', url: 'https://runline.dev/docs?utm_source=openai' },
  {
    title: 'OpenAI Responses API',
    url: 'https://platform.openai.com/docs/api-reference/responses?utm_source=openai',
  },
]

const webScript: Script = async ({ writer, userText }) => {
  const query = userText.trim().slice(0, 80) || 'runline'
  const item: WireItem = { id: writer.newId('ws_'), type: 'web_search_call', status: 'in_progress' }
  await writer.hosted(item, ['in_progress', 'searching', 'completed'], (done) => {
    done.status = 'completed'
    done.action = { type: 'search', query, sources: SOURCES.map(({ url }) => ({ type: 'url', url })) }
  })
  const parts = [
    'Runline is a state and UI layer for agent runs',
    'and the Responses API streams typed events',
  ]
  let text = ''
  // As in the real recordings, a citation spans its Markdown link `([site](url))`, not the claim.
  const annotations: TextAnnotation[] = parts.map((part, index) => {
    const source = SOURCES[index] as (typeof SOURCES)[number]
    text += `${part} `
    const start = text.length
    text += `([${index === 0 ? 'runline.dev' : 'openai.com'}](${source.url}))`
    const end = text.length
    text += index === 0 ? ', ' : '.'
    return {
      at: end,
      annotation: { type: 'url_citation', end_index: end, start_index: start, ...source },
    }
  })
  await writer.message(text, annotations)
}

const mcpScript: Script = async (ctx) => {
  const { writer, userText } = ctx
  const list: WireItem = {
    id: writer.newId('mcpl_'),
    type: 'mcp_list_tools',
    server_label: RESPONSES_MCP_LABEL,
    tools: [],
  }
  await writer.hosted(list, ['in_progress', 'completed'], (done) => {
    done.tools = RUNLINE_DOCS_TOOLS
  })
  const args = JSON.stringify({ query: userText.trim().slice(0, 60) })
  if (!ctx.mcpNeedsApproval) return runMcpCall(writer, args, null)
  const request: WireItem = {
    id: writer.newId('mcpr_'),
    type: 'mcp_approval_request',
    arguments: args,
    name: 'search_docs',
    server_label: RESPONSES_MCP_LABEL,
  }
  await writer.run.tick()
  writer.done(writer.add(request))
}

async function runMcpCall(writer: OutputWriter, args: string, approvalRequestId: string | null) {
  const item: WireItem = {
    id: writer.newId('mcp_'),
    type: 'mcp_call',
    status: 'in_progress',
    approval_request_id: approvalRequestId,
    arguments: '',
    error: null,
    name: 'search_docs',
    output: null,
    server_label: RESPONSES_MCP_LABEL,
  }
  const index = await writer.call(item, 'mcp_call_arguments', args)
  await writer.run.tick(2)
  writer.run.emit('response.mcp_call.completed', { item_id: item.id, output_index: index })
  Object.assign(item, {
    status: 'completed',
    output: 'Runline docs: runs stream as SSE; approvals gate MCP calls.',
  })
  writer.done(index)
  await writer.message(
    'The docs say runs stream as server-sent events, and MCP calls wait for your approval.',
  )
}

const answerApprovals: Script = async ({ writer, approvals }) => {
  for (const { approve, request } of approvals) {
    if (approve)
      await runMcpCall(writer, (request?.arguments as string | undefined) ?? '{}', request?.id ?? null)
    else await writer.message('Understood: I did not run the `search_docs` call.')
  }
}

const SCRIPTS: Record<ResponsesScenarioName, Script> = {
  default: defaultScript,
  fail: failScript,
  incomplete: defaultScript,
  slow: words(260, 5),
  long: words(5200, 1),
  mcp: mcpScript,
  web: webScript,
  reasoning: reasoningScript,
  weather: weatherScript,
  image: imageScript,
  plot: codeScript(true),
  code: codeScript(false),
  search: searchScript,
}

/** The script for a request: a follow-up's answer, or the scenario's own. */
export function scriptFor(scenario: ResponsesScenarioName, ctx: ScriptContext): () => Promise<void> {
  if (ctx.approvals.length > 0) return () => answerApprovals(ctx)
  if (ctx.toolOutputs.length > 0) return () => answerToolOutputs(ctx)
  const script = SCRIPTS[scenario]
  return () => script(ctx)
}
