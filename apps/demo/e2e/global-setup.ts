import type { TestProject } from 'vitest/node'
import { loadServerConfig, startServer } from '../../server/src/index.js'
import { DEMO_DIST, ensureDemoBuilt } from './build.js'

/**
 * Simulator pace for the end-to-end runs: fast enough to keep the suite short, slow enough that the
 * "slow" scenario (260 deltas at 5× pace ≈ 10 s) is still streaming when a test cancels or reloads it.
 */
export const E2E_SIM_DELAY_MS = 8

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the apps/server instance serving the built demo. */
    baseUrl: string
  }
}

/** Builds the demo when stale, starts apps/server on an ephemeral loopback port, and stops it afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureDemoBuilt()
  const server = await startServer({
    ...loadServerConfig({ RUNLINE_SIM_DELAY_MS: String(E2E_SIM_DELAY_MS) }),
    host: '127.0.0.1',
    port: 0,
    staticDir: DEMO_DIST,
    log: null,
  })
  project.provide('baseUrl', server.url)
  return () => server.close()
}
