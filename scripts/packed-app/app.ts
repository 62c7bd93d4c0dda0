// The stranger's app: a fresh Vite + React project made from the root README's example, with every
// README example that is not marked `fragment` as a module of its own, and a file with two misspellings.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { headlineExample, READMES, readmeBlocks } from '../readme-blocks.js'
import type { Tarballs } from './tarballs.js'
import { check, PACKAGES, phase, sh, versionOf } from './util.js'

export interface AppVariant {
  label: string
  dir: string
  /** Versions of react, react-dom and their types; the repository's own when absent. */
  react?: { react: string; types: string }
}

/** A host page's own rules, the kind that used to reach into the kit. */
export const HOST_CSS = `ul { list-style: none; padding: 0; }
code { color: crimson; background: yellow; }
button { text-transform: uppercase; }
`

/** Line 2: `baseUrl` misspelled; line 3: a field of openai's `Run` misspelled. Both must be errors. */
const MISSPELLED = `import { createRunlineClient, initialRunState, selectRun } from '@runline/core'
createRunlineClient({ baseURL: '/api/v1' })
export const status = selectRun(initialRunState)?.statuz
`

/** The host page's own light-only button, whose colour must not change with the kit's scheme. */
export const HOST_NOTE =
  '<p>A light-only host page: <button id="host-button" type="button">Host button</button></p>'

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Packed app</title></head>
  <body>
    ${HOST_NOTE}
    <div id="root"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`

const MAIN_TSX = `import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './host.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
`

const COMPILER_OPTIONS = {
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

/** Writes the app; returns how many README examples it compiles. */
export function writeApp(app: AppVariant, tarballs: Tarballs, apiUrl: string): number {
  const { dir } = app
  for (const sub of ['docs', 'misspelled', 'src']) {
    rmSync(join(dir, sub), { recursive: true, force: true })
    mkdirSync(join(dir, sub), { recursive: true })
  }
  const dependencies: Record<string, string> = Object.fromEntries(
    PACKAGES.map((name) => [`@runline/${name}`, `file:${tarballs[name]}`]),
  )
  dependencies.react = app.react?.react ?? versionOf('react')
  dependencies['react-dom'] = app.react?.react ?? versionOf('react-dom')
  dependencies['@tanstack/react-query'] = versionOf('@tanstack/react-query')
  dependencies.openai = '^6.0.0 || ^7.0.0' // what the packages declare; npm picks by Node's engines
  const devDependencies: Record<string, string> = Object.fromEntries(
    ['typescript', 'vite', '@vitejs/plugin-react', '@types/node'].map((name) => [name, versionOf(name)]),
  )
  devDependencies['@types/react'] = app.react?.types ?? versionOf('@types/react')
  devDependencies['@types/react-dom'] = app.react?.types ?? versionOf('@types/react-dom')
  const manifest = {
    name: 'runline-packed-app',
    private: true,
    type: 'module',
    dependencies,
    devDependencies,
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  const tsconfig = {
    compilerOptions: COMPILER_OPTIONS,
    include: ['src', 'docs', 'misspelled', 'vite.config.ts'],
  }
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`)
  writeFileSync(join(dir, 'misspelled/misspelled.ts'), MISSPELLED)
  writeFileSync(join(dir, 'index.html'), INDEX_HTML)
  writeFileSync(join(dir, 'src/App.tsx'), headlineExample())
  writeFileSync(join(dir, 'src/host.css'), HOST_CSS)
  writeFileSync(join(dir, 'src/main.tsx'), MAIN_TSX)
  let compiled = 0
  for (const readme of READMES) {
    const blocks = readmeBlocks(readme)
    const mine = blocks.filter((block) => !block.fragment)
    if (blocks.length) check(mine.length > 0, `${readme} keeps at least one example that compiles`)
    for (const block of mine) {
      const name = `${readme.replace(/\/README\.md$|\.md$/, '').replace(/\W+/g, '-')}-L${block.line}.${block.lang}`
      writeFileSync(join(dir, 'docs', name), `${block.code}\n`)
      compiled++
    }
  }
  // The README's own Vite config, pointed at this run's server.
  const vite = readmeBlocks('README.md').find((block) => block.code.includes('// vite.config.ts'))
  check(vite?.code.includes("'http://127.0.0.1:8787'"), "the README's vite.config.ts forwards /api to 8787")
  writeFileSync(join(dir, 'vite.config.ts'), vite!.code.replace("'http://127.0.0.1:8787'", `'${apiUrl}'`))
  return compiled
}

/** npm install, tsc (only the two misspellings may fail), vite build. */
export async function installTypecheckBuild(app: AppVariant, compiled: number): Promise<void> {
  const { dir, label } = app
  // Old tarballs' integrity would not match: let npm resolve them again, keep the rest installed.
  rmSync(join(dir, 'package-lock.json'), { force: true })
  rmSync(join(dir, 'node_modules/@runline'), { recursive: true, force: true })
  await phase(`${label}: npm install (tarballs + declared peers)`, () =>
    sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], dir),
  )
  const version = (name: string) =>
    JSON.parse(readFileSync(join(dir, `node_modules/${name}/package.json`), 'utf8')).version as string
  console.log(`  node ${process.version}: react ${version('react')}, openai ${version('openai')}`)
  await phase(
    `${label}: tsc, the app + ${compiled} README examples + 2 misspellings (strict, skipLibCheck: false)`,
    async () => {
      const out = await sh(join(dir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], dir).then(
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
  await phase(`${label}: vite build`, () => sh(join(dir, 'node_modules/.bin/vite'), ['build'], dir))
  const css = readdirSync(join(dir, 'dist/assets')).filter((f) => f.endsWith('.css'))
  const lowered = css.some((f) =>
    readFileSync(join(dir, 'dist/assets', f), 'utf8').includes('--lightningcss-'),
  )
  console.log(`  built CSS: light-dark() ${lowered ? 'lowered by lightningcss' : 'kept as is'}`)
}
