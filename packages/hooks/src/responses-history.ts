'use client'
// The Responses wire's history: a conversation's items grouped into turns (a user's message, then
// what the turn's responses wrote up to the next one), each past turn folded into a run state by
// core's `runline.items`, so the live run's timeline rows draw it. Core's Responses fold loads with
// the first page (load-responses-parts.ts): an app that never shows a Responses thread never loads it.
import { initialRunState, type RunState, reduceAssistantsRun } from '@runline/core'
import type { ConversationItem } from 'openai/resources/conversations/items'
import { useCallback, useMemo } from 'react'
import { useResponsesParts } from './load-responses-parts.js'
import { useConversationItems } from './queries.js'
import { useRunSelector } from './run-source.js'
import {
  type AssistantTurn,
  keepTurns,
  NO_TURNS,
  type ThreadHistory,
  type ThreadHistoryOptions,
  type ThreadHistorySource,
  type ThreadTurn,
  type UserTurn,
  useListHistory,
} from './thread-history.js'

type Json = Readonly<Record<string, unknown>>

const NO_MESSAGES: AssistantTurn['messages'] = Object.freeze([])
const NO_IDS: ReadonlySet<string> = new Set()

/** True for the item that begins a turn: a `message` the user wrote. */
function isUserMessage(item: Json): boolean {
  return item.type === 'message' && item.role === 'user'
}

/** A message item's text: its text parts (`input_text`, `output_text`, …) joined, or its content string. */
export function itemText(item: Json): string {
  const { content } = item
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content
    .map((part: unknown) =>
      part !== null && typeof part === 'object' && typeof (part as Json).text === 'string'
        ? ((part as Json).text as string)
        : '',
    )
    .filter((text) => text !== '')
    .join('\n')
}

/** An item as a plain record (every item type is one; TypeScript's union has no index signature). */
const json = (item: ConversationItem): Json => item as unknown as Json

function idOf(item: ConversationItem): string {
  const id: unknown = json(item).id
  return typeof id === 'string' ? id : ''
}

function userTurn(item: ConversationItem): UserTurn {
  const id = idOf(item)
  return { kind: 'user', key: id, id, text: itemText(json(item)), state: 'sent', message: null, item }
}

/**
 * Groups a conversation's items (oldest first) into turns: each user `message` item is a user turn,
 * the items after it up to the next one an assistant turn (keyed by its first item). A turn holding
 * any item of `liveItemIds` is left out: the live run's own store renders it. Turns whose items are
 * the same objects as in `previous` are the previous turn objects, and an unchanged result is
 * `previous` itself (as `groupThreadTurns`).
 */
export function groupConversationTurns(
  items: readonly ConversationItem[],
  liveItemIds: ReadonlySet<string> = NO_IDS,
  previous: readonly ThreadTurn[] = NO_TURNS,
): readonly ThreadTurn[] {
  const turns: ThreadTurn[] = []
  let answer: ConversationItem[] = []
  let live = false
  const close = () => {
    if (answer.length > 0 && !live) {
      const key = idOf(answer[0]!) || `after-${turns[turns.length - 1]?.key ?? 'start'}`
      turns.push({ kind: 'assistant', key, runId: null, messages: NO_MESSAGES, items: answer })
    }
    answer = []
    live = false
  }
  for (const item of items) {
    if (isUserMessage(json(item))) {
      close()
      turns.push(userTurn(item))
      continue
    }
    answer.push(item)
    if (liveItemIds.has(idOf(item))) live = true
  }
  close()
  return keepTurns(turns, previous)
}

// The live turn's output item ids, joined (a string, so a commit that adds none changes nothing).
const liveKeys = new WeakMap<object, string>()
function selectLiveItemKey(state: RunState): string {
  const list = state.responses
  if (!list || list.length === 0) return ''
  let key = liveKeys.get(list)
  if (key === undefined) {
    const ids: string[] = []
    for (const rs of list) {
      for (const item of rs.output) {
        const id: unknown = (item as Json | undefined)?.id
        if (typeof id === 'string' && id !== '') ids.push(id)
      }
    }
    key = ids.join('\n')
    liveKeys.set(list, key)
  }
  return key
}

function useResponsesHistory(threadId: string | null, options: ThreadHistoryOptions): ThreadHistory {
  const { liveStore, pageSize = 30 } = options
  const liveKey = useRunSelector(liveStore ?? initialRunState, selectLiveItemKey)
  const liveIds = useMemo(() => (liveKey === '' ? NO_IDS : new Set(liveKey.split('\n'))), [liveKey])
  const query = useConversationItems(threadId, { limit: pageSize })
  const group = useCallback(
    (items: readonly ConversationItem[], previous: readonly ThreadTurn[]) =>
      groupConversationTurns(items, liveIds, previous),
    [liveIds],
  )
  const history = useListHistory(threadId, query, group)
  // The turns wait for the fold that draws them: until it is there the history is still loading
  // (what a view shows while the first page is on its way), so no turn ever draws empty.
  const { parts, error } = useResponsesParts(threadId !== null)
  return useMemo(() => {
    if (parts || !threadId || history.status === 'error') return history
    return {
      ...history,
      turns: NO_TURNS,
      status: error ? 'error' : 'pending',
      error,
      hasEarlier: false,
      loadingEarlier: false,
    }
  }, [history, parts, error, threadId])
}

function useResponsesTurnRun(threadId: string, turn: AssistantTurn): RunState {
  // Loaded already when the turn came from `useHistory`; else the turn shows nothing until it is.
  const { parts } = useResponsesParts(true)
  return useMemo(
    () =>
      parts
        ? reduceAssistantsRun(
            initialRunState,
            { event: 'runline.items', data: { threadId: threadId || null, items: turn.items ?? [] } },
            parts,
          )
        : initialRunState,
    [threadId, turn.items, parts],
  )
}

/**
 * The Responses wire's history (OpenAI Responses + Conversations, Foundry's new agents): the
 * conversation's items through `useConversationItems` (newest page first, earlier pages on demand),
 * grouped into turns; each past turn's items folded into a run state (`runline.items`: reasoning,
 * calls with their outputs, MCP calls and approvals, searches, images, messages) by core's Responses
 * fold, which loads with the first page (the history is `pending` until both are there). The live turn's
 * items are left out while its store holds them (`liveStore`). A first send creates the
 * conversation; the user's text goes in as the response's input, with the run's start.
 */
export const responsesHistory: ThreadHistorySource = {
  useHistory: useResponsesHistory,
  useTurnRun: useResponsesTurnRun,
  createThread: async ({ client }) => (await client.conversations.create()).id,
  sendTurn: async (_context, _threadId, text) => ({ messageId: null, params: { message: text } }),
}
