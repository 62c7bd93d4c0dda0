/**
 * `createSimulator`: an in-memory Assistants API v2 backend as a web-standard fetch handler.
 * Web APIs only (Request, Response, ReadableStream, TextEncoder), so it runs in browsers too.
 */
import type { MessageContent } from 'openai/resources/beta/threads/messages'
import { type EngineHost, type NewFile, RunDriver, type RunRecord, type ThreadRecord } from './engine.js'
import { ApiError, invalidType, jsonResponse, missingParameter, notFound, readJsonObject } from './http.js'
import { randomFileId, randomId } from './ids.js'
import { checkMessageLength, decodeSegment } from './limits.js'
import {
  buildAssistant,
  buildInputMessage,
  buildRun,
  buildThread,
  type RunSettings,
  stepView,
} from './objects.js'
import { paginate, parsePageQuery } from './pagination.js'
import { createRandom, hashSeed, type Random } from './prng.js'
import { SCENARIO_TOOL, type ScenarioName, scenarioFor } from './scenarios.js'
import { EXPIRE_AFTER_SECONDS, type SearchDocument, scriptFor } from './scripts.js'
import { streamResponse } from './stream.js'
import { DEFAULT_MAX_THREADS, ThreadStore } from './threads.js'
import {
  DEMO_ASSISTANT_ID,
  FILE_SEARCH_TOOL,
  GET_WEATHER_TOOL,
  isTerminalRunStatus,
  type WireAssistant,
  type WireFile,
  type WireMessage,
  type WireRun,
  type WireTool,
} from './wire.js'

/** Options of `createSimulator`. */
export interface SimulatorOptions {
  /** Path prefix stripped before routing; default '/v1'. apps/server mounts it with '/sim/v1'. */
  basePath?: string
  /** Pause between streamed deltas in ms; default 20. Tests use 0. */
  delayMs?: number
  /** Seed for ids and scripted content; same seed + same requests => same bytes (except timing). default 1 */
  seed?: number
  /** Clock in ms (default Date.now); timestamps on the wire are Unix SECONDS. */
  now?: () => number
  /**
   * Threads kept (default 1,000). Beyond it the least recently used thread is forgotten with its
   * messages, runs, steps and generated files; later requests for it are 404s.
   */
  maxThreads?: number
}

/** A running simulator. */
export interface Simulator {
  /** The web-standard handler. */
  fetch(request: Request): Promise<Response>
  /** fetch-compatible wrapper: (input, init) => this.fetch(new Request(input, init)), for clients' `fetch` option. */
  fetchLike: typeof fetch
}

/** The only `include[]` value the API knows for runs and steps. */
export const FILE_SEARCH_CONTENT_INCLUDE = 'step_details.tool_calls[*].file_search.results[*].content'

/** How long a run lives before it expires (seconds), as on the real API. */
const RUN_LIFETIME_SECONDS = 600

const DEMO_INSTRUCTIONS =
  "You are Runline's demo assistant. Answer briefly in Markdown. Use get_weather for weather questions, code_interpreter to calculate or plot, and file_search for questions about the docs."

const DOCUMENTS: ReadonlyArray<Omit<SearchDocument, 'fileId'>> = [
  {
    filename: 'runline-guide.md',
    text: '# Runline guide\n\nRunline renders an Assistants run as a timeline. Each run step (message creation, function, code_interpreter or file_search call) appears as soon as its first event arrives, and text streams in delta by delta.\n',
  },
  {
    filename: 'streaming-faq.md',
    text: '# Streaming FAQ\n\nWhen the assistant calls a function, the run stops in requires_action. Submit every pending tool output in one submit_tool_outputs request; the run then continues on a new stream.\n',
  },
]

interface FileRecord {
  meta: WireFile
  body: Uint8Array
  contentType: string
}

type Handler = () => Promise<Response> | Response

