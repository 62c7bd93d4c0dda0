'use client'

import type { AnyToolCall } from '@runline/core'
import type { FunctionToolCall } from 'openai/resources/beta/threads/runs/steps'
import { createContext, type ReactNode, useContext, useMemo } from 'react'
import type { PartialJsonStatus } from './partial-json.js'

/** What a per-tool renderer receives besides the call itself. */
export interface ToolRenderInfo {
  /** The arguments parsed so far (partial while they stream). */
  args: unknown
  /** Whether the arguments are complete JSON yet. */
  argumentsStatus: PartialJsonStatus
  /** The output once submitted (or given by a client handler), else null. */
  output: string | null
  /** The call's state, as in `data-state`: streaming | waiting | handled | answered | failed | cancelled | expired. */
  state: FunctionCallState
}

/** The life of a function call as the timeline shows it. */
export type FunctionCallState =
  | 'streaming'
  | 'waiting'
  | 'handled'
  | 'answered'
  | 'failed'
  | 'cancelled'
  | 'expired'

/** Renders a function call of one name in place of the default view (e.g. a weather card for `get_weather`). */
export type ToolRenderer = (call: FunctionToolCall, info: ToolRenderInfo) => ReactNode

/** Per-tool overrides, by function name. */
export type ToolRenderers = Readonly<Record<string, ToolRenderer>>

/** What a tool card receives besides the call: the status of its step (is the call still running?). */
export interface ToolCardInfo {
  stepStatus: 'in_progress' | 'cancelled' | 'failed' | 'completed' | 'expired'
}

/**
 * Renders a tool call of one type (`call.type`: `mcp`, `bing_grounding`, a type of your own …). The
 * kit's cards cover Foundry's tool types; an unknown type gets a generic card with its raw JSON.
 */
export type ToolCardRenderer = (call: AnyToolCall, info: ToolCardInfo) => ReactNode

/** Tool cards by tool-call type, over the kit's own. */
export type ToolCards = Readonly<Record<string, ToolCardRenderer>>

/** The URL an image or generated file is loaded from, by file id. */
export type FileUrl = (fileId: string) => string

/** The proxy's file-content URL (`@runline/proxy` serves it under `/api/v1`). */
export const defaultFileUrl: FileUrl = (fileId) => `/api/v1/files/${encodeURIComponent(fileId)}/content`

/** Settings shared by every component below a {@link RunlineComponentsProvider}. */
export interface RunlineComponentsSettings {
  /** Where file images and generated files load from (default `/api/v1/files/:id/content`). */
  fileUrl?: FileUrl
  /** Per-tool overrides for function calls, by function name. */
  toolRenderers?: ToolRenderers
  /** Cards for tool-call types (e.g. `{ mcp: (call) => … }`), over the kit's own. */
  toolCards?: ToolCards
  /** Added to markdown heading depth (default 2: `#` → h3). */
  headingOffset?: number
}

const SettingsContext = createContext<RunlineComponentsSettings>({})

/** Provides defaults (file URLs, tool renderers and cards, heading offset) to every Runline component below it. */
export function RunlineComponentsProvider({
  children,
  fileUrl,
  toolRenderers,
  toolCards,
  headingOffset,
}: RunlineComponentsSettings & { children?: ReactNode }): ReactNode {
  const parent = useContext(SettingsContext)
  const value = useMemo(
    () => ({
      fileUrl: fileUrl ?? parent.fileUrl,
      toolRenderers: toolRenderers ?? parent.toolRenderers,
      toolCards: toolCards ?? parent.toolCards,
      headingOffset: headingOffset ?? parent.headingOffset,
    }),
    [fileUrl, toolRenderers, toolCards, headingOffset, parent],
  )
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>
}

/** The settings from the nearest provider (or none). */
export function useRunlineSettings(): RunlineComponentsSettings {
  return useContext(SettingsContext)
}
