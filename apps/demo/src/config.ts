/** The assistant the simulator is seeded with (and the proxy allows by default). */
export const ASSISTANT_ID = import.meta.env.VITE_RUNLINE_ASSISTANT_ID ?? 'asst_runline_demo'

/** Where the proxy is: same origin, so the proxy's cross-site refusal never applies. */
export const API_BASE_URL = '/api/v1'

/** One prompt per simulator scenario, for the empty state. */
export const SUGGESTIONS: ReadonlyArray<{ label: string; text: string }> = [
  { label: 'Weather, two cities', text: 'What is the weather in Paris and in Tokyo?' },
  { label: 'Run some code', text: 'Calculate the mean of 12, 7, 30 and 5 with code' },
  { label: 'Plot a chart', text: 'Plot the quarterly numbers 4, 9, 6 and 12 as a bar chart' },
  { label: 'Search the docs', text: 'Search the docs for how streaming works and cite the file' },
  { label: 'A slow answer', text: 'Tell me a slow story about rivers' },
  { label: 'Fail on purpose', text: 'Please fail this run' },
]