/** Creates a simulator with its own in-memory state, seeded with the demo assistant. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const backend = new SimulatorBackend(options)
  const handle = (request: Request) => backend.handle(request)
  return {
    fetch: handle,
    fetchLike: ((input: RequestInfo | URL, init?: RequestInit) =>
      handle(new Request(input, init))) as typeof fetch,
  }
}

// ---- request parsing helpers -----------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function parseMetadata(value: unknown, param = 'metadata'): Record<string, string> {
  if (value === undefined || value === null) return {}
  if (!isRecord(value)) throw invalidType(param, 'an object')
  const entries = Object.entries(value)
  if (entries.length > 16)
    throw new ApiError(
      400,
      `Invalid '${param}': too many properties (max 16).`,
      param,
      'object_above_max_properties',
    )
  for (const [key, item] of entries) {
    if (typeof item !== 'string') throw invalidType(`${param}.${key}`, 'a string')
    if (key.length > 64 || item.length > 512)
      throw new ApiError(
        400,
        `Invalid '${param}.${key}': string too long.`,
        `${param}.${key}`,
        'string_above_max_length',
      )
  }
  return value as Record<string, string>
}

function optionalNumber(body: Record<string, unknown>, key: string): number | null | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (value === null) return null
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidType(key, 'a number')
  return value
}

function optionalString(body: Record<string, unknown>, key: string): string | null | undefined {
  const value = body[key]
  if (value === undefined) return undefined
  if (value === null) return null
  if (typeof value !== 'string') throw invalidType(key, 'a string')
  return value
}

function parseContent(value: unknown, param: string): MessageContent[] {
  if (typeof value === 'string') {
    checkMessageLength(value, param)
    return [{ type: 'text', text: { value, annotations: [] } }]
  }
  if (!Array.isArray(value) || value.length === 0) {
    if (value === undefined) throw missingParameter(param)
    throw invalidType(param, 'a string or an array of content parts')
  }
  return value.map((part, index): MessageContent => {
    const where = `${param}[${index}]`
    if (!isRecord(part)) throw invalidType(where, 'an object')
    if (part.type === 'text' && typeof part.text === 'string') {
      checkMessageLength(part.text, `${where}.text`)
      return { type: 'text', text: { value: part.text, annotations: [] } }
    }
    if (
      part.type === 'image_file' &&
      isRecord(part.image_file) &&
      typeof part.image_file.file_id === 'string'
    ) {
      return { type: 'image_file', image_file: part.image_file as { file_id: string } }
    }
    if (part.type === 'image_url' && isRecord(part.image_url) && typeof part.image_url.url === 'string') {
      return { type: 'image_url', image_url: part.image_url as { url: string } }
    }
    throw new ApiError(400, `Invalid value for '${where}.type'.`, `${where}.type`, 'invalid_value')
  })
}

interface MessageInput {
  role: 'user' | 'assistant'
  content: MessageContent[]
  attachments: WireMessage['attachments']
  metadata: Record<string, string>
}

function parseMessageInput(value: unknown, param: string): MessageInput {
  if (!isRecord(value)) throw invalidType(param, 'an object')
  const at = (key: string) => (param ? `${param}.${key}` : key)
  const role = value.role
  if (role === undefined) throw missingParameter(at('role'))
  if (role !== 'user' && role !== 'assistant') {
    throw new ApiError(
      400,
      `Invalid value: '${String(role)}'. Supported values are: 'user' and 'assistant'.`,
      at('role'),
      'invalid_value',
    )
  }
  const attachments = value.attachments ?? []
  if (!Array.isArray(attachments)) throw invalidType(at('attachments'), 'an array')
  return {
    role,
    content: parseContent(value.content, at('content')),
    attachments: attachments as WireMessage['attachments'],
    metadata: parseMetadata(value.metadata, at('metadata')),
  }
}

/** `stream` as the API reads it: absent or null is false; anything but a boolean is refused. */
function streamFlag(body: Record<string, unknown>): boolean {
  const stream = body.stream
  if (stream === undefined || stream === null) return false
  if (typeof stream !== 'boolean') throw invalidType('stream', 'a boolean')
  return stream
}

function parseInclude(url: URL): boolean {
  const values = [...url.searchParams.getAll('include[]'), ...url.searchParams.getAll('include')]
  for (const value of values) {
    if (value !== FILE_SEARCH_CONTENT_INCLUDE) {
      throw new ApiError(
        400,
        `Invalid value: '${value}'. Supported values are: '${FILE_SEARCH_CONTENT_INCLUDE}'.`,
        'include[0]',
        'invalid_value',
      )
    }
  }
  return values.length > 0
}

