'use client'
// Core's Responses parts, loaded on first use: a Responses history folds each past turn's items with
// them, and nothing on the Assistants wire reaches them, so an Assistants thread app never downloads
// the Responses fold. The load is a memoized dynamic import (one load for every caller; a failed
// one rejects that load, and the next call tries again); once it is there it is read synchronously,
// so a view that mounts after the load draws its turns at once.
import { asRunlineError, type ResponsesParts, type RunlineError } from '@runline/core'
import { useEffect, useState } from 'react'

// The memoized import: its result once there, and the load on its way.
let loaded: ResponsesParts | null = null
let loading: Promise<ResponsesParts> | null = null

/** Core's Responses parts when they are loaded, else null. */
export function loadedResponsesParts(): ResponsesParts | null {
  return loaded
}

/** Loads core's Responses parts (every call shares the one load; after a failure, the next call tries again). */
export function loadResponsesParts(): Promise<ResponsesParts> {
  if (loaded) return Promise.resolve(loaded)
  loading ??= import('./responses-parts.js').then(
    (module) => {
      loaded = module.responsesParts
      return loaded
    },
    (error: unknown) => {
      loading = null
      throw error
    },
  )
  return loading
}

/** What {@link useResponsesParts} gives: the parts once loaded, or why they could not be. */
export interface ResponsesPartsState {
  parts: ResponsesParts | null
  error: RunlineError | null
}

/**
 * Core's Responses parts for a component: there at once when already loaded, else loaded after the
 * first render while `wanted` (the component re-renders with them, or with the load's error).
 */
export function useResponsesParts(wanted: boolean): ResponsesPartsState {
  const [state, setState] = useState<ResponsesPartsState>(() => ({
    parts: loadedResponsesParts(),
    error: null,
  }))
  const missing = state.parts === null
  useEffect(() => {
    if (!wanted || !missing) return
    let alive = true
    loadResponsesParts().then(
      (parts) => {
        if (alive) setState({ parts, error: null })
      },
      (error: unknown) => {
        if (alive) setState({ parts: null, error: asRunlineError(error) })
      },
    )
    return () => {
      alive = false
    }
  }, [wanted, missing])
  return state
}
