// `pnpm test:packed`: the packages as a stranger gets them. Builds and packs the five public packages,
// checks the tarballs, installs them with npm into a fresh Vite + React 19 app made from the root README's
// example (plus the declared peers, from the npm registry through the local npm cache), typechecks it and
// every README example that is not marked `fragment` (strict, skipLibCheck: false; a misspelled field must
// fail), `vite build`s it, serves it with `vite preview` in front of the real apps/server (simulator), and
// drives it in Chromium, light and dark: Send → the run completes with text, the kit's colours resolve in
// the BUILT CSS, host rules stay out of the kit and the kit's out of the host. Also starts the packed
// `runline-simulator` bin. Flags: --no-build (packages already built). Screenshots: <app>/screenshots/.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Page } from 'playwright-core'
import { launchChromium, openWatchedPage } from '../apps/demo/e2e/browser.js'
import { loadServerConfig, startServer } from '../apps/server/src/index.js'
import { headlineExample, READMES, readmeBlocks, repoRoot } from './readme-blocks.js'

const run = promisify(execFile)
const PACKAGES = ['core', 'hooks', 'components', 'proxy', 'simulator'] as const
/** Reused between runs (npm keeps node_modules and its cache warm); CI starts from nothing. */
const appDir = join(process.env.RUNLINE_PACKED_APP_DIR ?? tmpdir(), 'runline-packed-app')
const packsDir = join(appDir, 'packs')
const started = performance.now()
let passed = 0

function check(ok: unknown, what: string): void {
  if (!ok) throw new Error(`FAILED: ${what}`)
  passed++
}

async function phase<T>(label: string, work: () => Promise<T>): Promise<T> {
  const t = performance.now()
  const result = await work()
  console.log(`✓ ${label} (${((performance.now() - t) / 1000).toFixed(1)} s)`)
  return result
}