function textOf(message: WireMessage): string {
  return message.content.map((part) => (part.type === 'text' ? part.text.value : '')).join('\n')
}

// ---- the backend -----------------------------------------------------------------------------

class SimulatorBackend implements EngineHost {
  readonly delayMs: number
  private readonly basePath: string
  private readonly seed: number
  private readonly clock: () => number
  /** Ids of objects created directly by requests (threads, user messages, assistants). */
  private readonly ids: Random
  private readonly assistants: WireAssistant[] = []
  private readonly files = new Map<string, FileRecord>()
  private readonly threads: ThreadStore
  private readonly documents: SearchDocument[]
  private runCount = 0
  private requestCount = 0

  constructor(options: SimulatorOptions) {
    this.basePath = (options.basePath ?? '/v1').replace(/\/+$/, '')
    this.delayMs = Math.max(0, options.delayMs ?? 20)
    this.seed = options.seed ?? 1
    this.clock = options.now ?? Date.now
    this.threads = new ThreadStore(options.maxThreads ?? DEFAULT_MAX_THREADS, (id) => this.files.delete(id))
    this.ids = createRandom(hashSeed(this.seed, 'ids'))
    const now = this.nowSeconds()
    const vectorStoreId = randomId(this.ids, 'vs_')
    this.documents = DOCUMENTS.map((document) => {
      const file = this.addFile({
        id: randomFileId(this.ids),
        filename: document.filename,
        purpose: 'assistants',
        body: new TextEncoder().encode(document.text),
        contentType: 'text/plain; charset=utf-8',
      })
      return { ...document, fileId: file.id }
    })
    this.assistants.push(
      buildAssistant({
        id: DEMO_ASSISTANT_ID,
        createdAt: now,
        name: 'Runline demo',
        description: 'Scripted assistant of the Runline simulator.',
        model: 'gpt-4o',
        instructions: DEMO_INSTRUCTIONS,
        tools: [GET_WEATHER_TOOL, { type: 'code_interpreter' }, FILE_SEARCH_TOOL],
        toolResources: {
          code_interpreter: { file_ids: [] },
          file_search: { vector_store_ids: [vectorStoreId] },
        },
        metadata: {},
        temperature: 1,
        top_p: 1,
        reasoning_effort: null,
        response_format: 'auto',
      }),
    )
  }

  now(): number {
    return this.clock()
  }

  private nowSeconds(): number {
    return Math.floor(this.clock() / 1000)
  }

