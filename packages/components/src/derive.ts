'use client'

import type { Run, RunState, RunStep } from '@runline/core'

// Derived values the components need beyond core's selectors. Each returns a stable reference while
// its inputs are unchanged (they feed useSyncExternalStore).

const EMPTY_NAMES: Readonly<Record<string, string>> = Object.freeze({})
const namesBySteps = new WeakMap<object, Readonly<Record<string, string>>>()
let lastNames: Readonly<Record<string, string>> = EMPTY_NAMES

/** File id → file name, from every file_search result of the run (citations name their files by it). */
export function selectFileNames(state: RunState): Readonly<Record<string, string>> {
  const cached = namesBySteps.get(state.steps)
  if (cached) return cached
  const names: Record<string, string> = {}
  for (const id of state.stepIds) {
    const details = state.steps[id]?.step_details
    if (details?.type !== 'tool_calls') continue
    for (const call of details.tool_calls ?? []) {
      if (call?.type !== 'file_search') continue
      for (const result of call.file_search?.results ?? []) {
        if (result?.file_id && result.file_name) names[result.file_id] = result.file_name
      }
    }
  }
  // Same names as last time: keep the old object, so nothing that reads it re-renders.
  const next = sameRecord(names, lastNames) ? lastNames : Object.keys(names).length ? names : EMPTY_NAMES
  lastNames = next
  namesBySteps.set(state.steps, next)
  return next
}

/** Shallow equality of two string records. */
export function sameRecord(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
): boolean {
  if (a === b) return true
  if (!a || !b) return false
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((key) => a[key] === b[key])
}

/** When a step ended (whichever terminal timestamp it has), or null while it runs. */
export function stepEndedAt(step: RunStep): number | null {
  return timeOf(step.completed_at ?? step.failed_at ?? step.cancelled_at ?? step.expired_at)
}

/** How long a run took, in seconds: from its start (or creation) to its end; null while it runs. */
export function runDuration(run: Run): number | null {
  const start = timeOf(run.started_at) ?? timeOf(run.created_at)
  const end = timeOf(run.completed_at ?? run.failed_at ?? run.cancelled_at)
  return start !== null && end !== null ? end - start : null
}

/** A timestamp the clock can show: a finite number, else null (a server may send anything there). */
export function timeOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** A duration in seconds as people read it: "<1 s", "850 ms" (fractional input), "4 s", "2 min 5 s". */
export function formatDuration(seconds: number): string {
  // API timestamps are whole seconds, so anything under one second is just "under a second".
  if (seconds < 1)
    return seconds > 0 && !Number.isInteger(seconds) ? `${Math.round(seconds * 1000)} ms` : '<1 s'
  if (seconds < 60) return `${Math.round(seconds)} s`
  const minutes = Math.floor(seconds / 60)
  const rest = Math.round(seconds % 60)
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`
}

// toLocaleTimeString builds a new formatter per call, which is slow; keep one per locale.
const clockFormats = new Map<string, Intl.DateTimeFormat>()

/** A Unix time (seconds) as a wall-clock time, e.g. "14:02:07". */
export function formatClock(unixSeconds: number, locale?: string): string {
  const key = locale ?? ''
  let format = clockFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    })
    clockFormats.set(key, format)
  }
  return format.format(new Date(unixSeconds * 1000))
}

/** A URL's host (the URL as it is when it has none), e.g. for a cited page without a title. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url
  } catch {
    return url
  }
}

/** A Unix time (seconds) as an ISO string for `<time dateTime>`. */
export function isoTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString()
}

const numberFormat = new Intl.NumberFormat('en-US')

/** A token count with thousands separators; a dash when the server sent no number. */
export function formatCount(n: number): string {
  return typeof n === 'number' && Number.isFinite(n) ? numberFormat.format(n) : '–'
}

/** A text field as sent, a number or boolean as its text, anything else (null, objects) as null. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null
}

/** The entries of a list field that are there (a server may send null entries, or no array). */
export function listOf<T>(value: readonly (T | null | undefined)[] | null | undefined): T[] {
  return Array.isArray(value) ? value.filter((entry): entry is T => entry != null) : []
}

/**
 * A string as it is; any other JSON value as its JSON text (some compatible servers send a call's
 * arguments parsed); null for null or what has no JSON text.
 */
export function jsonText(value: unknown): string | null {
  if (value == null) return null
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? null
  } catch {
    return null
  }
}
