// `pnpm size`: what the root README's <RunTimeline> example adds to a Vite app over React + React Query.
// Two real `vite build`s of the packages' dist (as an app installs them): a base app (React, React DOM,
// React Query in use) and the same app with the README's example, gzip -9 of the JS and CSS loaded at
// start, subtracted. Chunks loaded later (dynamic imports) are listed apart. Each package's figure is its
// code as the bundle has it (after tree-shaking), minified and gzipped alone. Goal: <= 25 KB added.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { transform } from 'esbuild'
import { build, type Rollup } from 'vite'
import { headlineExample, repoRoot } from './readme-blocks.js'

/** For the JS loaded at start (the CSS is printed beside it). */
const GOAL = 25 * 1024
const PACKAGES = ['core', 'hooks', 'components'] as const
const work = join(repoRoot, 'node_modules/.cache/runline-size')

const BASE_MAIN = `import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Extra } from './extra'

const queryClient = new QueryClient()
function Greeting() {
  const query = useQuery({ queryKey: ['greeting'], queryFn: async () => 'hello' })
  return <p>{query.data}</p>
}
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Greeting />
      <Extra />
    </QueryClientProvider>
  </StrictMode>,
)
`

interface Figures {
  /** gzip bytes of the JS and CSS the page loads at start. */
  initialJs: number
  initialCss: number
  /** gzip bytes of each chunk loaded later (a dynamic import), by chunk name. */
  lazy: Map<string, number>
  /** Each package's code as it is in the bundle (tree-shaken), by package, and whether it loads later. */
  packages: Map<string, { code: string; lazy: boolean }>
}

const gzip = (code: string | Uint8Array) => gzipSync(code, { level: 9 }).length
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

function ensureBuilt() {
  const stale = PACKAGES.some((name) => !existsSync(join(repoRoot, `packages/${name}/dist/index.js`)))
  if (stale) {
    console.log('(building the packages first: pnpm -r --filter "./packages/*" run build)\n')
    execFileSync('pnpm', ['-r', '--filter', './packages/*', 'run', 'build'], {
      cwd: repoRoot,
      stdio: 'ignore',
    })
  }
}

function writeApp(name: string, extra: string, app?: string) {
  const dir = join(work, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'index.html'),
    '<div id="root"></div><script type="module" src="./main.tsx"></script>\n',
  )
  writeFileSync(join(dir, 'main.tsx'), BASE_MAIN)
  writeFileSync(join(dir, 'extra.tsx'), extra)
  if (app) writeFileSync(join(dir, 'App.tsx'), app)
  return dir
}

/** Which package a module belongs to, by its resolved path. */
function packageOf(id: string): string {
  if (id.startsWith(work) || !id.startsWith('/')) return 'app'
  const own = /\/packages\/(core|hooks|components)\//.exec(id)
  if (own) return `@runline/${own[1]}`
  const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(id)
  if (!dep) return 'app'
  const name = dep[1]!
  if (['react', 'react-dom', 'scheduler'].includes(name)) return 'react'
  if (name.startsWith('@tanstack/')) return 'react-query'
  return name
}

async function viteBuild(dir: string): Promise<Figures> {
  const result = await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins: [react()],
    resolve: { dedupe: ['react', 'react-dom', '@tanstack/react-query'] },
    build: { write: false, outDir: join(dir, 'dist') },
  })
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[]
  const files = outputs.flatMap((output) => output.output)
  const html = files.find((file) => file.fileName === 'index.html') as Rollup.OutputAsset
  const chunks = files.filter((file): file is Rollup.OutputChunk => file.type === 'chunk')
  // What index.html loads, and what those chunks import statically, is loaded at start.
  const loaded = new Set<string>()
  const queue = chunks.filter((chunk) => String(html.source).includes(chunk.fileName))
  while (queue.length) {
    const chunk = queue.pop()!
    if (loaded.has(chunk.fileName)) continue
    loaded.add(chunk.fileName)
    for (const name of chunk.imports) queue.push(chunks.find((c) => c.fileName === name)!)
  }
  const figures: Figures = { initialJs: 0, initialCss: 0, lazy: new Map(), packages: new Map() }
  for (const file of files) {
    if (file.type === 'chunk') {
      const size = gzip(file.code)
      const lazy = !loaded.has(file.fileName)
      if (lazy) figures.lazy.set(file.name, (figures.lazy.get(file.name) ?? 0) + size)
      else figures.initialJs += size
      for (const [id, module] of Object.entries(file.modules)) {
        const name = packageOf(id)
        const entry = figures.packages.get(name) ?? { code: '', lazy }
        entry.code += `${module.code ?? ''}\n`
        figures.packages.set(name, entry)
      }
    } else if (file.fileName.endsWith('.css')) {
      figures.initialCss += gzip(file.source)
    }
  }
  return figures
}

async function main() {
  ensureBuilt()
  mkdirSync(join(work, 'node_modules/@runline'), { recursive: true })
  for (const name of PACKAGES) {
    const link = join(work, `node_modules/@runline/${name}`)
    rmSync(link, { force: true })
    symlinkSync(join(repoRoot, `packages/${name}`), link)
  }
  const base = await viteBuild(writeApp('base', 'export const Extra = () => null\n'))
  const example = await viteBuild(
    writeApp('example', "export { App as Extra } from './App'\n", headlineExample()),
  )

  const addedJs = example.initialJs - base.initialJs
  const addedCss = example.initialCss - base.initialCss
  const added = addedJs + addedCss
  console.log("What the README's <RunTimeline> example adds to a Vite app over React + React Query")
  console.log('(vite build of the packages as an app installs them, minified, gzip -9)\n')
  const row = (label: string, a: string, b: string, c: string) =>
    console.log(`${label.padEnd(30)}${a.padStart(10)}${b.padStart(12)}${c.padStart(12)}`)
  row('', 'base', 'example', 'added')
  row('JS loaded at start', kb(base.initialJs), kb(example.initialJs), kb(addedJs))
  row('CSS', kb(base.initialCss), kb(example.initialCss), kb(addedCss))
  row('total at start', '', '', kb(added))
  for (const [name, size] of example.lazy) row(`later, by import(): ${name}`, '', kb(size), '')

  console.log('\nBy package (its code as bundled, after tree-shaking, minified and gzipped alone):')
  for (const [name, { code, lazy }] of example.packages) {
    if (name === 'react' || name === 'react-query' || name === 'app') continue
    const size = gzip((await transform(code, { minify: true, format: 'esm', target: 'es2022' })).code)
    const css = name === '@runline/components' ? ` + ${kb(example.initialCss)} CSS` : ''
    console.log(`  ${name.padEnd(24)}${kb(size).padStart(9)}${css}${lazy ? '  (loaded later)' : ''}`)
  }
  const verdict = addedJs <= GOAL ? 'OK' : 'OVER'
  console.log(
    `\n${verdict}: ${kb(addedJs)} of JS (+ ${kb(addedCss)} CSS) added at start, goal ≤ ${kb(GOAL)} of JS`,
  )
  process.exitCode = addedJs <= GOAL ? 0 : 1
}

await main()
