// The packed packages in a Next.js 16 App Router app, made from the root README's Next.js instructions: the
// README's route handler serves the proxy on the in-process simulator, the README's example lives in a module
// that starts with 'use client', and a server component imports and renders the components next to it.
// `next build` (create-next-app's strict tsconfig), `next start` on 127.0.0.1, then Chromium, light and
// dark: Send → the streamed answer → "Completed"; a slow run shows text while "In progress" (the route
// handler streams) and "Cancel run" stops it. Telemetry off; SWC is the npm-installed native binary.
import { type ChildProcess, spawn } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { headlineExample, importedPackages, nextRouteExample, readmeInstalls } from '../readme-blocks.js'
import { HOST_CSS, HOST_NOTE } from './app.js'
import { drive, driveStreaming } from './browser.js'
import type { Tarballs } from './tarballs.js'
import { check, freePort, PACKAGES, phase, sh, versionOf, waitFor } from './util.js'

/** Exact: its `engines.node` is `>=20.9.0`, so it runs on CI's Node 20.20 (and the README's ≥ 20.19). */
export const NEXT_VERSION = '16.4.6'

/** Off for `next build`, `next start` and `next telemetry status` alike. */
const NEXT_ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }

const LAYOUT = `import type { ReactNode } from 'react'
import './host.css'

export const metadata = { title: 'Packed Next app', icons: { icon: 'data:,' } }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        ${HOST_NOTE}
        {children}
      </body>
    </html>
  )
}
`

const PAGE = `import { RunStatusBadge, RunTimeline } from '@runline/components'
import { initialRunState } from '@runline/core'
import { App } from './chat'

// A server component (no 'use client'): it imports and renders the kit's components itself.
export default function Page() {
  return (
    <main>
      <section aria-label="Rendered on the server">
        <RunStatusBadge status="completed" />
        <RunTimeline run={initialRunState} />
      </section>
      <div id="chat">
        <App />
      </div>
    </main>
  )
}
`

/** What create-next-app writes (strict); `next build` typechecks the app with it. */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2017',
    lib: ['dom', 'dom.iterable', 'esnext'],
    allowJs: true,
    skipLibCheck: true,
    strict: true,
    noEmit: true,
    esModuleInterop: true,
    module: 'esnext',
    moduleResolution: 'bundler',
    resolveJsonModule: true,
    isolatedModules: true,
    jsx: 'react-jsx',
    incremental: true,
    plugins: [{ name: 'next' }],
    paths: { '@/*': ['./*'] },
  },
  include: ['next-env.d.ts', '**/*.ts', '**/*.tsx', '.next/types/**/*.ts', '.next/dev/types/**/*.ts'],
  exclude: ['node_modules'],
}

/** A version for each package the README installs: the tarballs, the repository's own ranges, next pinned. */
function versionFor(name: string, tarballs: Tarballs): string {
  const packed = PACKAGES.find((p) => name === `@runline/${p}`)
  if (packed) return `file:${tarballs[packed]}`
  if (name === 'openai') return '^6.0.0 || ^7.0.0' // what the packages declare; npm picks by Node's engines
  return versionOf(name)
}

/**
 * The app's files: a package.json with exactly what the root README's `npm i` lines install (next and the
 * TypeScript kit being the Next app's own), create-next-app's tsconfig, a layout on a light host page, the
 * server page, the README's example and its route. Every package a file imports must be one it installs.
 */
