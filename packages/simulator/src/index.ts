/**
 * @runline/simulator: an in-memory, OpenAI Assistants API v2 compatible backend with scripted
 * scenarios, as a web-standard fetch handler (works in Node and in browsers).
 */

export { MAX_JSON_DEPTH } from './depth.js'
export { MAX_MESSAGE_LENGTH } from './limits.js'
export { crc32, encodePng, PNG_SIGNATURE, renderBarChartPng } from './png.js'
export { SCENARIO_NAMES, type ScenarioName, scenarioFor } from './scenarios.js'
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
