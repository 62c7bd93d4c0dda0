/**
 * The OpenAI face: the Assistants paths and, beside them, the Responses and Conversations paths
 * (responses.ts) below a base path (default `/v1`), OpenAI's shapes as the recordings print them. Authentication is not checked and `OpenAI-Beta` is not required.
 */
import { Engine, type EngineOptions, type EngineProfile } from '../engine/engine.js'
import { IDENTITY_SHAPES } from '../engine/shape-event.js'
import { buildAssistant } from '../objects.js'
import { scenarioFor } from '../scenarios.js'
import { DEMO_ASSISTANT_ID, DEMO_INSTRUCTIONS, FILE_SEARCH_TOOL, GET_WEATHER_TOOL } from '../wire.js'
import { type Face, faceOf, requestIds, respond } from './respond.js'
import { ResponsesApi } from './responses.js'
import { isResponsesPath, routeResponsesApi } from './responses-router.js'
import { routeContext, routeThreadsApi } from './router.js'
import { type FaceShapes, readToolOutputs, ThreadsApi } from './threads-api.js'

const SHAPES: FaceShapes = { ...IDENTITY_SHAPES, assistant: (assistant) => assistant }

/** The OpenAI face's engine profile: the recordings' shapes, the Assistants scenarios, the demo assistant. */
export const OPENAI_PROFILE: EngineProfile = {
  seedLabel: null,
  shapes: SHAPES,
  scenarioFor,
  seedAssistants: ({ createdAt, vectorStoreId }) => [
    buildAssistant({
      id: DEMO_ASSISTANT_ID,
      createdAt,
      name: 'Runline demo',
      description: 'Scripted assistant of the Runline simulator.',
      model: 'gpt-4o',
      instructions: DEMO_INSTRUCTIONS,
      tools: [GET_WEATHER_TOOL, { type: 'code_interpreter' }, FILE_SEARCH_TOOL],
      toolResources: {
        code_interpreter: { file_ids: [] },
        file_search: { vector_store_ids: [vectorStoreId] },
      },
      metadata: {},
      temperature: 1,
      top_p: 1,
      reasoning_effort: null,
      response_format: 'auto',
    }),
  ],
}

/** The OpenAI Assistants face over a fresh engine. */
export function createOpenAIFace(options: EngineOptions & { basePath?: string }): Face {
  const basePath = (options.basePath ?? '/v1').replace(/\/+$/, '')
  const engine = new Engine(options, OPENAI_PROFILE)
  const api = new ThreadsApi(engine, {
    shapes: SHAPES,
    pollHeader: true,
    runExtras: () => ({}),
    readAnswers: readToolOutputs,
  })
  // The Responses side shares the base path, the seed, the clock and the pace, not the threads.
  const responses = new ResponsesApi({ ...options, maxResponses: options.maxThreads })
  const nextRequestId = requestIds(engine.seedValue, null)
  return faceOf(async (request) => {
    const response = await respond(() => {
      const ctx = routeContext(request, basePath)
      return isResponsesPath(ctx) ? routeResponsesApi(responses, ctx) : routeThreadsApi(api, ctx)
    })
    response.headers.set('openai-version', '2020-10-01')
    response.headers.set('x-request-id', nextRequestId())
    return response
  })
}
