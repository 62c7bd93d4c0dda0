/**
 * The Foundry face: Azure AI Foundry Agent Service (classic agents) at a project endpoint's paths
 * (default base path `/api/projects/runline`). Every request needs `api-version` (one of
 * {@link FOUNDRY_API_VERSIONS}, else 400) and `Authorization: Bearer <token>` with the face's token
 * (else 401; `api-key` is never read). Streams when the body says `stream: true`, whatever `Accept`
 * says. Adds `GET /threads` and `DELETE /threads/{id}` to the Assistants paths.
 */
import { Engine, type EngineOptions, type EngineProfile } from '../engine/engine.js'
import { ApiError, jsonResponse, notFound } from '../http.js'
import { randomId } from '../ids.js'
import { paginate, parsePageQuery } from '../pagination.js'
import { createRandom, hashSeed } from '../prng.js'
import { foundryScenarioFor } from '../scenarios.js'
import { seedFoundryAgents } from './foundry-agent.js'
import { readFoundryAnswers, readFoundryRunExtras } from './foundry-requests.js'
import { FOUNDRY_SHAPES } from './foundry-shapes.js'
import { type Face, faceOf, requestIds, respond } from './respond.js'
import { type RouteContext, routeContext, routeThreadsApi } from './router.js'
import { ThreadsApi } from './threads-api.js'

/** The `api-version` values the face accepts. */
export const FOUNDRY_API_VERSIONS = ['v1', '2025-05-01', '2025-05-15-preview'] as const

/** Where the face routes by default: a project endpoint's path (`…/api/projects/<project>`). */
export const DEFAULT_FOUNDRY_BASE_PATH = '/api/projects/runline'

/** Options of the Foundry face. */
export interface FoundryFaceOptions {
  /** Path prefix stripped before routing; default `/api/projects/runline`. */
  basePath?: string
  /** The only bearer token the face accepts; default a token issued from the seed (see `token`). */
  token?: string
}

/** The Foundry face of a simulator. */
export interface FoundryFace extends Face {
  /** The bearer token it accepts: give it to a client as its Entra token. */
  readonly token: string
  /** The path prefix it routes below. */
  readonly basePath: string
}

const UNAUTHORIZED =
  'Unauthorized. Access token is missing, invalid, audience is incorrect (https://ai.azure.com), or have expired.'

const PROFILE: EngineProfile = {
  seedLabel: 'foundry',
  shapes: FOUNDRY_SHAPES,
  scenarioFor: foundryScenarioFor,
  seedAssistants: seedFoundryAgents,
}

/** A token issued from the seed: the same simulator seed gives the same token. */
function issueToken(seed: number): string {
  return randomId(createRandom(hashSeed(seed, 'foundry', 'token')), 'runline-sim-', 40)
}

function bearerOf(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')
  return match?.[1] ?? null
}

function checkApiVersion(url: URL): void {
  const version = url.searchParams.get('api-version')
  const supported = FOUNDRY_API_VERSIONS.join(', ')
  if (version === null || version === '')
    throw new ApiError(
      400,
      `Missing required query parameter 'api-version'. Supported: ${supported}.`,
      'api-version',
      'BadRequest',
    )
  if (!(FOUNDRY_API_VERSIONS as readonly string[]).includes(version))
    throw new ApiError(
      400,
      `Unsupported api-version '${version}'. Supported: ${supported}.`,
      'api-version',
      'BadRequest',
    )
}

/** The Foundry face over a fresh engine of its own (its threads are not the OpenAI face's). */
export function createFoundryFace(options: EngineOptions & FoundryFaceOptions): FoundryFace {
  const basePath = (options.basePath ?? DEFAULT_FOUNDRY_BASE_PATH).replace(/\/+$/, '')
  const engine = new Engine(options, PROFILE)
  const token = options.token ?? issueToken(engine.seedValue)
  if (token === '' || /\s/.test(token))
    throw new RangeError('The Foundry token must be non-empty, without spaces.')
  const api = new ThreadsApi(engine, {
    shapes: FOUNDRY_SHAPES,
    pollHeader: false,
    runExtras: readFoundryRunExtras,
    readAnswers: readFoundryAnswers,
  })
  const nextRequestId = requestIds(engine.seedValue, 'foundry')

  const route = (ctx: RouteContext): Promise<Response> | Response => {
    const [root, id] = ctx.segments
    if (root === 'threads' && ctx.segments.length === 1 && ctx.method === 'GET') {
      const threads = engine.listThreads().map((record) => record.thread)
      const page = parsePageQuery(ctx.url.searchParams)
      return jsonResponse(paginate(threads, page, FOUNDRY_SHAPES.thread))
    }
    if (root === 'threads' && ctx.segments.length === 2 && id && ctx.method === 'DELETE') {
      if (!engine.deleteThread(id)) throw notFound('thread', id)
      return jsonResponse({ id, object: 'thread.deleted', deleted: true })
    }
    return routeThreadsApi(api, ctx)
  }

  const handle = async (request: Request): Promise<Response> => {
    const authorized = bearerOf(request) === token
    const response = authorized
      ? await respond(() => {
          const ctx = routeContext(request, basePath)
          checkApiVersion(ctx.url)
          return route(ctx)
        })
      : jsonResponse({ error: { code: '401', message: UNAUTHORIZED } }, 401, { 'www-authenticate': 'Bearer' })
    response.headers.set('x-request-id', nextRequestId())
    return response
  }
  return { ...faceOf(handle), token, basePath }
}