  addFile(input: NewFile, owner?: ThreadRecord): WireFile {
    const meta: WireFile = {
      id: input.id,
      object: 'file',
      bytes: input.body.length,
      created_at: this.nowSeconds(),
      filename: input.filename,
      purpose: input.purpose,
      status: 'processed',
    }
    this.files.set(input.id, { meta, body: input.body, contentType: input.contentType })
    if (owner) this.threads.own(owner.thread.id, input.id)
    return meta
  }

  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url)
    let response: Response
    try {
      response = await this.route(request, url)
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(
              500,
              'The server had an error while processing your request. Sorry about that!',
              null,
              null,
              'server_error',
            )
      response = jsonResponse(apiError.toBody(), apiError.status)
    }
    this.requestCount++
    response.headers.set('openai-version', '2020-10-01')
    response.headers.set(
      'x-request-id',
      `req_${hashSeed(this.seed, 'request', this.requestCount).toString(16).padStart(8, '0')}`,
    )
    return response
  }

  private route(request: Request, url: URL): Promise<Response> | Response {
    const method = request.method.toUpperCase()
    const path = url.pathname
    const invalid = () => new ApiError(404, `Invalid URL (${method} ${path})`)
    if (path !== this.basePath && !path.startsWith(`${this.basePath}/`)) throw invalid()
    const segments = path
      .slice(this.basePath.length)
      .split('/')
      .filter(Boolean)
      .map((segment) => decodeSegment(segment, method, path))
    const [root, id, sub, subId, action, actionId] = segments
    const n = segments.length
    const on = (handlers: Partial<Record<string, Handler>>): Promise<Response> | Response => {
      const handler = handlers[method]
      if (!handler) throw invalid()
      return handler()
    }

    if (root === 'assistants') {
      if (n === 1)
        return on({ GET: () => this.listAssistants(url), POST: () => this.createAssistant(request) })
      if (n === 2 && id) return on({ GET: () => jsonResponse(this.assistant(id)) })
    }
    if (root === 'files') {
      if (n === 1) return on({ GET: () => this.listFiles(url) })
      if (n === 2 && id) return on({ GET: () => jsonResponse(this.file(id).meta) })
      if (n === 3 && id && sub === 'content') return on({ GET: () => this.fileContent(id) })
    }
    if (root === 'threads') {
      if (n === 1) return on({ POST: () => this.createThread(request) })
      if (n === 2 && id === 'runs') return on({ POST: () => this.createThreadAndRun(request, url) })
      if (n === 2 && id)
        return on({
          GET: () => jsonResponse(this.thread(id).thread),
          POST: () => this.updateThread(request, id),
        })
      if (n === 3 && id && sub === 'messages') {
        return on({ GET: () => this.listMessages(id, url), POST: () => this.createMessage(request, id) })
      }
      if (n === 4 && id && sub === 'messages' && subId)
        return on({ GET: () => jsonResponse(this.message(id, subId)) })
      if (n === 3 && id && sub === 'runs') {
        return on({ GET: () => this.listRuns(id, url), POST: () => this.createRunOnThread(request, url, id) })
      }
      if (n === 4 && id && sub === 'runs' && subId) {
        return on({
          GET: () => this.runResponse(this.runRecord(id, subId)),
          POST: () => this.updateRun(request, id, subId),
        })
      }
      if (n === 5 && id && subId && sub === 'runs') {
        if (action === 'cancel') return on({ POST: () => this.cancelRun(id, subId) })
        if (action === 'submit_tool_outputs')
          return on({ POST: () => this.submitToolOutputs(request, id, subId) })
        if (action === 'steps') return on({ GET: () => this.listSteps(id, subId, url) })
      }
      if (n === 6 && id && subId && sub === 'runs' && action === 'steps' && actionId) {
        return on({ GET: () => this.step(id, subId, actionId, url) })
      }
    }
    throw invalid()
  }

  // ---- lookups ---------------------------------------------------------------------------------

  private assistant(id: string): WireAssistant {
    const found = this.assistants.find((assistant) => assistant.id === id)
    if (!found) throw notFound('assistant', id)
    return found
  }

  private thread(id: string): ThreadRecord {
    const found = this.threads.get(id)
    if (!found) throw notFound('thread', id)
    for (const record of found.runs) record.driver.expireIfDue()
    return found
  }

  /** The end of a stream is a use of its thread: it must not be the next to be forgotten. */
  private touch(record: ThreadRecord): void {
    this.threads.get(record.thread.id)
  }

  private message(threadId: string, messageId: string): WireMessage {
    const found = this.thread(threadId).messages.find((message) => message.id === messageId)
    if (!found) throw notFound('message', messageId)
    return found
  }

  private runRecord(threadId: string, runId: string): RunRecord {
    const found = this.thread(threadId).runs.find((record) => record.run.id === runId)
    if (!found) throw notFound('run', runId)
    return found
  }

  private file(id: string): FileRecord {
    const found = this.files.get(id)
    if (!found) throw new ApiError(404, `No such File object: ${id}`, 'id')
    return found
  }

  private activeRun(thread: ThreadRecord): WireRun | undefined {
    return thread.runs.map((record) => record.run).find((run) => !isTerminalRunStatus(run.status))
  }

  /** `openai-poll-after-ms` for runs still moving: 1000 at the default pace, a few ms at zero pace. */
  private runResponse(record: RunRecord): Response {
    const run = record.run
    if (isTerminalRunStatus(run.status)) return jsonResponse(run)
    const pollAfter = this.delayMs === 0 ? 5 : Math.min(1000, Math.max(10, this.delayMs * 50))
    return jsonResponse(run, 200, { 'openai-poll-after-ms': String(pollAfter) })
  }

  // ---- assistants ------------------------------------------------------------------------------

  private listAssistants(url: URL): Response {
    return jsonResponse(paginate(this.assistants, parsePageQuery(url.searchParams), (assistant) => assistant))
  }

  private async createAssistant(request: Request): Promise<Response> {
    const body = await readJsonObject(request)
    const model = body.model
    if (model === undefined) throw missingParameter('model')
    if (typeof model !== 'string') throw invalidType('model', 'a string')
    const tools = body.tools ?? []
    if (!Array.isArray(tools)) throw invalidType('tools', 'an array')
    const assistant = buildAssistant({
      id: randomId(this.ids, 'asst_'),
      createdAt: this.nowSeconds(),
      name: optionalString(body, 'name') ?? null,
      description: optionalString(body, 'description') ?? null,
      model,
      instructions: optionalString(body, 'instructions') ?? null,
      tools: tools as WireTool[],
      toolResources: isRecord(body.tool_resources) ? body.tool_resources : {},
      metadata: parseMetadata(body.metadata),
      temperature: optionalNumber(body, 'temperature') ?? 1,
      top_p: optionalNumber(body, 'top_p') ?? 1,
      reasoning_effort: optionalString(body, 'reasoning_effort') ?? null,
      response_format: (body.response_format ?? 'auto') as WireAssistant['response_format'],
    })
    this.assistants.push(assistant)
    return jsonResponse(assistant)
  }

  // ---- files -----------------------------------------------------------------------------------

  private listFiles(url: URL): Response {
    const files = [...this.files.values()].map((record) => record.meta)
    return jsonResponse(paginate(files, parsePageQuery(url.searchParams), (file) => file))
  }

  private fileContent(id: string): Response {
    const record = this.file(id)
    return new Response(record.body.slice(), {
      status: 200,
      headers: { 'content-type': record.contentType, 'content-length': String(record.body.length) },
    })
  }

  // ---- threads & messages ----------------------------------------------------------------------

  private newThread(body: Record<string, unknown>, param: string): ThreadRecord {
    const messages = body.messages ?? []
    if (!Array.isArray(messages)) throw invalidType(`${param}messages`, 'an array')
    const inputs = messages.map((message, index) => parseMessageInput(message, `${param}messages[${index}]`))
    const metadata = parseMetadata(body.metadata, `${param}metadata`)
    const thread = buildThread(randomId(this.ids, 'thread_'), this.nowSeconds(), metadata)
    const record: ThreadRecord = { thread, messages: [], runs: [] }
    for (const input of inputs) this.appendMessage(record, input)
    this.threads.add(record)
    return record
  }

  private appendMessage(thread: ThreadRecord, input: MessageInput): WireMessage {
    const message = buildInputMessage({
      id: randomId(this.ids, 'msg_'),
      threadId: thread.thread.id,
      createdAt: this.nowSeconds(),
      ...input,
    })
    thread.messages.push(message)
    return message
  }

  private async createThread(request: Request): Promise<Response> {
    const body = await readJsonObject(request)
    return jsonResponse(this.newThread(body, '').thread)
  }

  private async updateThread(request: Request, threadId: string): Promise<Response> {
    const thread = this.thread(threadId)
    const body = await readJsonObject(request)
    if (body.metadata !== undefined) thread.thread.metadata = parseMetadata(body.metadata)
    return jsonResponse(thread.thread)
  }

  private listMessages(threadId: string, url: URL): Response {
    const thread = this.thread(threadId)
    const runId = url.searchParams.get('run_id')
    const messages = runId ? thread.messages.filter((message) => message.run_id === runId) : thread.messages
    return jsonResponse(paginate(messages, parsePageQuery(url.searchParams), (message) => message))
  }

  private async createMessage(request: Request, threadId: string): Promise<Response> {
    const thread = this.thread(threadId)
    const body = await readJsonObject(request)
    const input = parseMessageInput(body, '')
    const active = this.activeRun(thread)
    if (active) {
      throw new ApiError(400, `Can't add messages to ${threadId} while a run ${active.id} is active.`)
    }
    return jsonResponse(this.appendMessage(thread, input))
  }

  // ---- runs ------------------------------------------------------------------------------------

  private async createRunOnThread(request: Request, url: URL, threadId: string): Promise<Response> {
    const thread = this.thread(threadId)
    const body = await readJsonObject(request)
    const include = parseInclude(url)
    const assistant = this.requireAssistant(body)
    const active = this.activeRun(thread)
    if (active) throw new ApiError(400, `Thread ${threadId} already has an active run ${active.id}.`)
    const settings = this.runSettings(body, assistant)
    const additional = body.additional_messages ?? []
    if (!Array.isArray(additional)) throw invalidType('additional_messages', 'an array')
    const inputs = additional.map((message, index) =>
      parseMessageInput(message, `additional_messages[${index}]`),
    )
    for (const input of inputs) this.appendMessage(thread, input)
    return this.startRun(thread, assistant, settings, {
      include,
      stream: streamFlag(body),
      announceThread: false,
    })
  }

  private async createThreadAndRun(request: Request, url: URL): Promise<Response> {
    const body = await readJsonObject(request)
    const include = parseInclude(url)
    const assistant = this.requireAssistant(body)
    const settings = this.runSettings(body, assistant)
    const threadBody = body.thread ?? {}
    if (!isRecord(threadBody)) throw invalidType('thread', 'an object')
    const thread = this.newThread(threadBody, 'thread.')
    return this.startRun(thread, assistant, settings, {
      include,
      stream: streamFlag(body),
      announceThread: true,
    })
  }

  private requireAssistant(body: Record<string, unknown>): WireAssistant {
    const assistantId = body.assistant_id
    if (assistantId === undefined) throw missingParameter('assistant_id')
    if (typeof assistantId !== 'string') throw invalidType('assistant_id', 'a string')
    return this.assistant(assistantId)
  }

  private runSettings(body: Record<string, unknown>, assistant: WireAssistant): RunSettings {
    const tools = body.tools ?? assistant.tools
    if (!Array.isArray(tools)) throw invalidType('tools', 'an array')
    const parallel = body.parallel_tool_calls ?? true
    if (typeof parallel !== 'boolean') throw invalidType('parallel_tool_calls', 'a boolean')
    let instructions = optionalString(body, 'instructions')
    if (instructions === undefined) instructions = assistant.instructions
    const additional = optionalString(body, 'additional_instructions')
    if (additional) instructions = instructions ? `${instructions} ${additional}` : additional
    const pick = <T>(value: T | null | undefined, fallback: T): T =>
      value === undefined ? fallback : (value as T)
    return {
      model: pick(optionalString(body, 'model'), assistant.model),
      instructions,
      tools: tools as WireTool[],
      metadata: parseMetadata(body.metadata),
      temperature: pick(optionalNumber(body, 'temperature'), assistant.temperature ?? 1),
      top_p: pick(optionalNumber(body, 'top_p'), assistant.top_p ?? 1),
      reasoning_effort: pick(optionalString(body, 'reasoning_effort'), null),
      max_completion_tokens: pick(optionalNumber(body, 'max_completion_tokens'), null),
      max_prompt_tokens: pick(optionalNumber(body, 'max_prompt_tokens'), null),
      truncation_strategy: isRecord(body.truncation_strategy)
        ? (body.truncation_strategy as unknown as WireRun['truncation_strategy'])
        : { type: 'auto', last_messages: null },
      response_format: (body.response_format ??
        assistant.response_format ??
        'auto') as WireRun['response_format'],
      tool_choice: (body.tool_choice ?? 'auto') as WireRun['tool_choice'],
      parallel_tool_calls: parallel,
    }
  }

  /** The scenario of the thread's last user message, falling back to text when the run lacks the tool. */
  private scenarioOf(thread: ThreadRecord, tools: WireTool[]): { scenario: ScenarioName; userText: string } {
    const lastUser = [...thread.messages].reverse().find((message) => message.role === 'user')
    const userText = lastUser ? textOf(lastUser) : ''
    const scenario = scenarioFor(userText)
    const needed = SCENARIO_TOOL[scenario]
    const available =
      needed === undefined ||
      tools.some((tool) =>
        needed === 'get_weather'
          ? tool.type === 'function' && tool.function.name === 'get_weather'
          : tool.type === needed,
      )
    return { scenario: available ? scenario : 'default', userText }
  }

  private startRun(
    thread: ThreadRecord,
    assistant: WireAssistant,
    settings: RunSettings,
    mode: { include: boolean; stream: boolean; announceThread: boolean },
  ): Response {
    const { scenario, userText } = this.scenarioOf(thread, settings.tools)
    if (!userText && !settings.instructions) {
      throw new ApiError(
        400,
        'Run creation requires a Thread with a user message or an assistant with instructions.',
        null,
        'invalid_thread',
      )
    }
    this.runCount++
    const random = createRandom(hashSeed(this.seed, 'run', this.runCount))
    const createdAt = this.nowSeconds()
    const run = buildRun({
      id: randomId(random, 'run_'),
      threadId: thread.thread.id,
      assistantId: assistant.id,
      createdAt,
      expiresAt: createdAt + (scenario === 'expire' ? EXPIRE_AFTER_SECONDS : RUN_LIFETIME_SECONDS),
      settings,
      toolResources: { code_interpreter: { file_ids: [] } },
    })
    const record = { run, steps: [], includeFileSearchContent: mode.include } as unknown as RunRecord
    record.driver = new RunDriver(this, thread, record, random, userText)
    thread.runs.push(record)
    const script = scriptFor(scenario, { documents: this.documents })
    if (!mode.stream) {
      const response = this.runResponse(record)
      record.driver.start(script, mode.announceThread)
      return response
    }
    const response = streamResponse(record.driver, undefined, () => this.touch(thread))
    record.driver.start(script, mode.announceThread)
    return response
  }

  private listRuns(threadId: string, url: URL): Response {
    const thread = this.thread(threadId)
    return jsonResponse(
      paginate(
        thread.runs.map((record) => record.run),
        pageOf(url),
        (run) => run,
      ),
    )
  }

  private async updateRun(request: Request, threadId: string, runId: string): Promise<Response> {
    const record = this.runRecord(threadId, runId)
    const body = await readJsonObject(request)
    if (body.metadata !== undefined) record.run.metadata = parseMetadata(body.metadata)
    return this.runResponse(record)
  }

  private cancelRun(threadId: string, runId: string): Response {
    const record = this.runRecord(threadId, runId)
    record.driver.requestCancel()
    return this.runResponse(record)
  }

  private async submitToolOutputs(request: Request, threadId: string, runId: string): Promise<Response> {
    const record = this.runRecord(threadId, runId)
    const body = await readJsonObject(request)
    const raw = body.tool_outputs
    if (raw === undefined) throw missingParameter('tool_outputs')
    if (!Array.isArray(raw)) throw invalidType('tool_outputs', 'an array')
    const outputs = raw.map((item, index) => {
      if (!isRecord(item)) throw invalidType(`tool_outputs[${index}]`, 'an object')
      if (typeof item.tool_call_id !== 'string') throw missingParameter(`tool_outputs[${index}].tool_call_id`)
      if (item.output !== undefined && typeof item.output !== 'string')
        throw invalidType(`tool_outputs[${index}].output`, 'a string')
      return { tool_call_id: item.tool_call_id, output: typeof item.output === 'string' ? item.output : '' }
    })
    if (streamFlag(body)) {
      // Validation runs while the stream is built: a bad submit is still a plain JSON 400.
      return streamResponse(
        record.driver,
        (sink) => record.driver.submitToolOutputs(outputs, sink),
        () => this.touch(record.driver.thread),
      )
    }
    record.driver.submitToolOutputs(outputs, null)
    return this.runResponse(record)
  }

  // ---- steps -----------------------------------------------------------------------------------

  private listSteps(threadId: string, runId: string, url: URL): Response {
    const record = this.runRecord(threadId, runId)
    const include = parseInclude(url)
    return jsonResponse(paginate(record.steps, pageOf(url), (step) => stepView(step, include)))
  }

  private step(threadId: string, runId: string, stepId: string, url: URL): Response {
    const record = this.runRecord(threadId, runId)
    const include = parseInclude(url)
    const step = record.steps.find((candidate) => candidate.id === stepId)
    if (!step) throw notFound('run step', stepId)
    return jsonResponse(stepView(step, include))
  }
}

function pageOf(url: URL) {
  return parsePageQuery(url.searchParams)
}
