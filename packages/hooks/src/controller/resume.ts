// Where the controller remembers the run to re-attach to after a reload.
import {
  clearPointer,
  defaultStorage,
  type PointerStorage,
  type RunPointer,
  readPointer,
  writePointer,
} from '../resume-storage.js'
import type { RunControllerOptions } from './options.js'

/** The saved run of one controller (nothing is saved unless `resume` is on). */
export interface ResumePointer {
  read(): RunPointer | null
  save(pointer: RunPointer): void
  /** Forgets the saved run; with `runId`, only when it names that run. */
  forget(runId?: string): void
}

/** Creates the pointer; `options()` gives the latest controller options. */
export function createResumePointer(options: () => RunControllerOptions): ResumePointer {
  const storage = (): PointerStorage | null => {
    const resume = options().resume
    if (!resume) return null
    return typeof resume === 'object' && resume.storage !== undefined ? resume.storage : defaultStorage()
  }
  const key = (): string => {
    const { resume, assistantId, params, model } = options()
    const custom = typeof resume === 'object' ? resume.key : undefined
    return custom ?? `runline:run:${assistantId ?? params?.assistant_id ?? model ?? ''}`
  }
  return {
    read: () => readPointer(storage(), key()),
    save: (pointer) => writePointer(storage(), key(), pointer),
    forget(runId) {
      const saved = storage()
      if (!saved) return
      if (runId && readPointer(saved, key())?.runId !== runId) return
      clearPointer(saved, key())
    },
  }
}
