/**
 * The REST handlers of the Assistants family of wires: assistants, files, threads, messages, runs,
 * steps. The OpenAI face serves them as they are; the Foundry face serves them in its own shapes and
 * with its additions (run `tool_resources.mcp`, `tool_approvals`) through {@link ApiRules}.
 */
import type { ToolApprovalInput, ToolOutputInput } from '../engine/actions.js'
import type { Engine } from '../engine/engine.js'
import type { McpApprovalPolicy, RunRecord, WireShapes } from '../engine/records.js'
import { ApiError, invalidType, jsonResponse, missingParameter, notFound, readJsonObject } from '../http.js'
import { buildAssistant, type RunSettings, stepView } from '../objects.js'
import { paginate, parsePageQuery } from '../pagination.js'
import { streamResponse } from '../stream.js'
import {
  isTerminalRunStatus,
  type WireAssistant,
  type WireRun,
  type WireTool,
  type WireToolResources,
} from '../wire.js'
import {
  isRecord,
  optionalNumber,
  optionalString,
  parseInclude,
  parseMessageInput,
  parseMetadata,
  streamFlag,
} from './requests.js'

/** A face's shapes for everything these handlers print. */
export interface FaceShapes extends WireShapes {
  assistant(assistant: WireAssistant): unknown
}

/** What a run request may add beyond the Assistants fields (Foundry: MCP approval and headers). */
export interface RunExtras {
  toolResources?: WireToolResources
  mcpApproval?: ReadonlyMap<string, McpApprovalPolicy>
}

/** The answers of a `submit_tool_outputs` request: tool outputs, or (Foundry) tool approvals. */
export type SubmitAnswers =
  | { kind: 'outputs'; outputs: ToolOutputInput[] }
  | { kind: 'approvals'; approvals: ToolApprovalInput[] }

/** Where the faces differ while sharing these handlers. */
export interface ApiRules {
  shapes: FaceShapes
  /** Sends `openai-poll-after-ms` while a run moves (OpenAI does; Foundry does not). */
  pollHeader: boolean
  /** Reads what a run request adds to the Assistants fields. */
  runExtras(body: Record<string, unknown>): RunExtras
  /** Reads the answers of a `submit_tool_outputs` body. */
  readAnswers(body: Record<string, unknown>): SubmitAnswers
}

/** The Assistants wire's reading of a submit: `tool_outputs`, required. */
export function readToolOutputs(body: Record<string, unknown>): SubmitAnswers {
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
  return { kind: 'outputs', outputs }
}

/** The handlers, bound to one engine and one face's rules. */
export class ThreadsApi {
  constructor(
    readonly engine: Engine,
    private readonly rules: ApiRules,
  ) {}

  private get shapes(): FaceShapes {
    return this.rules.shapes
  }

  /** A run as JSON, with the poll hint while it moves (when the face sends one). */
  runResponse(record: RunRecord): Response {
    const run = record.run
    const body = this.shapes.run(run)
    if (!this.rules.pollHeader || isTerminalRunStatus(run.status)) return jsonResponse(body)
    // 1000 at the default pace, a few ms at zero pace.
    const delayMs = this.engine.delayMs
    const pollAfter = delayMs === 0 ? 5 : Math.min(1000, Math.max(10, delayMs * 50))
    return jsonResponse(body, 200, { 'openai-poll-after-ms': String(pollAfter) })
  }

  // ---- assistants & files --------------------------------------------------------------------

  listAssistants(url: URL): Response {
    const page = parsePageQuery(url.searchParams)
    return jsonResponse(paginate(this.engine.listAssistants(), page, (a) => this.shapes.assistant(a)))
  }

  getAssistant(id: string): Response {
    return jsonResponse(this.shapes.assistant(this.engine.assistant(id)))
  }