async function sh(cmd: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run(cmd, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: process.env })
    return stdout
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string }
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`)
  }
}

const rootPackage = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>
}
const versionOf = (name: string) => rootPackage.devDependencies[name] ?? 'latest'

// ---------------------------------------------------------------------------------------------- pack

async function buildAndPack(): Promise<Record<string, string>> {
  if (!process.argv.includes('--no-build')) {
    await phase('pnpm build (packages)', () =>
      sh('pnpm', ['-r', '--filter', './packages/*', 'run', 'build'], repoRoot),
    )
  }
  rmSync(packsDir, { recursive: true, force: true })
  mkdirSync(packsDir, { recursive: true })
  await phase('pnpm pack (five public packages)', () =>
    sh(
      'pnpm',
      [
        '-r',
        ...PACKAGES.flatMap((name) => ['--filter', `./packages/${name}`]),
        'pack',
        '--pack-destination',
        packsDir,
      ],
      repoRoot,
    ),
  )
  const tarballs: Record<string, string> = {}
  for (const name of PACKAGES) {
    const file = readdirSync(packsDir).find((f) => f.startsWith(`runline-${name}-`) && f.endsWith('.tgz'))
    check(file, `a tarball for @runline/${name}`)
    tarballs[name] = join(packsDir, file!)
  }
  await phase('tarballs: dist, README, LICENSE, repository, no tests; use client kept', () =>
    checkTarballs(tarballs),
  )
  return tarballs
}

async function checkTarballs(tarballs: Record<string, string>): Promise<void> {
  for (const [name, tarball] of Object.entries(tarballs)) {
    const files = (await sh('tar', ['tzf', tarball], packsDir)).split('\n').filter(Boolean)
    for (const needed of ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts']) {
      check(files.includes(`package/${needed}`), `@runline/${name} ships ${needed}`)
    }
    const stray = files.filter((f) => /test-utils\/|\.test\.tsx?$|\.stories\.tsx?$|\/fixtures\//.test(f))
    check(stray.length === 0, `@runline/${name} ships no tests or test utilities (found ${stray.join(', ')})`)
    const unpacked = join(packsDir, name)
    rmSync(unpacked, { recursive: true, force: true })
    mkdirSync(unpacked)
    await sh('tar', ['xzf', tarball, '-C', unpacked], packsDir)
    const manifest = JSON.parse(readFileSync(join(unpacked, 'package/package.json'), 'utf8'))
    check(manifest.license === 'MIT', `@runline/${name}: license MIT`)
    check(manifest.repository?.directory === `packages/${name}`, `@runline/${name}: repository.directory`)
    check(!JSON.stringify(manifest).includes('workspace:'), `@runline/${name}: no workspace: ranges left`)
    if (name === 'components') {
      check(files.includes('package/dist/styles.css'), '@runline/components ships dist/styles.css')
      // Every source module marked 'use client' keeps the directive in its packed dist file.
      const clientModules = await sh(
        'grep',
        ['-rlx', "'use client'", 'src'],
        join(repoRoot, 'packages/components'),
      )
      for (const source of clientModules.split('\n').filter((f) => f && !f.includes('.test.'))) {
        const dist = source.replace(/^src\//, 'package/dist/').replace(/\.tsx?$/, '.js')
        const first = readFileSync(join(unpacked, dist), 'utf8').split('\n')[0]
        check(/^['"]use client['"];?$/.test(first ?? ''), `${dist} starts with 'use client'`)
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------- app

const HOST_CSS = `/* A host page's own rules, the kind that used to reach into the kit. */
ul { list-style: none; padding: 0; }
code { color: crimson; background: yellow; }
button { text-transform: uppercase; }
`

const MISSPELLED = `import { createRunlineClient, initialRunState, selectRun } from '@runline/core'
createRunlineClient({ baseURL: '/api/v1' })
export const status = selectRun(initialRunState)?.statuz
`

function writeApp(tarballs: Record<string, string>, apiUrl: string): number {
  mkdirSync(join(appDir, 'src'), { recursive: true })
  rmSync(join(appDir, 'docs'), { recursive: true, force: true })
  mkdirSync(join(appDir, 'docs'))
  mkdirSync(join(appDir, 'misspelled'), { recursive: true })
  const dependencies: Record<string, string> = Object.fromEntries(
    PACKAGES.map((name) => [`@runline/${name}`, `file:${tarballs[name]}`]),
  )
  for (const peer of ['react', 'react-dom', '@tanstack/react-query']) dependencies[peer] = versionOf(peer)
  dependencies.openai = '^6.0.0 || ^7.0.0' // what the packages declare; npm picks per Node's engines
  const devDependencies = Object.fromEntries(
    ['typescript', 'vite', '@vitejs/plugin-react', '@types/react', '@types/react-dom', '@types/node'].map(
      (name) => [name, versionOf(name)],
    ),
  )
  writeFileSync(
    join(appDir, 'package.json'),
    JSON.stringify(
      { name: 'runline-packed-app', private: true, type: 'module', dependencies, devDependencies },
      null,
      2,
    ),
  )
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module: 'ESNext',
    moduleResolution: 'Bundler',
    jsx: 'react-jsx',
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    isolatedModules: true,
    types: ['node', 'vite/client'],
  }
  writeFileSync(
    join(appDir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions, include: ['src', 'docs', 'misspelled', 'vite.config.ts'] }, null, 2),
  )
  writeFileSync(join(appDir, 'misspelled/misspelled.ts'), MISSPELLED)
  writeFileSync(
    join(appDir, 'index.html'),
    `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Packed app</title></head>
  <body>
    <p>A light-only host page: <button id="host-button" type="button">Host button</button></p>
    <div id="root"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`,
  )
  writeFileSync(join(appDir, 'src/App.tsx'), headlineExample())
  writeFileSync(join(appDir, 'src/host.css'), HOST_CSS)
  writeFileSync(
    join(appDir, 'src/main.tsx'),
    `import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './host.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
