#!/usr/bin/env node
// `npx runline-simulator [--port 8787] [--host 127.0.0.1] [--delay 20] [--seed N]`: the offline backend
// for your own app. Point your dev server's `/api` at it (see the README).
import { parseArgs } from 'node:util'
import { PROXY_PATH, startSimulatorServer } from './node-server.js'

const USAGE = `Usage: runline-simulator [--port 8787] [--host 127.0.0.1] [--delay 20] [--seed N]

Serves the Runline proxy in front of the offline simulator at /api/v1 (assistant asst_runline_demo),
the raw simulator at /sim/v1 and GET /healthz. PORT, HOST, RUNLINE_SIM_DELAY_MS and RUNLINE_SIM_SEED
are read too; flags win.`

function integer(name: string, text: string | undefined, fallback?: number): number | undefined {
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) {
    console.error(`runline-simulator: ${name} must be a whole number ≥ 0, got "${text}".\n\n${USAGE}`)
    process.exit(2)
  }
  return value
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    delay: { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const env = process.env
const seed = integer('--seed', values.seed ?? env.RUNLINE_SIM_SEED)
const server = await startSimulatorServer({
  port: integer('--port', values.port ?? env.PORT, 8787),
  host: values.host ?? env.HOST ?? '127.0.0.1',
  delayMs: integer('--delay', values.delay ?? env.RUNLINE_SIM_DELAY_MS, 20),
  ...(seed === undefined ? {} : { seed }),
}).catch((error: unknown) => {
  console.error(`runline-simulator: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
console.log(`runline-simulator: proxy ${server.url}${PROXY_PATH} (assistant asst_runline_demo), Ctrl-C stops`)
const stop = () => void server.close().then(() => process.exit(0))
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
