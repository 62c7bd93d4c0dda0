/**
 * The Responses face: `POST /responses` (± `stream`, ± `background`), `GET /responses/{id}` (± `stream=true`
 * and `starting_after` to re-attach), `POST /responses/{id}/cancel`, `GET /responses/{id}/input_items`,
 * `DELETE /responses/{id}`, and the Conversations API, below the OpenAI face's base path.
 */
import { ApiError, jsonResponse, readJsonObject } from '../http.js'
import { randomId } from '../ids.js'
import { paginate, parsePageQuery } from '../pagination.js'
import { createRandom, hashSeed, type Random } from '../prng.js'
import { streamResponse } from '../stream.js'
import { type ConversationRecord, ConversationsApi } from './conversations.js'
import { LruMap } from './lru.js'
import { type CreateResponseRequest, lastUserText, parseCreateResponse } from './responses-requests.js'
import { ResponseRun, Stopped, type WireItem } from './responses-run.js'
import { responsesScenarioFor, scenarioAllowed } from './responses-scenarios.js'
import { type ScriptContext, ScriptFailure, scriptFor } from './responses-scripts.js'
import { buildResponse, countTokens, responseUsage } from './responses-shapes.js'
import { OutOfTokens, OutputWriter } from './responses-writer.js'

/** Options of the Responses face (the OpenAI face's own). */
export interface ResponsesOptions {
  delayMs?: number
  seed?: number
  now?: () => number
  /** Responses kept, and conversations kept (each; default 1,000). */
  maxResponses?: number
}

/** Id prefixes of stored input items, by type. */
const ITEM_PREFIX: Record<string, string> = {
  message: 'msg_',
  function_call_output: 'fco_',
  mcp_approval_response: 'mcpa_',
}

/** How far back a `previous_response_id` chain is searched for the call an input answers. */
const MAX_CHAIN = 100

/** The Responses and Conversations endpoints of one face. */
export class ResponsesApi {
  readonly conversations: ConversationsApi
  private readonly responses: LruMap<ResponseRun>
  private readonly ids: Random
  private readonly seed: number
  private readonly delayMs: number
  private readonly clock: () => number
  private count = 0

  constructor(options: ResponsesOptions) {
    this.seed = options.seed ?? 1
    this.delayMs = Math.max(0, options.delayMs ?? 20)
    this.clock = options.now ?? Date.now
    this.ids = createRandom(hashSeed(this.seed, 'responses', 'ids'))
    const capacity = options.maxResponses ?? 1000
    this.responses = new LruMap<ResponseRun>(
      capacity,
      (run) => run.streaming || !run.terminal,
      (run) => {
        run.stop()
        run.finish()
      },
    )
    this.conversations = new ConversationsApi(
      {
        nowSeconds: () => this.nowSeconds(),
        newId: (prefix) => randomId(this.ids, prefix, 48),
        stampItems: (items) => this.stampItems(items),
      },
      capacity,
    )
  }

  private nowSeconds(): number {
    return Math.floor(this.clock() / 1000)
  }

  /** Gives items their ids (kept if the client sent one) and messages their `status`. */
  private stampItems(items: WireItem[]): WireItem[] {
    return items.map((item) => {
      const id = item.id || randomId(this.ids, ITEM_PREFIX[item.type] ?? 'item_', 48)
      return item.type === 'message' ? { ...item, id, status: 'completed' } : { ...item, id }
    })
  }

  /** A stored response, or the API's 404. */
  private require(id: string): ResponseRun {
    const run = this.responses.get(id)
    if (!run) throw new ApiError(404, `Response with id '${id}' not found.`)
    return run
  }

  /** `POST /responses`. */
  async create(request: Request): Promise<Response> {
    const req = parseCreateResponse(await readJsonObject(request))
    const previous = req.previousResponseId === null ? undefined : this.responses.get(req.previousResponseId)
    if (req.previousResponseId !== null && !previous)
      throw new ApiError(
        404,
        `Previous response with id '${req.previousResponseId}' not found.`,
        'previous_response_id',
        'previous_response_not_found',
      )
    const conversation =
      req.conversationId === null ? undefined : this.conversations.require(req.conversationId)
    const input = this.stampItems(req.input)
    const userText =
      lastUserText(input) ?? lastUserText(conversation?.items ?? []) ?? previous?.userText ?? ''
    const id = randomId(this.ids, 'resp_', 48)
    const run = new ResponseRun(
      buildResponse({ ...req, id, createdAt: this.nowSeconds() }),
      { delayMs: this.delayMs, random: createRandom(hashSeed(this.seed, 'responses', ++this.count)) },
      userText,
      input,
    )
    this.responses.set(id, run)
    conversation?.items.push(...input)
    void this.play(run, req, this.scriptContext(run, req, previous, conversation))
    if (req.stream)
      return streamResponse({ attach: (sink) => run.attach(sink), detach: (sink) => run.detach(sink) })
    if (!req.background) await run.settled
    return jsonResponse(run.response)
  }