`,
  )
  // Every README example that is not marked `fragment`, each as its own module.
  let compiled = 0
  for (const readme of READMES) {
    const blocks = readmeBlocks(readme)
    const mine = blocks.filter((block) => !block.fragment)
    if (blocks.length) check(mine.length > 0, `${readme} keeps at least one example that compiles`)
    for (const block of mine) {
      const name = `${readme.replace(/\/README\.md$|\.md$/, '').replace(/\W+/g, '-')}-L${block.line}.${block.lang}`
      writeFileSync(join(appDir, 'docs', name), `${block.code}\n`)
      compiled++
    }
  }
  // The README's Vite config, pointed at this run's server.
  const viteBlock = readmeBlocks('README.md').find((block) => block.code.includes('// vite.config.ts'))
  check(
    viteBlock?.code.includes("'http://127.0.0.1:8787'"),
    "the README's vite.config.ts forwards /api to 8787",
  )
  writeFileSync(
    join(appDir, 'vite.config.ts'),
    viteBlock!.code.replace("'http://127.0.0.1:8787'", `'${apiUrl}'`),
  )
  return compiled
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`)
    try {
      if ((await fetch(url)).ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${url} did not answer within 30 s`)
}

// ---------------------------------------------------------------------------------------------- browser

interface Looks {
  rootColor: string
  rootBackground: string
  hostButton: string
  htmlScheme: string
  listStyle: string | null
  idColor: string | null
  idBackground: string | null
}

function looks(page: Page): Promise<Looks> {
  return page.evaluate(() => {
    const style = (selector: string) => {
      const element = document.querySelector(selector)
      return element ? getComputedStyle(element) : null
    }
    return {
      rootColor: style('.rl-timeline')!.color,
      rootBackground: style('.rl-timeline--styled')!.backgroundColor,
      hostButton: style('#host-button')!.backgroundColor,
      htmlScheme: getComputedStyle(document.documentElement).colorScheme,
      listStyle: style('.rl-md ul')?.listStyleType ?? null,
      idColor: style('.rl-summary__id')?.color ?? null,
      idBackground: style('.rl-summary__id')?.backgroundColor ?? null,
    }
  })
}

/** Relative luminance-ish of an `rgb(…)` colour, 0 (black) to 1 (white); NaN when not a plain colour. */
function lightness(color: string): number {
  const m = /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(color)
  if (!m || m[4] === '0') return Number.NaN
  return (0.2126 * Number(m[1]) + 0.7152 * Number(m[2]) + 0.0722 * Number(m[3])) / 255
}

async function drive(url: string): Promise<void> {
  const browser = await launchChromium()
  mkdirSync(join(appDir, 'screenshots'), { recursive: true })
  const seen: Record<string, Looks> = {}
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors, close } = await openWatchedPage(browser, { colorScheme: scheme })
      try {
        await page.goto(url)
        await page.getByRole('textbox', { name: 'Message' }).fill('hello')
        await page.getByRole('button', { name: 'Send' }).click()
        await page.getByRole('status').filter({ hasText: 'Completed' }).waitFor({ timeout: 60_000 })
        const text = (await page.getByRole('log').textContent()) ?? ''
        check(text.length > 40, `${scheme}: the run completed with text (${text.length} characters)`)
        const look = await looks(page)
        seen[scheme] = look
        await page.screenshot({ path: join(appDir, `screenshots/packed-app-${scheme}.png`), fullPage: true })
        const background = lightness(look.rootBackground)
        check(
          !Number.isNaN(background),
          `${scheme}: the timeline's background resolves (${look.rootBackground})`,
        )
        check(
          !Number.isNaN(lightness(look.rootColor)),
          `${scheme}: the timeline's text colour resolves (${look.rootColor})`,
        )
        check(
          scheme === 'light' ? background > 0.8 : background < 0.2,
          `${scheme}: the timeline is ${scheme}`,
        )
        check(
          look.htmlScheme === 'normal',
          `${scheme}: the kit sets no color-scheme on <html> (${look.htmlScheme})`,
        )
        check(
          look.listStyle === 'disc',
          `${scheme}: a host 'ul { list-style: none }' leaves the reply's bullets`,
        )
        check(
          look.idColor !== 'rgb(220, 20, 60)',
          `${scheme}: a host 'code' rule does not recolour the run id`,
        )
        check(
          look.idBackground !== 'rgb(255, 255, 0)',
          `${scheme}: a host 'code' rule does not fill the run id`,
        )
        check(errors.length === 0, `${scheme}: no console errors (${errors.join('; ')})`)
      } finally {
        await close()
      }
    }
    check(
      seen.light!.hostButton === seen.dark!.hostButton,
      "the host page's own button looks the same in dark mode",
    )
    check(seen.light!.rootBackground !== seen.dark!.rootBackground, 'light and dark differ')
  } finally {
    await browser.close()
  }
}

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const tarballs = await buildAndPack()
  const server = await startServer({ ...loadServerConfig({ RUNLINE_SIM_DELAY_MS: '2' }), port: 0, log: null })
  const children: ChildProcess[] = []
  try {
    const compiled = writeApp(tarballs, server.url)
    // Old tarballs' integrity would not match: let npm resolve them again, keep the rest installed.
    rmSync(join(appDir, 'package-lock.json'), { force: true })
    rmSync(join(appDir, 'node_modules/@runline'), { recursive: true, force: true })
    await phase('npm install (tarballs + declared peers)', () =>
      sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], appDir),
    )
    const openai = JSON.parse(readFileSync(join(appDir, 'node_modules/openai/package.json'), 'utf8')).version
    console.log(`  node ${process.version}, openai ${openai} installed`)
    await phase(
      `tsc: the app, ${compiled} README examples, a misspelled field (strict, skipLibCheck: false)`,
      async () => {
        // One program (the packages' declarations are checked once): only the two misspellings may fail.
        const out = await sh(join(appDir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], appDir).then(
          (stdout) => stdout,
          (error: Error) => error.message,
        )
        const errors = out.split('\n').filter((line) => / error TS\d+:/.test(line))
        check(
          /misspelled\.ts\(2,\d+\): error TS\d+:.*baseURL/.test(out),
          `'baseURL' for 'baseUrl' is an error:\n${out}`,
        )
        check(
          /misspelled\.ts\(3,\d+\): error TS\d+:.*statuz/.test(out),
          `'statuz' on openai's Run is an error:\n${out}`,
        )
        check(errors.length === 2, `no other type error:\n${errors.join('\n')}`)
      },
    )
    await phase('vite build', () => sh(join(appDir, 'node_modules/.bin/vite'), ['build'], appDir))
    const css = readdirSync(join(appDir, 'dist/assets')).filter((f) => f.endsWith('.css'))
    const lowered = css.some((f) =>
      readFileSync(join(appDir, 'dist/assets', f), 'utf8').includes('--lightningcss-'),
    )
    console.log(`  built CSS: light-dark() ${lowered ? 'lowered by lightningcss' : 'kept as is'}`)
    await phase('the runline-simulator bin answers', async () => {
      const port = await freePort()
      const bin = spawn(
        join(appDir, 'node_modules/.bin/runline-simulator'),
        ['--port', String(port), '--delay', '0'],
        {
          cwd: appDir,
          stdio: 'ignore',
        },
      )
      children.push(bin)
      await waitFor(`http://127.0.0.1:${port}/healthz`, bin)
      const thread = await fetch(`http://127.0.0.1:${port}/api/v1/threads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      check(thread.status === 200, `POST /api/v1/threads through the bin's proxy (${thread.status})`)
      bin.kill()
    })
    const port = await freePort()
    const preview = spawn(
      join(appDir, 'node_modules/.bin/vite'),
      ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
      { cwd: appDir, stdio: 'ignore' },
    )
    children.push(preview)
    await waitFor(`http://127.0.0.1:${port}/`, preview)
    await phase(
      'Chromium, light and dark: Send → Completed with text; colours resolve; host rules stay out',
      () => drive(`http://127.0.0.1:${port}/`),
    )
    console.log(`  screenshots: ${join(appDir, 'screenshots')}`)
  } finally {
    for (const child of children) child.kill()
    await server.close()
  }
}

main().then(
  () => {
    const seconds = ((performance.now() - started) / 1000).toFixed(0)
    console.log(`\npacked-app check took ${seconds} s`)
    console.log(`packed-app: ${passed} passed, 0 failed`)
    process.exit(0)
  },
  (error: unknown) => {
    console.error(`\n${error instanceof Error ? error.message : String(error)}`)
    console.log(`packed-app: ${passed} passed, 1 failed`)
    process.exit(1)
  },
)
