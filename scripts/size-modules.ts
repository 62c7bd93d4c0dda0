// `pnpm size:modules`: which modules make up each package's share of `pnpm size`'s example app (the
// root README's headline example; `pnpm size:modules --thread`: the components README's Assistants
// <RunThread> example), split into the code loaded at start and the code loaded later (dynamic imports). Per module: its minified
// bytes, and what it adds to the package's gzip (the package's modules minified and gzipped together,
// minus the same without this module), so small modules are not charged a whole gzip header each.
import { relative } from 'node:path'
import { repoRoot } from './readme-blocks.js'
import {
  type BundledModule,
  buildBaseAnd,
  gzip,
  headlineApp,
  kb,
  minify,
  printFoldsAtStart,
  threadApp,
} from './size/bundle.js'

const app = process.argv.includes('--thread') ? threadApp() : headlineApp()
const {
  examples: [example],
} = await buildBaseAnd([app])
if (!example) throw new Error('no example built')
console.log(`Modules of ${app.label}`)
const skip = new Set(['react', 'react-query', 'app'])
const groups = new Map<string, BundledModule[]>()
for (const chunk of example.chunks) {
  for (const module of chunk.modules) {
    if (skip.has(module.pkg) || !module.code.trim()) continue
    const key = `${module.pkg}${chunk.lazy ? ` (later: ${chunk.name})` : ' (at start)'}`
    groups.set(key, [...(groups.get(key) ?? []), module])
  }
}
const bytes = (n: number) => `${n}`.padStart(7)
for (const [key, modules] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
  const minified = await Promise.all(modules.map((module) => minify(module.code)))
  const whole = gzip(minified.join('\n'))
  const rows = modules.map((module, i) => ({
    path: relative(repoRoot, module.id).replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, ''),
    min: minified[i]!.length,
    added: whole - gzip(minified.filter((_, j) => j !== i).join('\n')),
  }))
  rows.sort((a, b) => b.added - a.added)
  console.log(`\n${key}: ${kb(whole)} gzip, ${modules.length} modules`)
  console.log(`${'minified'.padStart(8)} ${'+gzip'.padStart(7)}  module`)
  for (const row of rows) console.log(` ${bytes(row.min)} ${bytes(row.added)}  ${row.path}`)
}
console.log('')
printFoldsAtStart(example)