function writeNextApp(dir: string, tarballs: Tarballs): void {
  rmSync(join(dir, 'app'), { recursive: true, force: true })
  mkdirSync(join(dir, 'app/api/v1/[...path]'), { recursive: true })
  const dependencies: Record<string, string> = { next: NEXT_VERSION }
  const devDependencies: Record<string, string> = Object.fromEntries(
    ['typescript', '@types/react', '@types/react-dom', '@types/node'].map((name) => [name, versionOf(name)]),
  )
  for (const { name, dev } of readmeInstalls()) {
    ;(dev ? devDependencies : dependencies)[name] = versionFor(name, tarballs)
  }
  const scripts = { build: 'next build', start: 'next start' }
  const manifest = { name: 'runline-packed-next', private: true, scripts, dependencies, devDependencies }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`)
  const files: Record<string, string> = {
    'app/host.css': HOST_CSS,
    'app/layout.tsx': LAYOUT,
    'app/page.tsx': PAGE,
    // The README: "the example above holds state of its own, so in Next.js its file starts with 'use client'".
    'app/chat.tsx': `'use client'\n\n${headlineExample()}`,
    'app/api/v1/[...path]/route.ts': nextRouteExample().code,
  }
  for (const [file, code] of Object.entries(files)) {
    writeFileSync(join(dir, file), code)
    for (const name of importedPackages(code)) {
      check(
        name in dependencies || name in devDependencies,
        `${file} imports ${name}: the README installs it`,
      )
    }
  }
}

/** The native SWC binary for this machine came with `npm install` (from the registry), at next's version. */
function checkSwcFromNpm(dir: string): void {
  const header = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined
  const libc = process.platform !== 'linux' ? '' : header?.header?.glibcVersionRuntime ? '-gnu' : '-musl'
  const swc = `@next/swc-${process.platform}-${process.arch}${libc}`
  const installed = join(dir, 'node_modules', swc, 'package.json')
  const version = existsSync(installed) ? JSON.parse(readFileSync(installed, 'utf8')).version : null
  check(version === NEXT_VERSION, `npm installed ${swc} ${NEXT_VERSION} (found ${version})`)
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'))
  const entry = lock.packages?.[`node_modules/${swc}`] as { resolved?: string } | undefined
  // `resolved` is absent when npm is set to omit-lockfile-registry-resolved; when present it is the registry.
  check(
    entry && (!entry.resolved || entry.resolved.startsWith('https://registry.npmjs.org/')),
    `package-lock.json: ${swc} from the npm registry (${entry?.resolved ?? 'registry default'})`,
  )
}

/** Writes the Next.js app into `dir`, installs, builds, starts and drives it; screenshots go to `shots`. */
export async function checkNext(dir: string, tarballs: Tarballs, shots: string): Promise<void> {
  writeNextApp(dir, tarballs)
  rmSync(join(dir, 'package-lock.json'), { force: true })
  rmSync(join(dir, 'node_modules/@runline'), { recursive: true, force: true })
  await phase(`next: npm install (what the README's npm i lines name, next ${NEXT_VERSION})`, () =>
    sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], dir),
  )
  checkSwcFromNpm(dir)
  const next = join(dir, 'node_modules/.bin/next')
  const telemetry = await sh(next, ['telemetry', 'status'], dir, { env: NEXT_ENV, withStderr: true })
  check(/Status: Disabled/.test(telemetry), `next telemetry status: Disabled\n${telemetry}`)
  const built = await phase('next: next build (strict tsconfig; a server page imports the components)', () =>
    sh(next, ['build'], dir, { env: NEXT_ENV, withStderr: true }),
  )
  check(/Compiled successfully/.test(built), `next build compiled:\n${built}`)
  check(
    !/swc|telemetry/i.test(built),
    `next build loaded SWC without help, said nothing of telemetry:\n${built}`,
  )
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/`
  const log = join(dir, 'next-start.log')
  const out = openSync(log, 'w')
  let server: ChildProcess | undefined
  try {
    server = spawn(next, ['start', '--hostname', '127.0.0.1', '--port', String(port)], {
      cwd: dir,
      env: NEXT_ENV,
      stdio: ['ignore', out, out],
    })
    await phase('next: next start; the server page renders, the route answers', async () => {
      await waitFor(url, server!)
      const html = await (await fetch(url)).text()
      check(
        html.includes('rl-timeline') && html.includes('Not started'),
        'the server page rendered the timeline',
      )
      const thread = await fetch(`${url}api/v1/threads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      check(thread.status === 200, `POST /api/v1/threads through the route handler (${thread.status})`)
    })
    await phase(
      'next: Chromium, light and dark: Send → Completed; colours resolve; host rules stay out',
      () => drive(url, 'next', shots, '#chat', false),
    )
    await phase(
      'next: Chromium: a slow run streams through the route ("In progress" with text), Cancel run',
      () => driveStreaming(url, 'next', '#chat'),
    )
  } catch (error) {
    const said = readFileSync(log, 'utf8').trim()
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nnext start said:\n${said}`)
  } finally {
    server?.kill()
    closeSync(out)
  }
}
