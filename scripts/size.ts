// `pnpm size`: what the root README's <RunTimeline> example adds to a Vite app over React + React Query,
// and (informational) what the components README's Assistants <RunThread> example adds.
// Real `vite build`s of the packages' dist (as an app installs them, scripts/size/bundle.ts): a base
// app (React, React DOM, React Query in use) and the same app with each example, gzip -9 of the
// JS and CSS loaded at start, subtracted. Chunks loaded later (dynamic imports: the markdown lexer, the
// Responses rows, Foundry's cards, the approval form, the hooks' wires — the Responses one with core's
// Responses fold —, the client's stream reader and poll loop) are listed apart and not counted against
// the goal. Most load only when a run shows what needs them. Three are fetched in idle time so that
// nothing waits for them: the markdown lexer's once a timeline has mounted (warm-up.ts), the wire's and
// the stream reader's once a `useRunStream` has mounted (run-controller.ts), so the first Send does not. Each package's figure is its code as the
// bundle has it (after tree-shaking), minified and gzipped alone, at start and later. Each example's
// start chunks are also checked for each wire's fold (core's dist/responses/*, dist/assistants/*): the
// headline example loads its wire's with the wire, so neither at start; an Assistants <RunThread> draws
// its history with the Assistants fold at start, and must not load the Responses one. `pnpm size:modules` (`--thread`) breaks it down by module.
// Goal (the headline example): <= 25 KB of JS added at start.
import {
  type Bundle,
  buildBaseAnd,
  gzip,
  headlineApp,
  kb,
  minify,
  printFoldsAtStart,
  threadApp,
} from './size/bundle.js'

/** For the JS loaded at start (the CSS is printed beside it). */
const GOAL = 25 * 1024

const apps = [headlineApp(), threadApp()]
const {
  base,
  examples: [example, thread],
} = await buildBaseAnd(apps)
if (!example || !thread) throw new Error('an example was not built')

const row = (label: string, a: string, b: string, c: string) =>
  console.log(`${label.padEnd(34)}${a.padStart(10)}${b.padStart(12)}${c.padStart(12)}`)
const size = async (text: string) => (text.trim() ? kb(gzip(await minify(text))) : '-')

/** Prints what one example adds at start, what loads later, each package's share and the fold check. */
async function report(title: string, column: string, bundle: Bundle): Promise<{ js: number; css: number }> {
  const js = bundle.initialJs - base.initialJs
  const css = bundle.initialCss - base.initialCss
  console.log(title)
  console.log('(vite build of the packages as an app installs them, minified, gzip -9)\n')
  row('', 'base', column, 'added')
  row('JS loaded at start', kb(base.initialJs), kb(bundle.initialJs), kb(js))
  row('CSS', kb(base.initialCss), kb(bundle.initialCss), kb(css))
  row('total at start', '', '', kb(js + css))
  const lazy = bundle.chunks.filter((chunk) => chunk.lazy)
  for (const chunk of lazy) row(`later, by import(): ${chunk.name}`, '', kb(chunk.gzip), '')
  if (lazy.length) row('later, all chunks', '', kb(lazy.reduce((sum, chunk) => sum + chunk.gzip, 0)), '')

  console.log('\nBy package (its code as bundled, after tree-shaking, minified and gzipped alone):')
  console.log(`${''.padEnd(26)}${'at start'.padStart(9)}${'later'.padStart(10)}`)
  const code = new Map<string, { start: string; later: string }>()
  for (const chunk of bundle.chunks) {
    for (const module of chunk.modules) {
      if (['react', 'react-query', 'app'].includes(module.pkg)) continue
      const entry = code.get(module.pkg) ?? { start: '', later: '' }
      if (chunk.lazy) entry.later += `${module.code}\n`
      else entry.start += `${module.code}\n`
      code.set(module.pkg, entry)
    }
  }
  for (const [name, { start, later }] of code) {
    const extra = name === '@runline/components' ? `  + ${kb(bundle.initialCss)} CSS` : ''
    console.log(
      `  ${name.padEnd(24)}${(await size(start)).padStart(9)}${(await size(later)).padStart(10)}${extra}`,
    )
  }
  console.log('')
  printFoldsAtStart(bundle)
  return { js, css }
}

const added = await report(
  `What ${apps[0]!.label} adds to a Vite app over React + React Query`,
  'example',
  example,
)
console.log(`\n${'-'.repeat(80)}\n`)
const threadAdded = await report(
  `Informational: what ${apps[1]!.label} adds to the same app`,
  'thread',
  thread,
)

const verdict = added.js <= GOAL ? 'OK' : 'OVER'
const lazyChunks = example.chunks.filter((chunk) => chunk.lazy)
const lazyTotal = lazyChunks.reduce((sum, chunk) => sum + chunk.gzip, 0)
// Fetched in idle time once mounted (see the top comment); the other chunks only when a run needs them.
const IDLE_CHUNKS: Record<string, string> = {
  'lexed-block': 'the markdown lexer',
  assistants: 'the Assistants wire',
  stream: "the client's stream reader",
}
const idle = lazyChunks.filter((chunk) => chunk.name in IDLE_CHUNKS)
const idleTotal = idle.reduce((sum, chunk) => sum + chunk.gzip, 0)
const later = idle.length
  ? `; ${kb(lazyTotal)} more loads later: ${kb(idleTotal)} in idle time once mounted (${idle.map((chunk) => `${IDLE_CHUNKS[chunk.name]} ${kb(chunk.gzip)}`).join(', ')}), the rest only when a run shows what needs it`
  : `; ${kb(lazyTotal)} more loads later, only when a run shows what needs it`
console.log(
  `\n${verdict}: ${kb(added.js)} of JS (+ ${kb(added.css)} CSS) added at start, goal ≤ ${kb(GOAL)} of JS` +
    (lazyChunks.length ? later : ''),
)
console.log(
  `(<RunThread>, informational: ${kb(threadAdded.js)} of JS (+ ${kb(threadAdded.css)} CSS) added at start)`,
)
process.exitCode = added.js <= GOAL ? 0 : 1
