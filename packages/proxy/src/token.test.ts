// The token cache on a hand-driven clock: reuse, refresh before expiry, single flight, fallbacks.
import { describe, expect, it } from 'vitest'
import { type AccessTokenLike, TokenCache, TokenUnavailableError } from './token.js'

const MIN = 60_000
const SCOPE = 'https://ai.azure.com/.default'

/** A credential whose answers the test queues; it records every call. */
function scripted(...answers: Array<AccessTokenLike | null | Error | (() => Promise<AccessTokenLike>)>) {
  const calls: Array<{ scopes: string | string[]; signal: AbortSignal | undefined }> = []
  return {
    calls,
    getToken(scopes: string | string[], options?: { abortSignal?: AbortSignal }) {
      calls.push({ scopes, signal: options?.abortSignal })
      const next = answers.shift()
      if (next === undefined) throw new Error('no more tokens scripted')
      if (next instanceof Error) return Promise.reject(next)
      if (typeof next === 'function') return next()
      return Promise.resolve(next)
    },
  }
}

/** The clock starts at T0; answers are scripted as functions of it where they depend on "now". */
const T0 = 1_000_000
function setup(credential: ReturnType<typeof scripted>, attemptTimeoutMs = 1_000) {
  const clock = { now: T0 }
  const cache = new TokenCache(credential, SCOPE, attemptTimeoutMs, () => clock.now)
  return { cache, clock, signal: new AbortController().signal }
}

/** A token issued at `issuedAt` (ms after T0) living `lifetimeMs`, optionally with a refresh hint. */
const token = (value: string, issuedAt: number, lifetimeMs: number, refreshAfter?: number) => ({
  token: value,
  expiresOnTimestamp: T0 + issuedAt + lifetimeMs,
  ...(refreshAfter === undefined ? {} : { refreshAfterTimestamp: T0 + issuedAt + refreshAfter }),
})

describe('TokenCache', () => {
  it('asks for the Foundry scope once and reuses the token until 5 minutes before it expires', async () => {
    const credential = scripted(token('tok-1', 0, 60 * MIN), token('tok-2', 56 * MIN, 60 * MIN))
    const { cache, clock, signal } = setup(credential)
    expect(await cache.get(signal)).toBe('tok-1')
    clock.now += 54 * MIN
    expect(await cache.get(signal)).toBe('tok-1')
    clock.now += 2 * MIN // 4 minutes left: refreshed
    expect(await cache.get(signal)).toBe('tok-2')
    expect(credential.calls.map((call) => call.scopes)).toEqual([SCOPE, SCOPE])
  })

  it('refreshes a short-lived token at half its lifetime, and honours refreshAfterTimestamp', async () => {
    const credential = scripted(
      token('short', 0, 4 * MIN),
      token('hinted', 2 * MIN, 60 * MIN, 8 * MIN),
      token('c', 10 * MIN, 60 * MIN),
    )
    const { cache, clock, signal } = setup(credential)
    expect(await cache.get(signal)).toBe('short')
    clock.now += 2 * MIN - 1
    expect(await cache.get(signal)).toBe('short')
    clock.now += 1
    expect(await cache.get(signal)).toBe('hinted') // issued at 2 min, refresh hint at 10 min
    clock.now += 8 * MIN - 1
    expect(await cache.get(signal)).toBe('hinted')
    clock.now += 1
    expect(await cache.get(signal)).toBe('c')
  })

  it('single flight: concurrent callers share one getToken', async () => {
    let release!: (token: AccessTokenLike) => void
    const credential = scripted(() => new Promise((resolve) => (release = resolve)))
    const { cache, signal } = setup(credential)
    const pending = Array.from({ length: 5 }, () => cache.get(signal))
    while (!release) await Promise.resolve()
    release(token('shared', 0, 60 * MIN))
    expect(await Promise.all(pending)).toEqual(Array(5).fill('shared'))
    expect(credential.calls).toHaveLength(1)
  })

  it('a failed refresh keeps a still-valid token; an expired one is never sent', async () => {
    const credential = scripted(
      token('old', 0, 60 * MIN),
      new Error('AADSTS7000215: Invalid client secret provided.'),
      new Error('still down'),
    )
    const { cache, clock, signal } = setup(credential)
    expect(await cache.get(signal)).toBe('old')
    clock.now += 57 * MIN // in the refresh window, still valid
    expect(await cache.get(signal)).toBe('old')
    clock.now += 3 * MIN // expired
    const failure = await cache.get(signal).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(TokenUnavailableError)
    expect((failure as Error).cause).toEqual(new Error('still down'))
  })

  it.each([
    ['null', null],
    ['an empty token', { token: '', expiresOnTimestamp: Number.MAX_SAFE_INTEGER }],
    ['a token with a line break', { token: 'a\r\nx-evil: 1', expiresOnTimestamp: Number.MAX_SAFE_INTEGER }],
    ['an expired token', { token: 'expired', expiresOnTimestamp: 1 }],
    ['no expiry', { token: 'forever', expiresOnTimestamp: Number.NaN }],
  ])('refuses %s from getToken', async (_name, answer) => {
    const { cache, signal } = setup(scripted(answer as AccessTokenLike | null))
    await expect(cache.get(signal)).rejects.toBeInstanceOf(TokenUnavailableError)
  })

  it('a getToken that throws synchronously fails that flight only; the next call tries again', async () => {
    let calls = 0
    const credential = {
      getToken() {
        calls += 1
        if (calls === 1) throw new Error('sync')
        return Promise.resolve(token('second', 0, 60 * MIN))
      },
    }
    const cache = new TokenCache(credential, SCOPE, 1_000, () => T0)
    const signal = new AbortController().signal
    await expect(cache.get(signal)).rejects.toBeInstanceOf(TokenUnavailableError)
    expect(await cache.get(signal)).toBe('second')
  })

  it('a getToken that hangs fails after the attempt timeout (its signal aborted); a caller may leave sooner', async () => {
    const credential = scripted(() => new Promise(() => {}), token('later', 0, 60 * MIN))
    const { cache } = setup(credential, 50)
    const caller = new AbortController()
    const leaving = cache.get(caller.signal)
    caller.abort(new Error('client left'))
    await expect(leaving).rejects.toThrow('client left')
    await expect(cache.get(new AbortController().signal)).rejects.toBeInstanceOf(TokenUnavailableError)
    expect(credential.calls[0]?.signal?.aborted).toBe(true)
    expect(await cache.get(new AbortController().signal)).toBe('later')
  })

  it('invalidate drops the token the upstream refused', async () => {
    const { cache, signal } = setup(scripted(token('revoked', 0, 60 * MIN), token('fresh', 0, 60 * MIN)))
    expect(await cache.get(signal)).toBe('revoked')
    cache.invalidate('someone-else')
    expect(await cache.get(signal)).toBe('revoked')
    cache.invalidate('revoked')
    expect(await cache.get(signal)).toBe('fresh')
  })
})
