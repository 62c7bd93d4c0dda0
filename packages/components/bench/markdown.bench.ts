/**
 * Does Runline's markdown lexer stay linear? Each input family is lexed at n and 4n characters; the
 * ratio of the two times should stay near 4 (quadratic work would show 16). Hostile families (floods
 * of unclosed openers, deep nesting) sit beside ordinary assistant text. marked (a devDependency,
 * the lexer it replaced) lexes the ordinary families too, for a ratio of the two.
 *
 *   node --expose-gc --import tsx packages/components/bench/markdown.bench.ts [--n 50000]
 *
 * Times are the best of 5 runs after a warm-up, each from a collected heap (`--expose-gc`; without
 * it the garbage of big inputs inflates their times); ratios, not absolute times, are the result.
 * On a busy machine they scatter (a 4n input's garbage outgrows the young generation, other
 * processes take the core): read several runs, or a quiet machine.
 */
import { Lexer } from 'marked'
import { lexMarkdown } from '../src/markdown/lex.js'

const at = process.argv.indexOf('--n')
const N = at > 0 ? Number(process.argv[at + 1]) || 50_000 : 50_000

const PROSE =
  'The **weather** in *Paris* is `18°C`; see [the forecast](https://example.com/paris "Forecast") or ' +
  'https://example.org/x. ~~Rain~~ later &amp; wind.\n'

/** Input families: a text of about `size` characters each. */
const FAMILIES: Record<string, { make: (size: number) => string; marked: boolean }> = {
  'prose paragraphs': { make: (size) => `${PROSE}\n`.repeat(size / (PROSE.length + 1)), marked: true },
  'loose list': { make: (size) => `- ${PROSE}\n`.repeat(size / (PROSE.length + 3)), marked: true },
  'code block': {
    make: (size) => `\`\`\`ts\n${'const x = a * b // *not em*\n'.repeat(size / 28)}\`\`\``,
    marked: true,
  },
  table: { make: (size) => `| a | b |\n|:--|--:|\n${'| *x* | `y` |\n'.repeat(size / 14)}`, marked: true },
  'unclosed [': { make: (size) => '[a'.repeat(size / 2), marked: false },
  'unclosed *': { make: (size) => '*a'.repeat(size / 2), marked: false },
  'rule of 3 runs': { make: (size) => 'a***b**'.repeat(size / 7), marked: false },
  'nested emphasis': { make: (size) => `${'*a '.repeat(size / 6)}b${' a*'.repeat(size / 6)}`, marked: false },
  'backtick runs': {
    make: (size) => Array.from({ length: size / 20 }, (_, i) => `${'`'.repeat((i % 30) + 1)}x`).join(''),
    marked: false,
  },
  'unclosed <!--': { make: (size) => '<!--'.repeat(size / 4), marked: false },
  'nested quotes': {
    make: (size) => Array.from({ length: size / 50 }, (_, i) => `${'>'.repeat(i % 90)} a`).join('\n'),
    marked: false,
  },
  'table header lines': { make: (size) => `${'a|b\n'.repeat(size / 4)}-|-`, marked: false },
}

// With --expose-gc, each run starts from a collected heap: a big input's garbage is not billed to the next.
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {})

function best(run: () => void): number {
  run()
  let fastest = Number.POSITIVE_INFINITY
  for (let i = 0; i < 5; i++) {
    collect()
    const start = performance.now()
    run()
    fastest = Math.min(fastest, performance.now() - start)
  }
  return fastest
}

const pad = (text: string, width: number) => text.padStart(width)
console.log(`Runline markdown lexer, n = ${N} characters (best of 5, ms)\n`)
console.log(
  `${'family'.padEnd(22)}${pad('n', 9)}${pad('4n', 9)}${pad('4n / n', 9)}${pad('marked n', 11)}${pad('ours/marked', 13)}`,
)
for (const [name, family] of Object.entries(FAMILIES)) {
  const small = family.make(N)
  const large = family.make(4 * N)
  const ours = best(() => lexMarkdown(small))
  const ours4 = best(() => lexMarkdown(large))
  const theirs = family.marked ? best(() => Lexer.lex(small, { gfm: true })) : Number.NaN
  const cells = [
    pad(ours.toFixed(2), 9),
    pad(ours4.toFixed(2), 9),
    pad((ours4 / ours).toFixed(1), 9),
    pad(family.marked ? theirs.toFixed(2) : '-', 11),
    pad(family.marked ? (ours / theirs).toFixed(2) : '-', 13),
  ]
  console.log(`${name.padEnd(22)}${cells.join('')}`)
}
console.log('\nLinear work keeps 4n / n near 4 (16 would be quadratic).')
