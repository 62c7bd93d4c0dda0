/**
 * `pnpm dev`: apps/server (proxy + simulator) and the Vite dev server in one process, so one Ctrl-C stops
 * both. The browser talks to Vite only; Vite forwards `/api` to the server (same origin from its view).
 */
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'
import { describeUpstream, loadServerConfigOrExit, startServer } from '../../server/src/index.js'

async function main(): Promise<void> {
  const config = loadServerConfigOrExit(process.env, 'runline dev')
  // Vite's proxy targets $PORT (default 8787), so the server must really listen there.
  const api = await startServer({ ...config, staticDir: null })
  const vite = await createServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  })
  await vite.listen()
  console.log(`runline api  ${api.url}/api/v1 → ${describeUpstream(config.upstream)}`)
  const backends = api.app.backends.map((mount) => mount.info.apiBase)
  if (backends.length > 0) console.log(`simulator backends: ${backends.join(', ')}`)
  vite.printUrls()
  const stop = () => {
    void Promise.all([vite.close(), api.close()]).then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`runline dev: failed to start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
