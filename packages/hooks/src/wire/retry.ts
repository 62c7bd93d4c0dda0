import { asRunlineError, sleep } from '@runline/core'

const ATTEMPTS = 3

/**
 * Runs a read (retrieve, list) again after a network failure, a few times with a growing wait: a tab
 * that wakes up offline catches up instead of failing. Only for requests that change nothing.
 */
export async function withNetworkRetries<T>(signal: AbortSignal, request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request()
    } catch (error) {
      if (signal.aborted || attempt >= ATTEMPTS || asRunlineError(error).kind !== 'network') throw error
      await sleep(250 * attempt, signal)
    }
  }
}
