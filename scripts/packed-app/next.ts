// `pnpm test:packed --next`: the packed packages in a Next.js 16 App Router app. A server component imports
// and renders the components (their modules are 'use client'), the README's example lives in a client
// module, and the README's route handler serves the proxy on the in-process simulator. `next build`, then
// `next start`: the page renders, the route answers. Opt-in: it downloads Next.js (large) on a cold cache.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { headlineExample, readmeBlocks } from '../readme-blocks.js'
import type { Tarballs } from './tarballs.js'
import { check, freePort, PACKAGES, phase, sh, versionOf, waitFor } from './util.js'

const PAGE = `import { RunStatusBadge, RunTimeline } from '@runline/components'
import { initialRunState } from '@runline/core'
import '@runline/components/styles.css'
import { App } from './chat'

// A server component: no 'use client' here.
export default function Page() {
  return (
    <main>
      <RunStatusBadge status="completed" />
      <RunTimeline run={initialRunState} />
      <App />
    </main>
  )
}
`

const LAYOUT = `import type { ReactNode } from 'react'

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
`

export async function checkNext(dir: string, tarballs: Tarballs): Promise<void> {
  rmSync(join(dir, 'app'), { recursive: true, force: true })
  mkdirSync(join(dir, 'app/api/v1/[...path]'), { recursive: true })
  const dependencies: Record<string, string> = Object.fromEntries(
    PACKAGES.map((name) => [`@runline/${name}`, `file:${tarballs[name]}`]),
  )
  Object.assign(dependencies, {
    next: '^16.0.0',
    react: versionOf('react'),
    'react-dom': versionOf('react-dom'),
    '@tanstack/react-query': versionOf('@tanstack/react-query'),
    openai: '^6.0.0 || ^7.0.0',
  })
  const devDependencies = Object.fromEntries(
    ['typescript', '@types/react', '@types/react-dom', '@types/node'].map((name) => [name, versionOf(name)]),
  )
  const manifest = { name: 'runline-packed-next', private: true, dependencies, devDependencies }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  writeFileSync(join(dir, 'app/layout.tsx'), LAYOUT)
  writeFileSync(join(dir, 'app/page.tsx'), PAGE)
  writeFileSync(join(dir, 'app/chat.tsx'), `'use client'\n\n${headlineExample()}`)
  const route = readmeBlocks('README.md').find((block) => block.code.includes('createSimulator({'))
  check(
    route?.code.startsWith('// app/api/v1/[...path]/route.ts'),
    "the README's Next.js route on the simulator",
  )
  writeFileSync(join(dir, 'app/api/v1/[...path]/route.ts'), route!.code)
  rmSync(join(dir, 'package-lock.json'), { force: true })
  rmSync(join(dir, 'node_modules/@runline'), { recursive: true, force: true })
  await phase('next: npm install', () =>
    sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], dir),
  )
  process.env.NEXT_TELEMETRY_DISABLED = '1'
  const next = join(dir, 'node_modules/.bin/next')
  const built = await phase('next: next build (a server page imports the components)', () =>
    sh(next, ['build'], dir),
  )
  check(/Compiled successfully/.test(built), `next build compiled:\n${built}`)
  const port = await freePort()
  let server: ChildProcess | undefined
  try {
    await phase('next: next start; the page renders, the route answers', async () => {
      server = spawn(next, ['start', '--hostname', '127.0.0.1', '--port', String(port)], {
        cwd: dir,
        stdio: 'ignore',
      })
      await waitFor(`http://127.0.0.1:${port}/`, server)
      const html = await (await fetch(`http://127.0.0.1:${port}/`)).text()
      check(
        html.includes('rl-timeline') && html.includes('Not started'),
        'the server page rendered the timeline',
      )
      const thread = await fetch(`http://127.0.0.1:${port}/api/v1/threads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      check(thread.status === 200, `POST /api/v1/threads through the route handler (${thread.status})`)
    })
  } finally {
    server?.kill()
  }
}
