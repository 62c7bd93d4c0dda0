// A callbacks object that logs every callback it is called with, for tests that compare what two
// adapters fire.
import type { RunCallbacks } from '../callbacks.js'

/** Every callback, logged by name and the first argument's id or code when it has one. */
export function callbackLog(log: string[]): RunCallbacks {
  return new Proxy({} as RunCallbacks, {
    get: (_, name: string) => (first: unknown) => {
      const tag = first as { id?: unknown; code?: unknown } | null
      log.push(
        `${name}${typeof tag?.id === 'string' ? ` ${tag.id}` : typeof tag?.code === 'string' ? ` ${tag.code}` : ''}`,
      )
    },
  })
}
