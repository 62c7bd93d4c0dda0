import type { BackendWire } from './backend.js'

/** The assistant the simulator is seeded with (and the proxy allows by default). */
export const ASSISTANT_ID = import.meta.env.VITE_RUNLINE_ASSISTANT_ID ?? 'asst_runline_demo'

/** A prompt for the empty state. */
export interface Suggestion {
  label: string
  text: string
}

const WEATHER: Suggestion = {
  label: 'Weather, two cities',
  text: 'What is the weather in Paris and in Tokyo?',
}
const CODE: Suggestion = { label: 'Run some code', text: 'Calculate the mean of 12, 7, 30 and 5 with code' }
const PLOT: Suggestion = {
  label: 'Plot a chart',
  text: 'Plot the quarterly numbers 4, 9, 6 and 12 as a bar chart',
}
const FAIL: Suggestion = { label: 'Fail on purpose', text: 'Please fail this run' }
// The Foundry and Responses faces ask before an MCP tool runs: "approve"/"mcp" picks that scenario.
const APPROVE: Suggestion = {
  label: 'Approve tool calls',
  text: 'Search the Runline docs over MCP, I will approve the calls',
}

/** Prompts for the empty state, one per simulator scenario the wire has. */
export const SUGGESTIONS: Readonly<Record<BackendWire, readonly Suggestion[]>> = {
  assistants: [
    WEATHER,
    CODE,
    PLOT,
    { label: 'Search the docs', text: 'Search the docs for how streaming works and cite the file' },
    { label: 'A slow answer', text: 'Tell me a slow story about rivers' },
    FAIL,
  ],
  foundry: [
    APPROVE,
    WEATHER,
    PLOT,
    { label: 'Ground on the web', text: 'What does the web say about streaming agents? Use Bing' },
    { label: 'Delegate', text: 'Delegate this to the connected agent: summarise Runline' },
    FAIL,
  ],
  responses: [
    APPROVE,
    WEATHER,
    CODE,
    { label: 'Search the web', text: 'Search the web for the latest Runline release' },
    { label: 'A slow answer', text: 'Tell me a slow story about rivers' },
    FAIL,
  ],
}
