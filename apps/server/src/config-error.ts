/** A bad environment value; `main.ts` prints the message and exits 1. Never carries a secret. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** The environment as the server reads it (`process.env`, or a test's object). */
export type Env = Record<string, string | undefined>

/** The trimmed value of `name`, or `undefined` when it is unset or blank. */
export function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  return value ? value : undefined
}
