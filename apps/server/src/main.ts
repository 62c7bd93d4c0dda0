import { describeUpstream, loadServerConfigOrExit } from './config.js'

/** `pnpm serve`: validate the environment, start listening, stop cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadServerConfigOrExit(process.env, 'runline server')
  // Loaded only once the configuration is valid: a bad value fails fast, before the simulator is built.
  const { startServer } = await import('./app.js')
  const server = await startServer(config)
  console.log(
    `runline server listening on ${server.url} — proxy ${server.url}/api/v1 → ${describeUpstream(config.upstream)}`,
  )
  const backends = server.app.backends.map((mount) => mount.info.apiBase)
  if (backends.length > 0) console.log(`simulator backends: ${backends.join(', ')}`)
  const stop = () => {
    void server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`runline server: failed to start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
