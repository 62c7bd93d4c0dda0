/** The scope of a Microsoft Entra token for Azure AI Foundry (the Agent Service's data plane). */
export const FOUNDRY_TOKEN_SCOPE = 'https://ai.azure.com/.default'

/** A bearer token and when it stops working: the shape of `@azure/core-auth`'s `AccessToken`. */
export interface AccessTokenLike {
  token: string
  /** Expiry, in ms since the epoch. */
  expiresOnTimestamp: number
  /** When the issuer suggests refreshing (ms since the epoch), if it says. */
  refreshAfterTimestamp?: number
}

/**
 * Where bearer tokens come from: the shape of `@azure/core-auth`'s `TokenCredential`, so any
 * `@azure/identity` credential (`DefaultAzureCredential`, `ClientSecretCredential`, ...) fits as is,
 * and so does a few-line object of your own (no Azure import needed).
 */
export interface TokenCredentialLike {
  getToken(
    scopes: string | string[],
    options?: { abortSignal?: AbortSignal },
  ): Promise<AccessTokenLike | null>
}

/** Why no token could be had; the proxy answers 502 and never shows `cause` to the browser. */
export class TokenUnavailableError extends Error {
  override name = 'TokenUnavailableError'
}

interface CachedToken {
  token: string
  expiresAt: number
  refreshAt: number
}

/** At most this long before expiry a token is refreshed (half its lifetime when that is shorter). */
const REFRESH_MARGIN_MS = 5 * 60_000
/** A token this close to expiry is not sent: it could expire on the way (clock skew, slow upstream). */
const EXPIRY_SKEW_MS = 30_000

/**
 * Caches one credential's token: reused until its refresh time, then refreshed by the first request
 * that needs it while the others wait on the same `getToken` (single flight). If a refresh fails
 * while the old token is still valid, the old one is used and the next request tries again.
 */
export class TokenCache {
  #current: CachedToken | null = null
  #flight: Promise<CachedToken> | null = null

  constructor(
    private readonly credential: TokenCredentialLike,
    private readonly scope: string,
    /** Longest one `getToken` may take before it counts as failed (its signal is aborted). */
    private readonly attemptTimeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A token to send now. Rejects with {@link TokenUnavailableError} when none can be had, or with
   * `signal`'s reason when the caller gives up first (the shared `getToken` goes on for the others).
   */
  async get(signal: AbortSignal): Promise<string> {
    const current = this.#current
    if (current && this.now() < current.refreshAt) return current.token
    const flight = this.#flight ?? this.#start()
    try {
      return (await untilAborted(flight, signal)).token
    } catch (error) {
      if (signal.aborted) throw signal.reason
      const still = this.#current
      if (still && this.now() < still.expiresAt - EXPIRY_SKEW_MS) return still.token
      throw error
    }
  }

  /** The upstream refused `token` (revoked, wrong audience): never send it again. */
  invalidate(token: string): void {
    if (this.#current?.token === token) this.#current = null
  }

  #start(): Promise<CachedToken> {
    const attempt = new AbortController()
    const timer = setTimeout(
      () => attempt.abort(new TokenUnavailableError(`getToken took over ${this.attemptTimeoutMs} ms`)),
      this.attemptTimeoutMs,
    )
    // Started on a microtask so a getToken that throws synchronously still ends this flight.
    const flight = Promise.resolve()
      .then(() =>
        untilAborted(this.credential.getToken(this.scope, { abortSignal: attempt.signal }), attempt.signal),
      )
      .then(
        (result) => this.#accept(result),
        (error: unknown) => {
          throw error instanceof TokenUnavailableError
            ? error
            : new TokenUnavailableError('getToken failed', { cause: error })
        },
      )
      .finally(() => {
        clearTimeout(timer)
        if (this.#flight === flight) this.#flight = null
      })
    this.#flight = flight
    return flight
  }

  #accept(result: AccessTokenLike | null): CachedToken {
    const now = this.now()
    if (
      !result ||
      typeof result.token !== 'string' ||
      // Visible ASCII only: it goes into a header, where a line break would split it.
      !/^[\x21-\x7e]+$/.test(result.token) ||
      !Number.isFinite(result.expiresOnTimestamp) ||
      result.expiresOnTimestamp <= now + EXPIRY_SKEW_MS
    ) {
      throw new TokenUnavailableError('getToken returned no usable token')
    }
    const expiresAt = result.expiresOnTimestamp
    const margin = Math.min(REFRESH_MARGIN_MS, (expiresAt - now) / 2)
    const suggested = result.refreshAfterTimestamp
    const refreshAt =
      typeof suggested === 'number' && Number.isFinite(suggested) && suggested < expiresAt - margin
        ? suggested
        : expiresAt - margin
    this.#current = { token: result.token, expiresAt, refreshAt }
    return this.#current
  }
}

/** `promise`, or a rejection with `signal`'s reason as soon as it aborts (the promise itself goes on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
