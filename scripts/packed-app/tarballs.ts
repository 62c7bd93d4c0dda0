// Build, pack and inspect the five public packages' tarballs.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from '../readme-blocks.js'
import { check, PACKAGES, type PackageName, phase, sh } from './util.js'

export type Tarballs = Record<PackageName, string>

/** Where every package's npm page links: the repository, the package's folder in it, its issues. */
const REPOSITORY = 'https://github.com/runline/runline'

interface Links {
  repository?: { type?: string; url?: string; directory?: string }
  homepage?: string
  bugs?: { url?: string }
}

function checkLinks(name: PackageName, manifest: Links): void {
  const { repository, homepage, bugs } = manifest
  check(
    repository?.type === 'git' &&
      repository.url === `git+${REPOSITORY}.git` &&
      repository.directory === `packages/${name}`,
    `@runline/${name}: repository { git, ${REPOSITORY}, packages/${name} } (${JSON.stringify(repository)})`,
  )
  check(
    homepage === `${REPOSITORY}/tree/main/packages/${name}#readme`,
    `@runline/${name}: homepage is its README (${homepage})`,
  )
  check(bugs?.url === `${REPOSITORY}/issues`, `@runline/${name}: bugs.url (${JSON.stringify(bugs)})`)
}

export async function buildAndPack(packsDir: string, build: boolean): Promise<Tarballs> {
  if (build) {
    await phase('pnpm build (packages)', () =>
      sh('pnpm', ['-r', '--filter', './packages/*', 'run', 'build'], repoRoot),
    )
  }
  rmSync(packsDir, { recursive: true, force: true })
  mkdirSync(packsDir, { recursive: true })
  const filters = PACKAGES.flatMap((name) => ['--filter', `./packages/${name}`])
  await phase('pnpm pack (five public packages)', () =>
    sh('pnpm', ['-r', ...filters, 'pack', '--pack-destination', packsDir], repoRoot),
  )
  const tarballs = {} as Tarballs
  for (const name of PACKAGES) {
    const file = readdirSync(packsDir).find((f) => f.startsWith(`runline-${name}-`) && f.endsWith('.tgz'))
    check(file, `a tarball for @runline/${name}`)
    tarballs[name] = join(packsDir, file!)
  }
  await phase('tarballs: dist, README, LICENSE, repository/homepage/bugs, no tests; use client kept', () =>
    checkTarballs(packsDir, tarballs),
  )
  return tarballs
}

async function checkTarballs(packsDir: string, tarballs: Tarballs): Promise<void> {
  for (const name of PACKAGES) {
    const tarball = tarballs[name]
    const files = (await sh('tar', ['tzf', tarball], packsDir)).split('\n').filter(Boolean)
    for (const needed of ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts']) {
      check(files.includes(`package/${needed}`), `@runline/${name} ships ${needed}`)
    }
    const stray = files.filter((f) => /test-utils\/|\.test\.tsx?$|\.stories\.tsx?$|\/fixtures\//.test(f))
    check(stray.length === 0, `@runline/${name} ships no tests or test utilities (found ${stray.join(', ')})`)
    const unpacked = join(packsDir, name)
    rmSync(unpacked, { recursive: true, force: true })
    mkdirSync(unpacked)
    await sh('tar', ['xzf', tarball, '-C', unpacked], packsDir)
    const manifest = JSON.parse(readFileSync(join(unpacked, 'package/package.json'), 'utf8'))
    check(manifest.license === 'MIT', `@runline/${name}: license MIT`)
    const packed = (file: string) => readFileSync(join(unpacked, 'package', file), 'utf8')
    check(
      packed('LICENSE') === readFileSync(join(repoRoot, 'LICENSE'), 'utf8'),
      `@runline/${name}: the MIT LICENSE`,
    )
    const readme = readFileSync(join(repoRoot, `packages/${name}/README.md`), 'utf8')
    check(packed('README.md') === readme, `@runline/${name}: its own README.md`)
    checkLinks(name, manifest)
    check(!JSON.stringify(manifest).includes('workspace:'), `@runline/${name}: no workspace: ranges left`)
    if (name === 'components') {
      check(files.includes('package/dist/styles.css'), '@runline/components ships dist/styles.css')
      // Every source module marked 'use client' keeps the directive in its packed dist file.
      const marked = await sh('grep', ['-rlx', "'use client'", 'src'], join(repoRoot, 'packages/components'))
      for (const source of marked.split('\n').filter((f) => f && !f.includes('.test.'))) {
        const dist = source.replace(/^src\//, 'package/dist/').replace(/\.tsx?$/, '.js')
        const first = readFileSync(join(unpacked, dist), 'utf8').split('\n')[0]
        check(/^['"]use client['"];?$/.test(first ?? ''), `${dist} starts with 'use client'`)
      }
    }
  }
}
