// What a run view's start chunk holds: `useRunStream` and `<RunTimeline>` reach neither wire's fold
// (nor the client's stream reader); the run's wire brings its fold when it loads, on first use or in
// idle time. Walked over the packages' sources as a bundler's start chunk sees them (module-graph.ts).
import { describe, expect, it } from 'vitest'
import { ASSISTANTS_FOLD_MODULES, FOLD_MODULES, reachedFrom } from '../../core/src/test-utils/module-graph.js'

const READER_MODULES = ['core/src/parse.ts', 'core/src/decode.ts', 'core/src/client/stream.ts']

describe('the start chunk of a run view', () => {
  it('reaches no wire’s fold and no stream reader, from useRunStream up to <RunTimeline>', () => {
    for (const entry of [
      'hooks/src/use-run-stream.ts',
      'hooks/src/controller/run-controller.ts',
      'components/src/timeline/index.ts',
    ]) {
      const reached = reachedFrom(entry)
      expect(reached.has(entry)).toBe(true)
      expect(
        [...ASSISTANTS_FOLD_MODULES, ...FOLD_MODULES, ...READER_MODULES].filter((module) =>
          reached.has(module),
        ),
        entry,
      ).toEqual([])
    }
  })

  it('each wire’s module brings its fold (the walk follows @runline/core to its modules)', () => {
    const assistants = reachedFrom('hooks/src/wire/assistants.ts')
    expect(ASSISTANTS_FOLD_MODULES.filter((module) => !assistants.has(module))).toEqual([])
    const responses = reachedFrom('hooks/src/wire/responses.ts')
    expect(FOLD_MODULES.filter((module) => !responses.has(module))).toEqual([])
  })
})
