// The TypeScript examples of the READMEs, for the checks that compile them (scripts/packed-app-check.ts)
// and measure the headline one (scripts/size.ts). A ```ts / ```tsx block is compiled unless its fence
// says `fragment` (```tsx fragment): a visible mark for excerpts that lean on code around them.
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('..', import.meta.url))

/** Every README whose examples are checked. */
export const READMES = [
  'README.md',
  'packages/core/README.md',
  'packages/hooks/README.md',
  'packages/components/README.md',
  'packages/proxy/README.md',
  'packages/simulator/README.md',
  'apps/server/README.md',
  'apps/demo/README.md',
] as const

export interface CodeBlock {
  /** README path relative to the repository root. */
  readme: string
  /** 1-based line of the opening fence. */
  line: number
  lang: 'ts' | 'tsx'
  fragment: boolean
  code: string
}

const TS_LANGS: Record<string, 'ts' | 'tsx'> = { ts: 'ts', typescript: 'ts', tsx: 'tsx' }

/** The ```ts / ```tsx blocks of one README (other languages are not TypeScript and are skipped). */
export function readmeBlocks(readme: string): CodeBlock[] {
  const path = `${repoRoot}${readme}`
  const lines = readFileSync(path, 'utf8').split('\n')
  const blocks: CodeBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})\s*(\S*)\s*(.*)$/.exec(lines[i]!)
    if (!open) continue
    const [, indent, fence, lang = '', rest = ''] = open
    const end = lines.findIndex((line, j) => j > i && line.trim() === fence)
    if (end < 0) throw new Error(`${readme}:${i + 1}: unclosed code fence`)
    const kind = TS_LANGS[lang]
    if (kind) {
      const code = lines
        .slice(i + 1, end)
        .map((line) => (line.startsWith(indent!) ? line.slice(indent!.length) : line))
        .join('\n')
      blocks.push({
        readme: relative(repoRoot, path),
        line: i + 1,
        lang: kind,
        fragment: /\bfragment\b/.test(rest),
        code,
      })
    }
    i = end
  }
  return blocks
}

/** The root README's headline example: the first tsx block under "`<RunTimeline>` in an app". */
export function headlineExample(): string {
  const text = readFileSync(`${repoRoot}README.md`, 'utf8')
  const section = text.indexOf('## `<RunTimeline>` in an app')
  if (section < 0) throw new Error('README.md: no "## `<RunTimeline>` in an app" section')
  const line = text.slice(0, section).split('\n').length
  const block = readmeBlocks('README.md').find((b) => b.line > line && b.lang === 'tsx')
  if (!block) throw new Error('README.md: no tsx block in the "<RunTimeline> in an app" section')
  return block.code
}
