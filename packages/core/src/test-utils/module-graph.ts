// The module graph as a bundler's start chunk sees it: the modules an entry reaches through static value
// imports and re-exports (type-only imports and dynamic `import()` left out), across the packages'
// `src`, an import of `@runline/core`, `/hooks` or `/components` followed to the modules its names come
// from. The tests that keep the wires' folds out of a page's start chunk walk it.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** packages/, the root of the paths the walk reports (`core/src/store.ts`). */
const packagesDir = join(dirname(fileURLToPath(import.meta.url)), '../../..')

/** The packages whose imports the walk follows, by name: their `src/index.ts`. */
const INDEXES: Readonly<Record<string, string>> = Object.fromEntries(
  ['core', 'hooks', 'components'].map((name) => [
    `@runline/${name}`,
    join(packagesDir, name, 'src/index.ts'),
  ]),
)

/** The Responses fold and its callback adapter (core's): what an Assistants-wire start chunk must not hold. */
export const FOLD_MODULES: readonly string[] = [
  'parts',
  'reduce',
  'append',
  'items',
  'copies',
  'input-items',
  'turn-items',
  'callbacks',
  'views',
].map((name) => `core/src/responses/${name}.ts`)

/** The Assistants fold and its callback adapter (core's): what a run view's start chunk must not hold (the wire brings them). */
export const ASSISTANTS_FOLD_MODULES: readonly string[] = [
  'core/src/assistants/parts.ts',
  'core/src/assistants/reduce.ts',
  'core/src/assistants/callbacks.ts',
  'core/src/text-append.ts',
]

// `import … from '…'`, `export … from '…'` and `import '…'`, over several lines; group 1 marks `type`.
const STATIC_IMPORT = /^(?:import|export)\s+(type\s+)?(?:([^'"]*?)\s*from\s+)?'([^']+)'/gm

/** The value names of an import or re-export clause (`{ a, type B, c as d }`); null for `* as x` or a default. */
function valueNames(clause: string): string[] | null {
  const braces = /^\{([^}]*)\}$/.exec(clause.trim())
  if (!braces) return null
  return braces[1]!
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !part.startsWith('type '))
    .map((part) => part.split(/\s+as\s+/)[0]!.trim())
}

/** The source file a relative specifier names (`./x.js` is `./x.ts` or `./x.tsx`). */
function resolveRelative(from: string, specifier: string): string {
  const base = join(dirname(from), specifier).replace(/\.js$/, '')
  const file = [`${base}.ts`, `${base}.tsx`].find((candidate) => existsSync(candidate))
  if (!file) throw new Error(`${relative(packagesDir, from)}: cannot resolve '${specifier}'`)
  return file
}

/** Which module each name a package's index exports comes from (its `export { … } from`, followed). */
function exportsOf(index: string): Map<string, string> {
  const names = new Map<string, string>()
  for (const match of readFileSync(index, 'utf8').matchAll(STATIC_IMPORT)) {
    const [, typeOnly, clause, specifier] = match
    if (typeOnly || !clause) continue
    // A re-export of another package's names (hooks re-exports core's `isRunlineError`): where they come from there.
    const other = INDEXES[specifier!] ? exportsOf(INDEXES[specifier!]!) : null
    if (!other && !specifier!.startsWith('.')) continue
    for (const name of valueNames(clause) ?? []) {
      const from = other ? other.get(name) : resolveRelative(index, specifier!)
      if (from) names.set(name, from)
    }
  }
  return names
}

/**
 * The modules `entries` (paths under packages/, e.g. `hooks/src/thread-histories.ts`) reach through
 * static value imports, as paths under packages/. An import of `@runline/core` (`/hooks`,
 * `/components`) reaches the modules its value names come from (a namespace import: the whole
 * index); other packages are not followed.
 */
export function reachedFrom(...entries: string[]): Set<string> {
  const exported = new Map<string, Map<string, string>>()
  const seen = new Set<string>()
  const queue = entries.map((entry) => join(packagesDir, entry))
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const [, typeOnly, clause, specifier] = match
      if (typeOnly) continue
      if (specifier!.startsWith('.')) {
        queue.push(resolveRelative(file, specifier!))
        continue
      }
      const index = INDEXES[specifier!]
      if (!index) continue
      const names = clause ? valueNames(clause) : null
      if (names === null) queue.push(index)
      if (!exported.has(index)) exported.set(index, exportsOf(index))
      for (const name of names ?? []) {
        const from = exported.get(index)!.get(name)
        if (!from) throw new Error(`${relative(packagesDir, file)}: ${specifier} exports no '${name}'`)
        queue.push(from)
      }
    }
  }
  return new Set([...seen].map((file) => relative(packagesDir, file)))
}
