/** Test helpers for the Foundry face: authorised requests, streamed runs, approvals. */
import type { Simulator } from '../simulator.js'
import { parseSse, type SseFrame } from './sse.js'

/** Where the tests reach the Foundry face (its default base path). */
export const FOUNDRY_URL = 'http://foundry.test/api/projects/runline'

/** Options of {@link foundryCall}. */
export interface FoundryCallOptions {
  /** `api-version`; `null` leaves it out. Default `v1`. */
  apiVersion?: string | null
  /** The bearer token; `null` sends no Authorization header. Default the face's token. */
  token?: string | null
  headers?: Record<string, string>
}

/** Sends a JSON request to the Foundry face, as Microsoft's SDK would (`Accept: application/json`). */
export function foundryCall(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
  options: FoundryCallOptions = {},
): Promise<Response> {
  const url = new URL(`${FOUNDRY_URL}${path}`)
  const apiVersion = options.apiVersion === undefined ? 'v1' : options.apiVersion
  if (apiVersion !== null) url.searchParams.set('api-version', apiVersion)
  const token = options.token === undefined ? sim.foundry.token : options.token
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' }
  if (token !== null) headers.authorization = `Bearer ${token}`
  return sim.foundry.fetch(
    new Request(url, {
      method,
      headers: { ...headers, ...options.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  )
}

/** Sends a JSON request to the Foundry face and parses the answer (asserting nothing). */
export async function foundryJson(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<any> {
  return (await foundryCall(sim, method, path, body)).json()
}

/** Creates a thread with one user message and streams a run on it; returns its frames. */
export async function foundryStream(sim: Simulator, text: string, extra: object = {}): Promise<SseFrame[]> {
  const response = await foundryCall(sim, 'POST', '/threads/runs', {
    assistant_id: 'asst_runline_demo',
    stream: true,
    thread: { messages: [{ role: 'user', content: text }] },
    ...extra,
  })
  if (response.status !== 200) throw new Error(`stream failed: ${response.status} ${await response.text()}`)
  return parseSse(await response.text())
}

/** The data of the first frame of this event (parsed). */
export function dataOf(frames: SseFrame[], event: string): any {
  const frame = frames.find((candidate) => candidate.event === event)
  if (!frame) throw new Error(`no ${event} in ${frames.map((f) => f.event).join(', ')}`)
  return JSON.parse(frame.data)
}

/** The parsed data of every frame of this event. */
export function allOf(frames: SseFrame[], event: string): any[] {
  return frames.filter((frame) => frame.event === event).map((frame) => JSON.parse(frame.data))
}

/** Answers a run waiting in `submit_tool_approval` (decide: call → approve?), streaming the rest. */
export async function approveStream(
  sim: Simulator,
  run: any,
  decide: (call: any, index: number) => boolean,
): Promise<SseFrame[]> {
  const calls = run.required_action.submit_tool_approval.tool_calls
  const response = await foundryCall(
    sim,
    'POST',
    `/threads/${run.thread_id}/runs/${run.id}/submit_tool_outputs`,
    {
      stream: true,
      tool_approvals: calls.map((call: any, index: number) => ({
        tool_call_id: call.id,
        approve: decide(call, index),
      })),
    },
  )
  if (response.status !== 200) throw new Error(`submit failed: ${response.status} ${await response.text()}`)
  return parseSse(await response.text())
}
