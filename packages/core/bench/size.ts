// `pnpm size`: @runline/core's weight as an app bundles it: minified + gzip, eventsource-parser included,
// zustand excluded (apps share it with their own state code). Goal: <= 6 KB.
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const LIMIT = 6 * 1024
const entry = new URL('../src/index.ts', import.meta.url).pathname

async function measure(label: string, contents?: string) {
  const result = await build({
    ...(contents
      ? { stdin: { contents, resolveDir: new URL('../src/', import.meta.url).pathname, loader: 'ts' } }
      : { entryPoints: [entry] }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    external: ['zustand', 'zustand/*'],
  })
  const code = result.outputFiles[0]!.contents
  const gz = gzipSync(code, { level: 9 }).length
  console.log(
    `${label.padEnd(44)} ${String(code.length).padStart(7)} B min  ${String(gz).padStart(6)} B min+gzip`,
  )
  return gz
}

console.log('@runline/core size (esbuild --minify, gzip -9; eventsource-parser included, zustand external)\n')
const total = await measure('everything (index.ts)')
await measure(
  'stream → snapshots (parse, reduce, selectors, store)',
  `export { parseRunStream, readRunStream, reduceRun, initialRunState, createRunStore, selectTimeline, selectStatus, selectMessages, selectRunSteps } from './index.js'`,
)
await measure('client only', `export { createRunlineClient } from './index.js'`)
// The fixed part: the issue requires eventsource-parser for SSE, and it is a quarter of the budget alone.
await measure('eventsource-parser alone', `export { createParser } from 'eventsource-parser'`)
console.log(`\n${total <= LIMIT ? 'OK' : 'OVER'}: ${total} B of ${LIMIT} B`)
process.exitCode = total <= LIMIT ? 0 : 1
