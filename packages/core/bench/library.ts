// The library the benchmarks time: @runline/core as it ships (its built `dist/`, what npm installs), not
// its sources through tsx. tsx compiles with esbuild's `keepNames`, which wraps every named function
// and closure in a `__name(...)` call: each stream's own closures (the decoder's, the iterator's, the
// store's) then cost a call apiece that the shipped code never makes, which on the real recordings'
// short streams was a third of the time above the floor, and made it jump between runs. The root
// scripts build core before a bench (`pnpm bench`, `pnpm bench:responses`).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dist = new URL('../dist/index.js', import.meta.url)
if (!existsSync(fileURLToPath(dist))) {
  throw new Error('packages/core/dist is missing: run `pnpm --filter @runline/core run build` first')
}

/** @runline/core's public API, loaded from its build (typed by its sources, which it is built from). */
export const core: typeof import('../src/index.js') = await import(dist.href)
