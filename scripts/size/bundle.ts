// The real `vite build`s behind `pnpm size` and `pnpm size:modules`: a base app (React, React DOM, React
// Query in use), the same app with the root README's <RunTimeline> example (the headline), and with the
// components README's Assistants <RunThread> example, over the packages' dist symlinked into
// node_modules as an app installs them. Which chunks load at start is read from the built index.html and
// the chunks' static imports; the rest load later (dynamic imports).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { transform } from 'esbuild'
import { build, type Rollup } from 'vite'
import { headlineExample, repoRoot, threadExample } from '../readme-blocks.js'

/** The packages whose weight is measured. */
export const PACKAGES = ['core', 'hooks', 'components'] as const
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

/** One module as the bundle has it (tree-shaken, not yet minified). */
export interface BundledModule {
  id: string
  /** `@runline/core`, `react`, `react-query`, `app`, or a dependency's name. */
  pkg: string
  code: string
}

/** One JS chunk of a build. */
export interface BundledChunk {
  name: string
  /** Loaded later, through a dynamic import, rather than at start. */
  lazy: boolean
  /** gzip -9 bytes of the chunk as vite wrote it (minified). */
  gzip: number
  modules: BundledModule[]
}

/** What one build ships. */
export interface Bundle {
  chunks: BundledChunk[]
  /** gzip bytes of the JS and CSS the page loads at start. */
  initialJs: number
  initialCss: number
}

/** gzip -9 bytes. */
export const gzip = (code: string | Uint8Array) => gzipSync(code, { level: 9 }).length
/** Bytes as kilobytes with one decimal. */
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
/** Minified the way a production build minifies (esbuild, ES2022). */
export const minify = async (code: string) =>
  (await transform(code, { minify: true, format: 'esm', target: 'es2022' })).code

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

async function viteBuild(dir: string): Promise<Bundle> {
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
  const bundle: Bundle = { chunks: [], initialJs: 0, initialCss: 0 }
  for (const file of files) {
    if (file.type === 'chunk') {
      const lazy = !loaded.has(file.fileName)
      const size = gzip(file.code)
      if (!lazy) bundle.initialJs += size
      const modules = Object.entries(file.modules).map(([id, module]) => ({
        id,
        pkg: packageOf(id),
        code: module.code ?? '',
      }))
      bundle.chunks.push({ name: file.name, lazy, gzip: size, modules })
    } else if (file.fileName.endsWith('.css')) {
      bundle.initialCss += gzip(file.source)
    }
  }
  return bundle
}

/** An example app to measure: its source (one module) and the component it exports. */
export interface ExampleApp {
  /** Its folder in the work folder. */
  name: string
  /** What the printouts call it. */
  label: string
  source: string
}

/** The root README's headline example (`useRunStream` + `<RunTimeline>`, Assistants): the goal's. */
export const headlineApp = (): ExampleApp => ({
  name: 'example',
  label: "the root README's <RunTimeline> example",
  source: headlineExample(),
})

/** The components README's `<RunThread>` example on the Assistants wire (informational). */
export const threadApp = (): ExampleApp => ({
  name: 'thread',
  label: "the components README's <RunThread> example (Assistants wire)",
  source: threadExample(),
})

/** The component an example module exports (`export function App()`, `export function Chat()`). */
function exportedComponent(app: ExampleApp): string {
  const name = /^export function ([A-Z]\w*)/m.exec(app.source)?.[1]
  if (!name) throw new Error(`${app.name}: the example exports no component (export function Name)`)
  return name
}

/** Links the packages' dist into the work folder's node_modules, as an app installs them. */
function linkPackages() {
  ensureBuilt()
  mkdirSync(join(work, 'node_modules/@runline'), { recursive: true })
  for (const name of PACKAGES) {
    const link = join(work, `node_modules/@runline/${name}`)
    rmSync(link, { force: true })
    symlinkSync(join(repoRoot, `packages/${name}`), link)
  }
}

/** Builds the app with one example in it. */
async function buildExample(app: ExampleApp): Promise<Bundle> {
  const extra = `export { ${exportedComponent(app)} as Extra } from './App'\n`
  return viteBuild(writeApp(app.name, extra, app.source))
}

/** Builds the base app and the app with each of `apps` (default: the headline example). */
export async function buildBaseAnd(
  apps: readonly ExampleApp[] = [headlineApp()],
): Promise<{ base: Bundle; examples: Bundle[] }> {
  linkPackages()
  const base = await viteBuild(writeApp('base', 'export const Extra = () => null\n'))
  const examples: Bundle[] = []
  for (const app of apps) examples.push(await buildExample(app))
  return { base, examples }
}

// Each wire's fold and callback adapter (core's dist/responses/*, dist/assistants/* with text-append):
// what a page loads only with that wire (packages/core/src/test-utils/module-graph.ts names the same).
const FOLD_MODULES = {
  Responses:
    /\/packages\/core\/dist\/responses\/(reduce|append|items|copies|input-items|turn-items|callbacks|views|parts)\.js$/,
  Assistants: /\/packages\/core\/dist\/(assistants\/(reduce|callbacks|parts)|text-append)\.js$/,
}

/** A wire's fold modules in the chunks a bundle loads at start (core's dist path, relative). */
function foldModulesAtStart(bundle: Bundle, wire: keyof typeof FOLD_MODULES): string[] {
  return bundle.chunks
    .filter((chunk) => !chunk.lazy)
    .flatMap((chunk) => chunk.modules.map((module) => module.id))
    .filter((id) => FOLD_MODULES[wire].test(id))
    .map((id) => id.slice(id.indexOf('packages/core/')))
}

/** Prints, per wire, the fold modules a bundle loads at start ("none", or how many and which). */
export function printFoldsAtStart(bundle: Bundle): void {
  for (const wire of Object.keys(FOLD_MODULES) as (keyof typeof FOLD_MODULES)[]) {
    const fold = foldModulesAtStart(bundle, wire)
    console.log(
      `The ${wire} fold's modules at start: ${fold.length === 0 ? 'none' : `${fold.length} (${fold.join(', ')})`}`,
    )
  }
}
