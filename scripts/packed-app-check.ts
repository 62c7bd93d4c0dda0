// `pnpm test:packed`: the packages as a stranger gets them. Builds and packs the five public packages,
// checks the tarballs, installs them with npm into a fresh Vite + React 19 app made from the root README's
// example (plus the declared peers, from the npm registry through the local npm cache), typechecks it and
// every README example not marked `fragment` (strict, skipLibCheck: false; two misspelled fields must
// fail), `vite build`s it, serves it with `vite preview` in front of the real apps/server (simulator), and
// drives it in Chromium, light and dark: Send → the run completes with text, the kit's colours resolve in
// the BUILT CSS, host rules stay out of the kit and the kit out of the host. Then the same on React 18.3,
// the packed `runline-simulator` bin, and a Next.js 16 app from the README's Next.js instructions
// (scripts/packed-app/next.ts: `next build`, `next start`, the same Chromium checks plus a streamed slow
// run). All apps install through the same npm cache. --no-build: the packages are built already;
// --no-next: skip the Next.js app (local use; CI runs it). Screenshots and the apps:
// $RUNLINE_PACKED_APP_DIR (default the system's temp folder)/runline-packed-app-<hash of this checkout's path>/.
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadServerConfig, startServer } from '../apps/server/src/index.js'
import { type AppVariant, installTypecheckBuild, writeApp } from './packed-app/app.js'
import { drive } from './packed-app/browser.js'
import { checkNext } from './packed-app/next.js'
import { buildAndPack } from './packed-app/tarballs.js'
import { check, counter, freePort, phase, waitFor } from './packed-app/util.js'

/**
 * Reused between runs of one checkout (npm keeps node_modules warm); CI's fresh clone starts from nothing.
 * Outside the checkout (Next.js will not build an app that lives below a node_modules folder or inside
 * another workspace), named after the checkout's path so two clones checked at once never share it.
 */
const checkout = fileURLToPath(new URL('..', import.meta.url))
const root = join(
  process.env.RUNLINE_PACKED_APP_DIR ?? tmpdir(),
  `runline-packed-app-${createHash('sha256').update(checkout).digest('hex').slice(0, 12)}`,
)
const APPS: AppVariant[] = [
  { label: 'react19', dir: join(root, 'react19') },
  { label: 'react18', dir: join(root, 'react18'), react: { react: '^18.3.1', types: '^18.3.0' } },
]
const started = performance.now()

async function main(): Promise<void> {
  const tarballs = await buildAndPack(join(root, 'packs'), !process.argv.includes('--no-build'))
  const server = await startServer({ ...loadServerConfig({ RUNLINE_SIM_DELAY_MS: '2' }), port: 0, log: null })
  const children: ChildProcess[] = []
  const start = (command: string, args: string[], cwd: string) => {
    const child = spawn(command, args, { cwd, stdio: 'ignore' })
    children.push(child)
    return child
  }
  try {
    for (const app of APPS) {
      const compiled = writeApp(app, tarballs, server.url)
      await installTypecheckBuild(app, compiled)
      const port = await freePort()
      const vite = join(app.dir, 'node_modules/.bin/vite')
      const preview = start(
        vite,
        ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
        app.dir,
      )
      await waitFor(`http://127.0.0.1:${port}/`, preview)
      await phase(
        `${app.label}: Chromium, light and dark: Send → Completed; colours resolve; host rules stay out; function calls load their chunks`,
        () => drive(`http://127.0.0.1:${port}/`, app.label, join(root, 'screenshots')),
      )
      preview.kill()
    }
    await phase('the packed runline-simulator bin serves the proxy', async () => {
      const port = await freePort()
      const bin = join(APPS[0]!.dir, 'node_modules/.bin/runline-simulator')
      const child = start(bin, ['--port', String(port), '--delay', '0'], APPS[0]!.dir)
      await waitFor(`http://127.0.0.1:${port}/healthz`, child)
      const thread = await fetch(`http://127.0.0.1:${port}/api/v1/threads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      check(thread.status === 200, `POST /api/v1/threads through the bin's proxy (${thread.status})`)
    })
    if (!process.argv.includes('--no-next')) {
      await checkNext(join(root, 'next'), tarballs, join(root, 'screenshots'))
    }
    console.log(`  screenshots: ${join(root, 'screenshots')}`)
  } finally {
    for (const child of children) child.kill()
    await server.close()
  }
}

main().then(
  () => {
    console.log(`\npacked-app check took ${((performance.now() - started) / 1000).toFixed(0)} s`)
    console.log(`packed-app: ${counter.passed} passed, 0 failed`)
    process.exit(0)
  },
  (error: unknown) => {
    console.error(`\n${error instanceof Error ? error.message : String(error)}`)
    console.log(`packed-app: ${counter.passed} passed, 1 failed`)
    process.exit(1)
  },
)
