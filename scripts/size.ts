// `pnpm size`: what the root README's <RunTimeline> example adds to a Vite app over React + React Query.
// Two real `vite build`s of the packages' dist (as an app installs them, scripts/size/bundle.ts): a base
// app (React, React DOM, React Query in use) and the same app with the README's example, gzip -9 of the
// JS and CSS loaded at start, subtracted. Chunks loaded later (dynamic imports: the markdown lexer, the
// Responses rows, Foundry's cards, the approval form, the hooks' Responses wire with core's Responses fold)
// are listed apart and not counted against the goal. All but one load only when a run shows what needs
// them; the markdown lexer's is fetched in idle time once a timeline has mounted (warm-up.ts), so the
// first message with markdown streams without waiting for it. Each package's figure is its code as the
// bundle has it (after tree-shaking), minified and gzipped alone, at start and later. `pnpm size:modules`
// breaks it down by module.
// Goal: <= 25 KB of JS added at start.
import { buildBaseAndExample, gzip, kb, minify } from './size/bundle.js'

/** For the JS loaded at start (the CSS is printed beside it). */
const GOAL = 25 * 1024

const { base, example } = await buildBaseAndExample()
const addedJs = example.initialJs - base.initialJs
const addedCss = example.initialCss - base.initialCss
console.log("What the README's <RunTimeline> example adds to a Vite app over React + React Query")
console.log('(vite build of the packages as an app installs them, minified, gzip -9)\n')
const row = (label: string, a: string, b: string, c: string) =>
  console.log(`${label.padEnd(34)}${a.padStart(10)}${b.padStart(12)}${c.padStart(12)}`)
row('', 'base', 'example', 'added')
row('JS loaded at start', kb(base.initialJs), kb(example.initialJs), kb(addedJs))
row('CSS', kb(base.initialCss), kb(example.initialCss), kb(addedCss))
row('total at start', '', '', kb(addedJs + addedCss))
const lazyChunks = example.chunks.filter((chunk) => chunk.lazy)
for (const chunk of lazyChunks) row(`later, by import(): ${chunk.name}`, '', kb(chunk.gzip), '')
const lazyTotal = lazyChunks.reduce((sum, chunk) => sum + chunk.gzip, 0)
if (lazyChunks.length) row('later, all chunks', '', kb(lazyTotal), '')

console.log('\nBy package (its code as bundled, after tree-shaking, minified and gzipped alone):')
console.log(`${''.padEnd(26)}${'at start'.padStart(9)}${'later'.padStart(10)}`)
const code = new Map<string, { start: string; later: string }>()
for (const chunk of example.chunks) {
  for (const module of chunk.modules) {
    if (['react', 'react-query', 'app'].includes(module.pkg)) continue
    const entry = code.get(module.pkg) ?? { start: '', later: '' }
    if (chunk.lazy) entry.later += `${module.code}\n`
    else entry.start += `${module.code}\n`
    code.set(module.pkg, entry)
  }
}
const size = async (text: string) => (text.trim() ? kb(gzip(await minify(text))) : '-')
for (const [name, { start, later }] of code) {
  const css = name === '@runline/components' ? `  + ${kb(example.initialCss)} CSS` : ''
  console.log(
    `  ${name.padEnd(24)}${(await size(start)).padStart(9)}${(await size(later)).padStart(10)}${css}`,
  )
}
const verdict = addedJs <= GOAL ? 'OK' : 'OVER'
const lexer = lazyChunks.find((chunk) => chunk.name === 'lexed-block')
const later = lexer
  ? `; ${kb(lazyTotal)} more loads later: the markdown lexer (${kb(lexer.gzip)}) in idle time once a timeline has mounted, the rest only when a run shows what needs it`
  : `; ${kb(lazyTotal)} more loads later, only when a run shows what needs it`
console.log(
  `\n${verdict}: ${kb(addedJs)} of JS (+ ${kb(addedCss)} CSS) added at start, goal ≤ ${kb(GOAL)} of JS` +
    (lazyChunks.length ? later : ''),
)
process.exitCode = addedJs <= GOAL ? 0 : 1
