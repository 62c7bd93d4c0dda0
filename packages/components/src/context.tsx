'use client'

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
  /** Added to markdown heading depth (default 2: `#` → h3). */
  headingOffset?: number
}

const SettingsContext = createContext<RunlineComponentsSettings>({})

/** Provides defaults (file URLs, tool renderers, heading offset) to every Runline component below it. */
export function RunlineComponentsProvider({
  children,
  fileUrl,
  toolRenderers,
  headingOffset,
}: RunlineComponentsSettings & { children?: ReactNode }): ReactNode {
  const parent = useContext(SettingsContext)
  const value = useMemo(
    () => ({
      fileUrl: fileUrl ?? parent.fileUrl,
      toolRenderers: toolRenderers ?? parent.toolRenderers,
      headingOffset: headingOffset ?? parent.headingOffset,
    }),
    [fileUrl, toolRenderers, headingOffset, parent],
  )
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>
}

/** The settings from the nearest provider (or none). */
export function useRunlineSettings(): RunlineComponentsSettings {
  return useContext(SettingsContext)
}
