import { describe, expect, it } from 'vitest'
import {
  headlineExample,
  importedPackages,
  nextRouteExample,
  READMES,
  readmeBlocks,
  readmeInstalls,
} from './readme-blocks.js'

// The compiling itself happens against the packed packages in scripts/packed-app-check.ts (pnpm test:packed);
// these are the cheap promises about the READMEs that `pnpm test` can keep.
describe('README examples', () => {
  it.each(READMES)(
    '%s: every ts/tsx block is compiled or marked fragment, at least one compiled',
    (readme) => {
      const blocks = readmeBlocks(readme)
      if (blocks.length === 0) return
      expect(blocks.filter((block) => !block.fragment).length).toBeGreaterThan(0)
      for (const block of blocks.filter((b) => !b.fragment)) {
        // A compiled block is a module of its own: it imports what it uses.
        expect(block.code, `${readme}:${block.line}`).toMatch(/^(\/\/.*\n)*import /)
      }
    },
  )

  it("the root README's headline example works as pasted: no hard-coded thread id", () => {
    const example = headlineExample()
    expect(example).not.toMatch(/thread_[A-Za-z0-9]/)
    expect(example).toContain('<RunTimeline run={run} />')
    expect(example).toContain('useRunStream(')
  })

  it("the root README's `npm i` lines install every package its app examples import (example, Next.js route)", () => {
    const installed = readmeInstalls().map((install) => install.name)
    // Packages reached only through another one's dependencies work with npm by accident and fail with pnpm.
    for (const code of [headlineExample(), nextRouteExample().code]) {
      for (const name of importedPackages(code)) expect(installed, name).toContain(name)
    }
  })
})