  async createAssistant(request: Request): Promise<Response> {
    const body = await readJsonObject(request)
    const model = body.model
    if (model === undefined) throw missingParameter('model')
    if (typeof model !== 'string') throw invalidType('model', 'a string')
    const tools = body.tools ?? []
    if (!Array.isArray(tools)) throw invalidType('tools', 'an array')
    const assistant = buildAssistant({
      id: this.engine.newId('asst_'),
      createdAt: this.engine.nowSeconds(),
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
    this.engine.addAssistant(assistant)
    return jsonResponse(this.shapes.assistant(assistant))
  }

  listFiles(url: URL): Response {
    return jsonResponse(paginate(this.engine.listFiles(), parsePageQuery(url.searchParams), (file) => file))
  }

  getFile(id: string): Response {
    return jsonResponse(this.engine.file(id).meta)
  }

  fileContent(id: string): Response {
    const record = this.engine.file(id)
    return new Response(record.body.slice(), {
      status: 200,
      headers: { 'content-type': record.contentType, 'content-length': String(record.body.length) },
    })
  }

  // ---- threads & messages --------------------------------------------------------------------

  private newThread(body: Record<string, unknown>, param: string) {
    const messages = body.messages ?? []
    if (!Array.isArray(messages)) throw invalidType(`${param}messages`, 'an array')
    const inputs = messages.map((message, index) => parseMessageInput(message, `${param}messages[${index}]`))
    const metadata = parseMetadata(body.metadata, `${param}metadata`)
    return this.engine.createThread(inputs, metadata)
  }

  async createThread(request: Request): Promise<Response> {
    const body = await readJsonObject(request)
    return jsonResponse(this.shapes.thread(this.newThread(body, '').thread))
  }

  getThread(id: string): Response {
    return jsonResponse(this.shapes.thread(this.engine.thread(id).thread))
  }

  async updateThread(request: Request, threadId: string): Promise<Response> {
    const thread = this.engine.thread(threadId)
    const body = await readJsonObject(request)
    if (body.metadata !== undefined) thread.thread.metadata = parseMetadata(body.metadata)
    return jsonResponse(this.shapes.thread(thread.thread))
  }

  listMessages(threadId: string, url: URL): Response {
    const thread = this.engine.thread(threadId)
    const runId = url.searchParams.get('run_id')
    const messages = runId ? thread.messages.filter((message) => message.run_id === runId) : thread.messages
    const page = parsePageQuery(url.searchParams)
    return jsonResponse(paginate(messages, page, (message) => this.shapes.message(message)))
  }

  getMessage(threadId: string, messageId: string): Response {
    return jsonResponse(this.shapes.message(this.engine.message(threadId, messageId)))
  }

  async createMessage(request: Request, threadId: string): Promise<Response> {
    const thread = this.engine.thread(threadId)
    const body = await readJsonObject(request)
    const input = parseMessageInput(body, '')
    const active = this.engine.activeRun(thread)
    if (active) {
      throw new ApiError(400, `Can't add messages to ${threadId} while a run ${active.id} is active.`)
    }
    return jsonResponse(this.shapes.message(this.engine.appendMessage(thread, input)))
  }

  // ---- runs ----------------------------------------------------------------------------------

  async createRunOnThread(request: Request, url: URL, threadId: string): Promise<Response> {
    const thread = this.engine.thread(threadId)
    const body = await readJsonObject(request)
    const include = parseInclude(url)
    const assistant = this.requireAssistant(body)
    const active = this.engine.activeRun(thread)
    if (active) throw new ApiError(400, `Thread ${threadId} already has an active run ${active.id}.`)
    const settings = this.runSettings(body, assistant)
    const extras = this.rules.runExtras(body)
    const additional = body.additional_messages ?? []
    if (!Array.isArray(additional)) throw invalidType('additional_messages', 'an array')
    const inputs = additional.map((message, index) =>
      parseMessageInput(message, `additional_messages[${index}]`),
    )
    const stream = streamFlag(body)
    for (const input of inputs) this.engine.appendMessage(thread, input)
    const record = this.engine.createRun(thread, assistant, settings, { include, ...extras })
    return this.startRun(record, stream, false)
  }

  async createThreadAndRun(request: Request, url: URL): Promise<Response> {
    const body = await readJsonObject(request)
    const include = parseInclude(url)
    const assistant = this.requireAssistant(body)
    const settings = this.runSettings(body, assistant)
    const extras = this.rules.runExtras(body)
    const threadBody = body.thread ?? {}
    if (!isRecord(threadBody)) throw invalidType('thread', 'an object')
    const stream = streamFlag(body)
    const thread = this.newThread(threadBody, 'thread.')
    const record = this.engine.createRun(thread, assistant, settings, { include, ...extras })
    return this.startRun(record, stream, true)
  }

  /** A non-streaming create returns the queued run; a streaming one attaches before the first event. */
  private startRun(record: RunRecord, stream: boolean, announceThread: boolean): Response {
    const driver = record.driver
    const response = stream
      ? streamResponse(driver, undefined, () => this.engine.touch(driver.thread))
      : this.runResponse(record)
    driver.start(announceThread)
    return response
  }

  private requireAssistant(body: Record<string, unknown>): WireAssistant {
    const assistantId = body.assistant_id
    if (assistantId === undefined) throw missingParameter('assistant_id')
    if (typeof assistantId !== 'string') throw invalidType('assistant_id', 'a string')
    return this.engine.assistant(assistantId)
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

  listRuns(threadId: string, url: URL): Response {
    const thread = this.engine.thread(threadId)
    const page = parsePageQuery(url.searchParams)
    const runs = thread.runs.map((record) => record.run)
    return jsonResponse(paginate(runs, page, (run) => this.shapes.run(run)))
  }

  getRun(threadId: string, runId: string): Response {
    return this.runResponse(this.engine.runRecord(threadId, runId))
  }

  async updateRun(request: Request, threadId: string, runId: string): Promise<Response> {
    const record = this.engine.runRecord(threadId, runId)
    const body = await readJsonObject(request)
    if (body.metadata !== undefined) record.run.metadata = parseMetadata(body.metadata)
    return this.runResponse(record)
  }

  cancelRun(threadId: string, runId: string): Response {
    const record = this.engine.runRecord(threadId, runId)
    record.driver.requestCancel()
    return this.runResponse(record)
  }

  async submitToolOutputs(request: Request, threadId: string, runId: string): Promise<Response> {
    const record = this.engine.runRecord(threadId, runId)
    const body = await readJsonObject(request)
    const answers = this.rules.readAnswers(body)
    const actions = record.driver.actions
    const submit = (sink: Parameters<typeof actions.submitOutputs>[1]) =>
      answers.kind === 'outputs'
        ? actions.submitOutputs(answers.outputs, sink)
        : actions.submitApprovals(answers.approvals, sink)
    if (streamFlag(body)) {
      // Validation runs while the stream is built: a bad submit is still a plain JSON 400.
      return streamResponse(record.driver, submit, () => this.engine.touch(record.driver.thread))
    }
    submit(null)
    return this.runResponse(record)
  }

  // ---- steps ---------------------------------------------------------------------------------

  listSteps(threadId: string, runId: string, url: URL): Response {
    const record = this.engine.runRecord(threadId, runId)
    const include = parseInclude(url)
    const page = parsePageQuery(url.searchParams)
    return jsonResponse(paginate(record.steps, page, (step) => this.shapes.step(stepView(step, include))))
  }

  getStep(threadId: string, runId: string, stepId: string, url: URL): Response {
    const record = this.engine.runRecord(threadId, runId)
    const include = parseInclude(url)
    const step = record.steps.find((candidate) => candidate.id === stepId)
    if (!step) throw notFound('run step', stepId)
    return jsonResponse(this.shapes.step(stepView(step, include)))
  }
}
