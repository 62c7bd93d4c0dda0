import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** apps/demo, absolute. */
export const DEMO_DIR = fileURLToPath(new URL('..', import.meta.url))
/** The built demo apps/server serves at `/`. */
export const DEMO_DIST = join(DEMO_DIR, 'dist')
const REPO = join(DEMO_DIR, '..', '..')

// Everything that ends up in the bundle: the demo itself and the packages it is built from.
const INPUTS = [
  join(DEMO_DIR, 'src'),
  join(DEMO_DIR, 'public'),
  join(DEMO_DIR, 'index.html'),
  join(DEMO_DIR, 'vite.config.ts'),
  ...['core', 'hooks', 'components'].map((name) => join(REPO, 'packages', name, 'src')),
]

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** True when `dist/index.html` is missing or older than any source file the bundle is made from. */
export function demoBuildIsStale(): boolean {
  const index = join(DEMO_DIST, 'index.html')
  if (!existsSync(index)) return true
  const built = statSync(index).mtimeMs
  return INPUTS.some((input) => newestMtime(input) > built)
}

/**
 * Builds the demo (`vite build` → apps/demo/dist) when it is stale. `RUNLINE_DEMO_REBUILD=1` always
 * builds, `=0` never does (use the dist as it is). Returns whether it built.
 */
export async function ensureDemoBuilt(log: (line: string) => void = console.log): Promise<boolean> {
  const mode = process.env.RUNLINE_DEMO_REBUILD
  if (mode === '0' || (mode !== '1' && !demoBuildIsStale())) return false
  const started = performance.now()
  const { build } = await import('vite')
  await build({ configFile: join(DEMO_DIR, 'vite.config.ts'), root: DEMO_DIR, logLevel: 'warn' })
  log(`built apps/demo/dist in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return true
}
