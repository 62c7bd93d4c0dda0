// Setup for the jsdom projects (dom, react18). `@testing-library/react` resolves per project, so this
// configures the copy of Testing Library the tests of that project use.
import { configure } from '@testing-library/react'

// `waitFor` polls until its callback passes or its timeout runs out. Its 1 s default is wall clock:
// on a busy machine a simulator run, a React Query refetch or a few animation frames can take longer,
// and the test failed though the condition was about to hold. Waiting longer asserts the same thing
// (a condition that never holds still fails), only later. Calls that pass their own timeout keep it.
configure({ asyncUtilTimeout: 10_000 })
