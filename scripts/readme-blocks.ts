// The TypeScript examples of the READMEs, for the checks that compile them (scripts/packed-app-check.ts)
// and measure the headline one and the <RunThread> one (scripts/size.ts). A ```ts / ```tsx block is compiled unless its fence
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

/**
 * The components README's `<RunThread>` example on the Assistants wire: the first compiled tsx block
 * under its "`<RunThread …/>`" section (the Responses wire's example comes after it, with `wire="responses"`).
 */
export function threadExample(): string {
  const readme = 'packages/components/README.md'
  const text = readFileSync(`${repoRoot}${readme}`, 'utf8')
  const section = text.indexOf('### `<RunThread')
  if (section < 0) throw new Error(`${readme}: no "### \`<RunThread" section`)
  const line = text.slice(0, section).split('\n').length
  const block = readmeBlocks(readme).find(
    (b) => b.line > line && b.lang === 'tsx' && !b.fragment && b.code.includes('<RunThread'),
  )
  if (!block || block.code.includes('wire="responses"')) {
    throw new Error(`${readme}: the first tsx block under "<RunThread>" is not an Assistants <RunThread> app`)
  }
  return block.code
}

/** The root README's Next.js route handler on the in-process simulator (its first line names the file). */
export function nextRouteExample(): CodeBlock {
  const block = readmeBlocks('README.md').find((b) => b.code.includes('createSimulator({'))
  if (!block?.code.startsWith('// app/api/v1/[...path]/route.ts')) {
    throw new Error(
      "README.md: no Next.js route block ('// app/api/v1/[...path]/route.ts' with createSimulator)",
    )
  }
  return block
}

/** A package the root README tells an app to install (`npm i …`, or `npm i -D …` for `dev`). */
export interface ReadmeInstall {
  name: string
  dev: boolean
}

/** The root README's `npm i` commands for an app (the global `npm i -g` is the repository's, not an app's). */
export function readmeInstalls(): ReadmeInstall[] {
  const installs: ReadmeInstall[] = []
  for (const line of readFileSync(`${repoRoot}README.md`, 'utf8').split('\n')) {
    const command = /^npm i(?:nstall)? ([^#]*)/.exec(line.trim())?.[1]?.trim().split(/\s+/)
    if (!command || command.includes('-g')) continue
    const dev = command.includes('-D')
    for (const name of command.filter((word) => !word.startsWith('-'))) installs.push({ name, dev })
  }
  return installs
}

/** The packages a module imports: `@scope/name` or `name`, subpaths dropped; relative and `node:` left out. */
export function importedPackages(code: string): string[] {
  const specifiers = [...code.matchAll(/\b(?:from|import)\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!)
  const packages = specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:'))
    .map((s) =>
      s
        .split('/')
        .slice(0, s.startsWith('@') ? 2 : 1)
        .join('/'),
    )
  return [...new Set(packages)]
}