  /** What the script needs: the follow-up inputs with the items they answer, found in the turn's history. */
  private scriptContext(
    run: ResponseRun,
    req: CreateResponseRequest,
    previous: ResponseRun | undefined,
    conversation: ConversationRecord | undefined,
  ): ScriptContext {
    const find = (match: (item: WireItem) => boolean): WireItem | undefined => {
      const found = conversation?.items.findLast(match)
      if (found) return found
      let at = previous
      for (let depth = 0; at && depth < MAX_CHAIN; depth++) {
        const hit = at.response.output.findLast(match) ?? at.inputItems.findLast(match)
        if (hit) return hit
        const before = at.response.previous_response_id
        at = typeof before === 'string' ? this.responses.get(before) : undefined
      }
      return undefined
    }
    const mcp = req.tools.find(
      (tool): tool is Record<string, unknown> =>
        typeof tool === 'object' && tool !== null && (tool as { type?: unknown }).type === 'mcp',
    )
    return {
      writer: new OutputWriter(run, req.maxOutputTokens),
      userText: run.userText,
      toolOutputs: run.inputItems
        .filter((item) => item.type === 'function_call_output')
        .map((item) => ({
          output: typeof item.output === 'string' ? item.output : JSON.stringify(item.output),
          call: find((call) => call.type === 'function_call' && call.call_id === item.call_id),
        })),
      approvals: run.inputItems
        .filter((item) => item.type === 'mcp_approval_response')
        .map((item) => ({
          approve: item.approve === true,
          request: find(
            (asked) => asked.type === 'mcp_approval_request' && asked.id === item.approval_request_id,
          ),
        })),
      mcpNeedsApproval: mcp === undefined || mcp.require_approval !== 'never',
      includeSearchResults: req.include.includes('file_search_call.results'),
    }
  }

  /** Runs a response's script from `response.created` to its final event, then appends to its conversation. */
  private async play(run: ResponseRun, req: CreateResponseRequest, ctx: ScriptContext): Promise<void> {
    const { response } = run
    const emitResponse = (type: string) => run.emit(type, { response: structuredClone(response) })
    emitResponse('response.created')
    let failure: { code: string; message: string } | null = null
    try {
      if (req.background) {
        emitResponse('response.queued')
        await run.tick()
        response.status = 'in_progress'
      }
      emitResponse('response.in_progress')
      let scenario = responsesScenarioFor(run.userText)
      if (!scenarioAllowed(scenario, req.tools)) scenario = 'default'
      // The incomplete scenario is a response that runs out of output tokens.
      if (scenario === 'incomplete' && req.maxOutputTokens === null) ctx.writer = new OutputWriter(run, 16)
      await scriptFor(scenario, ctx)()
    } catch (error) {
      if (error instanceof Stopped) return
      if (error instanceof OutOfTokens) {
        response.status = 'incomplete'
        response.incomplete_details = { reason: 'max_output_tokens' }
      } else {
        const code = error instanceof ScriptFailure ? error.code : 'server_error'
        failure = { code, message: error instanceof Error ? error.message : String(error) }
      }
    }
    const input = run.inputItems.map((item) => JSON.stringify(item)).join('') + run.userText
    response.usage = responseUsage(countTokens(input), run.outputTokens, run.reasoningTokens)
    if (failure) {
      run.emit('error', { error: { type: 'server_error', ...failure, param: null } })
      response.status = 'failed'
      response.error = failure
      for (const item of response.output) if (item.status === 'in_progress') item.status = 'incomplete'
      emitResponse('response.failed')
    } else if (response.status === 'incomplete') {
      emitResponse('response.incomplete')
    } else {
      response.status = 'completed'
      response.completed_at = this.nowSeconds()
      emitResponse('response.completed')
    }
    if (req.conversationId !== null)
      this.conversations.find(req.conversationId)?.items.push(...response.output)
    run.finish()
  }

  /** `GET /responses/{id}` (± `stream=true&starting_after=N`: the events after N, then the live ones). */
  retrieve(id: string, url: URL): Response {
    const run = this.require(id)
    if (url.searchParams.get('stream') !== 'true') return jsonResponse(run.response)
    const raw = url.searchParams.get('starting_after')
    const after = raw === null ? -1 : Number(raw)
    if (!Number.isInteger(after) || after < -1)
      throw new ApiError(
        400,
        `Invalid 'starting_after': expected an integer, got '${raw}'.`,
        'starting_after',
      )
    return streamResponse({ attach: (sink) => run.attach(sink, after), detach: (sink) => run.detach(sink) })
  }

  /** `POST /responses/{id}/cancel`: only a background response; a cancelled one is answered as is. */
  cancel(id: string): Response {
    const run = this.require(id)
    const { response } = run
    if (response.background !== true)
      throw new ApiError(
        400,
        'Only responses created with background=true can be cancelled.',
        null,
        'invalid_request',
      )
    if (response.status !== 'cancelled') {
      if (run.terminal)
        throw new ApiError(
          400,
          `Cannot cancel a response with status '${response.status}'.`,
          null,
          'invalid_request',
        )
      response.status = 'cancelled'
      run.stop()
      run.finish()
    }
    return jsonResponse(response)
  }

  /** `DELETE /responses/{id}`. */
  delete(id: string): Response {
    const run = this.require(id)
    run.stop()
    run.finish()
    this.responses.delete(id)
    return jsonResponse({ id, object: 'response', deleted: true })
  }

  /** `GET /responses/{id}/input_items` (cursor pagination, `order` default desc). */
  inputItems(id: string, url: URL): Response {
    const run = this.require(id)
    return jsonResponse(paginate(run.inputItems, parsePageQuery(url.searchParams), (item) => item))
  }
}
