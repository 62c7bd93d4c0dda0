import { ConfigError, loadServerConfig } from './config.js'

/** `pnpm serve`: validate the environment, start listening, stop cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadServerConfig>
  try {
    config = loadServerConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`runline server: invalid configuration: ${error.message}`)
      process.exit(1)
    }
    throw error
  }
  // Loaded only once the configuration is valid: a bad value fails fast, before the simulator is built.
  const { startServer } = await import('./app.js')
  const server = await startServer(config)
  const upstream =
    config.upstream.kind === 'simulator'
      ? `simulator (delay ${config.upstream.delayMs} ms)`
      : config.upstream.url
  console.log(`runline server listening on ${server.url} — proxy ${server.url}/api/v1 → ${upstream}`)
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
