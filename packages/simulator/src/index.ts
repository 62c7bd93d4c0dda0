/**
 * @runline/simulator: an in-memory backend with scripted scenarios, as web-standard fetch handlers
 * (works in Node and in browsers): OpenAI Assistants API v2 and Responses/Conversations compatible, and Azure AI Foundry Agent
 * Service (classic agents) compatible on its `foundry` face.
 */

export { MAX_JSON_DEPTH } from '@runline/proxy'
export {
  DEFAULT_FOUNDRY_BASE_PATH,
  FOUNDRY_API_VERSIONS,
  type FoundryFace,
  type FoundryFaceOptions,
} from './faces/foundry.js'
export { MCP_SERVER_LABEL } from './faces/foundry-agent.js'
export {
  RESPONSES_SCENARIO_NAMES,
  type ResponsesScenarioName,
  responsesScenarioFor,
} from './faces/responses-scenarios.js'
export { RESPONSES_MCP_LABEL, RESPONSES_MODEL } from './faces/responses-shapes.js'
export { MAX_MESSAGE_LENGTH } from './limits.js'
export { crc32, encodePng, PNG_SIGNATURE, renderBarChartPng } from './png.js'
export {
  type AnyScenarioName,
  FOUNDRY_SCENARIO_NAMES,
  type FoundryScenarioName,
  foundryScenarioFor,
  SCENARIO_NAMES,
  type ScenarioName,
  scenarioFor,
} from './scenarios.js'
export {
  createSimulator,
  FILE_SEARCH_CONTENT_INCLUDE,
  type Simulator,
  type SimulatorOptions,
} from './simulator.js'
export { formatSseEvent, SSE_DONE } from './sse.js'
export { STREAM_HIGH_WATER_BYTES } from './stream.js'
export { DEFAULT_MAX_THREADS } from './threads.js'
export type { WireMessage, WireRun, WireRunStep, WireThread, WireUsage } from './wire.js'
export { DEMO_ASSISTANT_ID } from './wire.js'
