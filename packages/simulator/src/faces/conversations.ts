/**
 * The Conversations API: a conversation is an ordered list of items that responses made with
 * `conversation: id` read from and append to (their input, then their output). Bounded like the
 * responses: the least recently used conversation goes beyond the cap.
 */
import { ApiError, jsonResponse, readJsonObject } from '../http.js'
import { paginate, parsePageQuery } from '../pagination.js'
import { LruMap } from './lru.js'
import { parseMetadata } from './requests.js'
import { parseInputItems } from './responses-requests.js'
import type { WireItem } from './responses-run.js'

/** A conversation and its items (creation order). */
export interface ConversationRecord {
  conversation: { id: string; object: 'conversation'; created_at: number; metadata: Record<string, string> }
  items: WireItem[]
}

/** What the conversations need from their face. */
export interface ConversationsHost {
  /** Unix seconds now. */
  nowSeconds(): number
  /** A fresh id with this prefix. */
  newId(prefix: string): string
  /** Gives stored items their ids (and messages their status). */
  stampItems(items: WireItem[]): WireItem[]
}

/** The API's 404 for an unknown conversation. */
export function conversationNotFound(id: string): ApiError {
  return new ApiError(404, `Conversation with id '${id}' not found.`, null, null)
}

/** The conversations of one face. */
export class ConversationsApi {
  private readonly store: LruMap<ConversationRecord>

  constructor(
    private readonly host: ConversationsHost,
    capacity: number,
  ) {
    this.store = new LruMap(capacity)
  }

  /** A conversation by id, or the API's 404. */
  require(id: string): ConversationRecord {
    const record = this.store.get(id)
    if (!record) throw conversationNotFound(id)
    return record
  }

  /** A conversation by id if it is still kept (a response appending to an evicted one skips it). */
  find(id: string): ConversationRecord | undefined {
    return this.store.get(id)
  }

  /** `POST /conversations` (± `items`, `metadata`). */
  async create(request: Request): Promise<Response> {
    const body = await readJsonObject(request)
    const items = this.host.stampItems(parseInputItems(body.items, 'items'))
    const conversation = {
      id: this.host.newId('conv_'),
      object: 'conversation' as const,
      created_at: this.host.nowSeconds(),
      metadata: parseMetadata(body.metadata),
    }
    this.store.set(conversation.id, { conversation, items })
    return jsonResponse(conversation)
  }

  /** `GET /conversations/{id}`. */
  retrieve(id: string): Response {
    return jsonResponse(this.require(id).conversation)
  }

  /** `POST /conversations/{id}`: replaces its metadata. */
  async update(request: Request, id: string): Promise<Response> {
    const record = this.require(id)
    const body = await readJsonObject(request)
    record.conversation.metadata = parseMetadata(body.metadata)
    return jsonResponse(record.conversation)
  }

  /** `DELETE /conversations/{id}`. */
  delete(id: string): Response {
    this.require(id)
    this.store.delete(id)
    return jsonResponse({ id, object: 'conversation.deleted', deleted: true })
  }

  /** `GET /conversations/{id}/items` (cursor pagination, `order` default desc). */
  listItems(id: string, url: URL): Response {
    const record = this.require(id)
    return jsonResponse(paginate(record.items, parsePageQuery(url.searchParams), (item) => item))
  }

  /** `POST /conversations/{id}/items`: appends `items`, answers the list of added items. */
  async createItems(request: Request, id: string): Promise<Response> {
    const record = this.require(id)
    const body = await readJsonObject(request)
    if (!Array.isArray(body.items) || body.items.length === 0)
      throw new ApiError(400, "Missing required parameter: 'items'.", 'items', 'missing_required_parameter')
    const added = this.host.stampItems(parseInputItems(body.items, 'items'))
    record.items.push(...added)
    return jsonResponse({
      object: 'list',
      data: added,
      first_id: added[0]?.id ?? null,
      last_id: added.at(-1)?.id ?? null,
      has_more: false,
    })
  }

  /** `GET /conversations/{id}/items/{item}`. */
  getItem(id: string, itemId: string): Response {
    const item = this.require(id).items.find((entry) => entry.id === itemId)
    if (!item) throw new ApiError(404, `Item with id '${itemId}' not found.`)
    return jsonResponse(item)
  }

  /** `DELETE /conversations/{id}/items/{item}`: answers the conversation. */
  deleteItem(id: string, itemId: string): Response {
    const record = this.require(id)
    const index = record.items.findIndex((entry) => entry.id === itemId)
    if (index < 0) throw new ApiError(404, `Item with id '${itemId}' not found.`)
    record.items.splice(index, 1)
    return jsonResponse(record.conversation)
  }
}
